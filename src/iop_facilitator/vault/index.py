"""The encrypted index: every record's id, version and summary, in one sealed file.

Listing never decrypts a record: the index does. It also knows each record's current version,
so an older copy of a record put back is caught, and which live sessions are finished.
It is rebuilt from the records when missing or damaged, and record files it does not list
(written just before a crash) are adopted when it is read.

At a career's scale the index holds tens of MB of summaries (review keeps its digests here).
Decoded into dicts all at once, that was some 250 MB at its peak; so each entry is kept as
its JSON text, cut out of the index without building the rest, and decoded only when asked
for. The bytes on disk are the same either way.
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
    open_record_parts,
    read_prefix,
    record_label,
    seal_record,
)
from iop_facilitator.vault.storage import TEMP_PREFIX, atomic_write, storage_error

INDEX_KIND = "index"
INDEX_ID = "index"
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def entry_json(entry: dict[str, Any] | None) -> str | None:
    """An index entry as the index file holds it: compact JSON text, ASCII (other characters
    escaped), so that Python keeps the index's text at one byte a character."""
    if entry is None:
        return None
    return json.dumps(entry, separators=(",", ":"))


@dataclass
class IndexedRecord:
    """What the index knows of one record without opening its file."""

    rev: int
    entry_json: str | None
    """The record's index entry as JSON text (None: stored without one)."""

    @classmethod
    def of(cls, rev: int, entry: dict[str, Any] | None) -> IndexedRecord:
        """The listing of a record at `rev` with this entry."""
        return cls(rev, entry_json(entry))

    @property
    def entry(self) -> dict[str, Any] | None:
        """The index entry, decoded (a fresh dict on every call)."""
        return None if self.entry_json is None else json.loads(self.entry_json)


class _IndexText:
    """Walks the index's JSON text (`{"records": {kind: {id: [rev, entry]}}, ...}`) without
    decoding the entries: each is cut out as text. Any valid JSON of that shape is read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def _skip(self) -> None:
        match = _SPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def _take(self, char: str) -> None:
        self._skip()
        if self.text[self.pos : self.pos + 1] != char:
            raise ValueError(f"the index has no {char!r} at {self.pos}")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, decoded."""
        self._skip()
        value, self.pos = _DECODER.raw_decode(self.text, self.pos)
        return value

    def raw(self) -> str:
        """The next JSON value's text (checked to be JSON, then let go)."""
        self._skip()
        start = self.pos
        value, self.pos = _DECODER.raw_decode(self.text, self.pos)
        text = self.text[start : self.pos]
        if not text.isascii():
            # An index written before the index went ASCII (or by another tool) holds text
            # unescaped; `write` seals ASCII, so such an entry is escaped once, here.
            return json.dumps(value, separators=(",", ":"))
        return text

    def keys(self) -> Iterator[str]:
        """The keys of the object that starts here; read each value before the next key."""
        self._take("{")
        self._skip()
        if self.text[self.pos : self.pos + 1] == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise ValueError("the index has a key that is not text")
            self._take(":")
            yield key
            self._skip()
            char = self.text[self.pos : self.pos + 1]
            self.pos += 1
            if char == "}":
                return
            if char != ",":
                raise ValueError(f"the index has no ',' or '}}' at {self.pos - 1}")

    def read(self) -> tuple[dict[str, dict[str, IndexedRecord]], set[str]]:
        """The records by kind and the finished sessions."""
        records: dict[str, dict[str, IndexedRecord]] = {}
        finished: set[str] = set()
        for top in self.keys():
            if top == "records":
                for kind in self.keys():
                    listed = records.setdefault(kind, {})
                    for record_id in self.keys():
                        self._take("[")
                        rev = self.value()
                        self._take(",")
                        entry = self.raw()
                        self._take("]")
                        listed[record_id] = IndexedRecord(rev, None if entry == "null" else entry)
            elif top == "finished_sessions":
                finished = set(self.value())
            else:
                self.value()  # a key this version does not use
        return records, finished


def _json_text(text: str) -> str:
    return json.dumps(text)


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
        self.records, self.finished, self.rev, self.problems = {}, set(), 0, []
        self.dirty = True  # until the file's contents are applied
        try:
            opened = self._open_file()
        except NewerFormat as error:
            raise VaultNewerError("index", error.version) from error
        except FormatProblem as error:
            self.problems.append(
                VaultDamagedError("index", f"{error}; it was rebuilt from the records")
            )
        else:
            if opened is None:
                self.problems.append(
                    VaultDamagedError("index", "it is missing; it was rebuilt from the records")
                )
            else:
                rev, text = opened
                self.records, self.finished = _IndexText(text).read()
                self.rev = rev
                self.dirty = False
        self._adopt_unlisted()

    def _open_file(self) -> tuple[int, str] | None:
        """The index file's revision and JSON text (None: no file); notes its stat and digest.

        Holds at most two copies of the index at any moment: each buffer is let go as soon
        as the next is made (file bytes, then plaintext, then text).
        """
        self._stat = self._stat_file()
        data = self._read_file()
        self._digest = _digest(data)
        if data is None:
            return None
        foreign = read_prefix(data, RECORD_MAGIC) != self._vault_id
        if foreign and not self._any_record_from_this_vault():
            # Index and records agree with each other, not with the key file: the key file
            # is the stranger, and no passphrase here can open the records.
            raise VaultDamagedError("key", "it belongs to another vault than the files beside it")
        name = self.file_name(INDEX_KIND, INDEX_ID)
        meta, plaintext, start = open_record_parts(
            self._keys, self._vault_id, INDEX_KIND, name, data
        )
        del data
        text = str(memoryview(plaintext)[start:], "utf-8")
        del plaintext
        return int(meta["rev"]), text

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
                kind, record.record_id, IndexedRecord.of(record.rev, record.entry), record.session
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
        # Written from each entry's text; byte for byte what `json.dumps(index,
        # separators=(",", ":"))` of the decoded index gives (ASCII: see `entry_json`).
        kinds = []
        for kind, records in self.records.items():
            listed = ",".join(
                f"{_json_text(rid)}:[{r.rev},{r.entry_json or 'null'}]"
                for rid, r in records.items()
            )
            kinds.append(f"{_json_text(kind)}:{{{listed}}}")
        finished = json.dumps(sorted(self.finished), separators=(",", ":"))
        text = f'{{"records":{{{",".join(kinds)}}},"finished_sessions":{finished}}}'
        payload = text.encode("ascii")
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
