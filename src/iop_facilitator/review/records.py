"""What review needs from the vault, as a protocol, and the record kinds review itself writes.

Review reads the engine's finished sessions and the vault's encrypted index, and writes only
three small kinds of its own: the therapist's clinical notes (with their addenda), the
handling of safety flags, and the access log of exports. Everything else is read-only here.
"""

from __future__ import annotations

from typing import Any, Protocol

CLINICAL_NOTE = "clinical-note"
FLAG_HANDLED = "flag-handled"
ACCESS_LOG = "access-log"


class RecordStore(Protocol):
    """The part of `iop_facilitator.vault.Vault` that review uses (see docs/architecture.md)."""

    def put(
        self,
        kind: str,
        record_id: str,
        payload: bytes,
        *,
        index_entry: dict[str, Any] | None = None,
    ) -> None: ...

    def get(self, kind: str, record_id: str) -> bytes: ...

    def ids(self, kind: str) -> list[str]: ...

    def index_entries(self, kind: str) -> dict[str, dict[str, Any]]: ...

    def index_entries_json(self, kind: str) -> dict[str, str]: ...
