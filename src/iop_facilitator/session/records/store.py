"""The part of the vault the records and review use, as one protocol (so a change to the
vault's surface is made once)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol


class Store(Protocol):
    """The part of `iop_facilitator.vault.Vault` the session's records and review use."""

    def put(
        self,
        kind: str,
        record_id: str,
        payload: bytes,
        *,
        index_entry: dict[str, Any] | None = None,
    ) -> None: ...

    def get(self, kind: str, record_id: str) -> bytes: ...

    def writing(self) -> AbstractContextManager[None]:
        """Hold the vault's write lock from a read to the write that depends on it."""
        ...

    def ids(self, kind: str) -> list[str]: ...

    def index_entries(self, kind: str) -> dict[str, dict[str, Any]]: ...

    def index_entries_json(self, kind: str) -> dict[str, str]: ...

    def open_journal(self, session_id: str) -> Any: ...

    def unfinished_sessions(self) -> list[str]: ...

    def finish_session(
        self,
        session_id: str,
        kind: str,
        record_id: str,
        payload: bytes,
        index_entry: dict[str, Any] | None = None,
    ) -> None: ...
