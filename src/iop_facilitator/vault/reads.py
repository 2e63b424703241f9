"""Reading records: one by id (authenticated and checked against the index), every id or
index entry of a kind (from the index, nothing decrypted), every record of a kind.

Part of `Vault` (a base class of it, kept apart by meaning).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iop_facilitator.vault.crypto import DataKeys
from iop_facilitator.vault.errors import (
    RecordNotFoundError,
    VaultDamagedError,
    VaultNewerError,
)
from iop_facilitator.vault.index import RecordIndex
from iop_facilitator.vault.index_text import KIND_PATTERN, IndexedRecord
from iop_facilitator.vault.objects import INDEX_KIND, LIVE_KIND, version_problem
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import (
    FormatProblem,
    NewerFormat,
    SealedRecord,
    object_name,
    open_record,
)
from iop_facilitator.vault.storage import storage_error


@dataclass(frozen=True)
class StoredRecord:
    """One record read while walking a kind: its payload, or why it could not be read."""

    record_id: str
    payload: bytes | None
    problem: VaultDamagedError | None = None


def check_kind(kind: str) -> None:
    """Refuse a kind that is not a folder name this vault can hold (or is reserved)."""
    if not KIND_PATTERN.match(kind) or kind in (INDEX_KIND, LIVE_KIND):
        raise ValueError(f"record kind {kind!r} must be lowercase letters, digits and dashes")


class RecordReads:
    """The reading half of `Vault` (which provides what is declared here)."""

    layout: VaultLayout
    vault_id: bytes
    _keys: DataKeys
    _index: RecordIndex
    _thread_lock: threading.RLock

    def refresh(self) -> None:
        """See `Vault.refresh`."""
        raise NotImplementedError

    def get(self, kind: str, record_id: str) -> bytes:
        """The payload of a record, authenticated and checked against the index.

        Raises `RecordNotFoundError`, or `VaultDamagedError` naming the file when it is
        changed, truncated, swapped, from another vault, or older than the index says.
        """
        check_kind(kind)
        with self._thread_lock:
            self.refresh()
            known = self._index.get(kind, record_id)
        if known is None:
            raise RecordNotFoundError(kind, record_id)
        record = self._read_record(kind, record_id, known)
        problem = version_problem(record.rev, known)
        if problem is not None:
            raise VaultDamagedError(self._shown_record(kind, record_id, known), problem)
        return record.payload

    def _object_path(self, kind: str, record_id: str, known: IndexedRecord) -> Path:
        name = object_name(self._keys, kind, record_id, known.rev, known.version)
        return self.layout.record(kind, name)

    def _shown_record(self, kind: str, record_id: str, known: IndexedRecord) -> str:
        shown = self.layout.shown(self._object_path(kind, record_id, known))
        return f"{shown} ({kind} {record_id!r})"

    def _read_record(self, kind: str, record_id: str, known: IndexedRecord) -> SealedRecord:
        path = self._object_path(kind, record_id, known)
        shown = self._shown_record(kind, record_id, known)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise VaultDamagedError(shown, "it is missing although the index lists it") from None
        except OSError as error:
            raise storage_error(error, f"the {kind} record") from error
        try:
            record = open_record(self._keys, self.vault_id, kind, data, file_name=path.name)
        except NewerFormat as error:
            raise VaultNewerError(shown, error.version) from error
        except FormatProblem as error:
            raise VaultDamagedError(shown, str(error)) from error
        if record.record_id != record_id:
            raise VaultDamagedError(
                shown, "it holds another record than its name says (swapped or renamed)"
            )
        return record

    def ids(self, kind: str) -> list[str]:
        """The ids of every record of `kind`, sorted (from the index: nothing is decrypted)."""
        with self._thread_lock:
            self.refresh()
            return sorted(self._index.records.get(kind, {}))

    def index_entries(self, kind: str) -> dict[str, dict[str, Any]]:
        """Each record's index entry (records stored without one are left out)."""
        with self._thread_lock:
            self.refresh()
            return {
                rid: json.loads(r.entry_json)
                for rid, r in self._index.records.get(kind, {}).items()
                if r.entry_json is not None
            }

    def index_entries_json(self, kind: str) -> dict[str, str]:
        """Each record's index entry as JSON text, undecoded (as `index_entries`): for a
        caller that validates it straight into its own model, with no dicts in between."""
        with self._thread_lock:
            self.refresh()
            return {
                rid: r.entry_json
                for rid, r in self._index.records.get(kind, {}).items()
                if r.entry_json is not None
            }

    def records(self, kind: str) -> Iterator[StoredRecord]:
        """Every record of `kind`, decrypted one at a time; a damaged one is reported in its
        `problem` and never stops the others."""
        for record_id in self.ids(kind):
            try:
                yield StoredRecord(record_id, self.get(kind, record_id))
            except VaultDamagedError as error:
                yield StoredRecord(record_id, None, error)
