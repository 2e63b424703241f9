"""The encrypted index: every record's id, version and summary, in one sealed file.

Listing never decrypts a record: the index does. It also knows each record's current version,
so an older copy of a record put back is caught, and which live sessions are finished.
It is rebuilt from the records when missing or damaged, and record files it does not list
(written just before a crash) are adopted when it is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from iop_facilitator.vault.crypto import DataKeys
from iop_facilitator.vault.errors import VaultDamagedError, VaultNewerError
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import (
    PREFIX_BYTES,
    RECORD_MAGIC,
    FormatProblem,
    NewerFormat,
    SealedRecord,
    open_record,
    read_prefix,
    record_label,
    seal_record,
)
from iop_facilitator.vault.storage import TEMP_PREFIX, atomic_write, storage_error

INDEX_KIND = "index"
INDEX_ID = "index"
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


@dataclass
class IndexedRecord:
    """What the index knows of one record without opening its file."""

    rev: int
    entry: dict[str, Any] | None


def _digest(data: bytes | None) -> bytes:
    return b"" if data is None else hashlib.blake2b(data, digest_size=16).digest()


class RecordIndex:
    """The in-memory copy of the index file, and how it is read, checked and written.

    Not thread-safe and takes no lock itself: the `Vault` holds its locks around every call.
    """

    def __init__(self, layout: VaultLayout, keys: DataKeys, vault_id: bytes) -> None:
        self._layout = layout
        self._keys = keys
        self._vault_id = vault_id
        self.records: dict[str, dict[str, IndexedRecord]] = {}
        self.finished: set[str] = set()
        """Ids of live sessions stored as finished records (their journals are leftovers)."""
        self.rev = 0
        self.dirty = False
        """The in-memory index holds changes the file does not (yet) have."""
        self.problems: list[VaultDamagedError] = []
        """Damage found while reading (a rebuilt index, unreadable unlisted files)."""
        self._stat: tuple[int, int, int] | None = None
        self._digest = b""

    def file_name(self, kind: str, record_id: str) -> str:
        """The record file's name (an HMAC of kind and id)."""
        return self._keys.file_name(record_label(kind, record_id))

    def get(self, kind: str, record_id: str) -> IndexedRecord | None:
        """What the index lists for one record, if anything."""
        return self.records.get(kind, {}).get(record_id)

    def set(self, kind: str, record_id: str, listed: IndexedRecord, session: str | None) -> None:
        """List a record (after its file was written); `session` marks a finished session."""
        self.records.setdefault(kind, {})[record_id] = listed
        if session is not None:
            self.finished.add(session)
        self.dirty = True

    # -- reading ---------------------------------------------------------------------------

    def _stat_file(self) -> tuple[int, int, int] | None:
        try:
            st = self._layout.index.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _read_file(self) -> bytes | None:
        try:
            return self._layout.index.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise storage_error(error, "the index") from error

    def load(self) -> None:
        """Read the index; rebuild it from the record files if it is missing or damaged.

        Raises `VaultNewerError`, or `VaultDamagedError` when the index and the records agree
        with each other but not with the key file (a key file from another vault).
        """
        self._stat = self._stat_file()
        data = self._read_file()
        self._digest = _digest(data)
        self.records, self.finished, self.rev, self.problems = {}, set(), 0, []
        self.dirty = True  # until the file's contents are applied
        if data is None:
            self.problems.append(
                VaultDamagedError("index", "it is missing; it was rebuilt from the records")
            )
        else:
            try:
                foreign = read_prefix(data, RECORD_MAGIC) != self._vault_id
                if foreign and not self._any_record_from_this_vault():
                    # Index and records agree with each other, not with the key file: the
                    # key file is the stranger, and no passphrase here can open the records.
                    raise VaultDamagedError(
                        "key", "it belongs to another vault than the files beside it"
                    )
                name = self.file_name(INDEX_KIND, INDEX_ID)
                record = open_record(self._keys, self._vault_id, INDEX_KIND, name, data)
                self._apply(json.loads(record.payload), record.rev)
            except NewerFormat as error:
                raise VaultNewerError("index", error.version) from error
            except FormatProblem as error:
                self.problems.append(
                    VaultDamagedError("index", f"{error}; it was rebuilt from the records")
                )
        self._adopt_unlisted()

    def _apply(self, index: dict[str, Any], rev: int) -> None:
        self.rev = rev
        self.finished = set(index["finished_sessions"])
        self.records = {
            kind: {rid: IndexedRecord(rev=r[0], entry=r[1]) for rid, r in records.items()}
            for kind, records in index["records"].items()
        }
        self.dirty = False

    def _any_record_from_this_vault(self) -> bool:
        for kind, name in self.record_files():
            try:
                with open(self._layout.record(kind, name), "rb") as file:
                    prefix = file.read(PREFIX_BYTES)
                return read_prefix(prefix, RECORD_MAGIC) == self._vault_id
            except (OSError, FormatProblem, NewerFormat):
                continue
        return False

    def record_files(self) -> Iterator[tuple[str, str]]:
        """Every (kind, file name) under records/, skipping temp files."""
        try:
            kinds = sorted(os.listdir(self._layout.records))
        except OSError:  # missing, or not a folder: no records to find
            return
        for kind in kinds:
            if not KIND_PATTERN.match(kind):
                continue
            try:
                names = sorted(os.listdir(self._layout.records / kind))
            except OSError:
                continue  # a stray file where a kind's folder would be: not a record
            for name in names:
                if not name.startswith(TEMP_PREFIX):
                    yield kind, name

    def _adopt_unlisted(self) -> None:
        """List every record file the index does not (written just before a crash, or listed
        in a damaged index): one listing of the folder, no decryption otherwise."""
        known = {
            (kind, self.file_name(kind, rid))
            for kind, records in self.records.items()
            for rid in records
        }
        for kind, name in self.record_files():
            if (kind, name) in known:
                continue
            path = self._layout.record(kind, name)
            try:
                record = open_record(self._keys, self._vault_id, kind, name, path.read_bytes())
            except (FormatProblem, NewerFormat, OSError) as error:
                self.problems.append(VaultDamagedError(self._layout.shown(path), str(error)))
                continue
            self.set(
                kind, record.record_id, IndexedRecord(record.rev, record.entry), record.session
            )

    def refresh_if_changed(self) -> None:
        """Re-read the index if its file's inode, size or time changed (a cheap `stat`)."""
        if self._stat_file() != self._stat:
            self.load()

    def refresh_before_writing(self) -> None:
        """Under the vault lock: compare the file's bytes, not only its `stat` (an inode number
        can be reused within one timestamp tick), and re-read it if another copy wrote it."""
        if _digest(self._read_file()) != self._digest:
            self.load()

    # -- writing ---------------------------------------------------------------------------

    def write(self) -> None:
        """Seal the index and replace its file atomically (raises `StorageError`)."""
        index = {
            "records": {
                kind: {rid: [r.rev, r.entry] for rid, r in records.items()}
                for kind, records in self.records.items()
            },
            "finished_sessions": sorted(self.finished),
        }
        payload = json.dumps(index, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        data = seal_record(
            self._keys,
            self._vault_id,
            INDEX_KIND,
            SealedRecord(INDEX_ID, self.rev + 1, None, None, payload),
        )
        atomic_write(self._layout.index, data, what="the vault's index")
        self._digest = _digest(data)
        self.rev += 1
        self._stat = self._stat_file()
        self.dirty = False
