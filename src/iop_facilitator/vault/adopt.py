"""Adopting record objects made elsewhere (another device's copy of this vault, via sync).

A format-2 record object is immutable and named by the HMAC of its kind, id and version, so
an object sealed by another copy of this vault (same keys) can be put in place as it is: its
file is written under its name, and its version becomes the record's when it is newer than
the one the index lists (the change appended to the index log is the commit point, as for a
`put`). Nothing here decides between two different objects of the same name (the same
version saved on two devices): the caller settles that and says which bytes to keep.

Part of `Vault` (a base class of it, kept apart by meaning).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from iop_facilitator.atomic_file import fsync_folder
from iop_facilitator.vault.crypto import DataKeys
from iop_facilitator.vault.index import RecordIndex
from iop_facilitator.vault.index_log import Change
from iop_facilitator.vault.index_text import entry_json
from iop_facilitator.vault.objects import LIVE_KIND
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import FormatProblem, NewerFormat, object_name, open_record
from iop_facilitator.vault.storage import (
    FILE_MODE,
    TEMP_PREFIX,
    make_folder,
    storage_error,
    write_all,
)

# Files of one adoption are fsynced in parallel: one after the other would cost a disk flush
# each, which dominates a sync of many small objects.
_FSYNC_THREADS = 8


class ObjectRefused(Exception):
    """A fetched object that is not a version of a record of this vault; nothing was kept."""

    def __init__(self, why: str, *, opened: bool) -> None:
        super().__init__(why)
        self.why = why
        self.opened = opened
        """True when it opened under this vault's keys but holds another version than its
        name says (False: it did not open at all)."""


@dataclass(frozen=True)
class FetchedObject:
    """A sealed record object checked by `Vault.check_object`, ready for `Vault.adopt`."""

    kind: str
    name: str
    data: bytes
    record_id: str
    rev: int
    change: Change
    """The index change that lists it (internal to the vault)."""


class ObjectAdoption:
    """The adopting part of `Vault` (which provides what is declared here)."""

    layout: VaultLayout
    vault_id: bytes
    _keys: DataKeys
    _index: RecordIndex
    _batch_depth: int

    def writing(self) -> AbstractContextManager[None]:
        """See `Vault.writing`."""
        raise NotImplementedError

    def listed_objects(self, *, leave_out: str | None = None) -> list[tuple[str, str]]:
        """`(kind, object name)` of every record version the index lists (kind `leave_out`
        excepted), read under the vault lock: what this vault holds for another to adopt.
        An object file the index does not list (an adoption cut short before its index
        change) is not held, and neither are live sessions: their index entries have no object
        file (journals never travel)."""
        with self.writing():
            listed = [
                (kind, record_id, known)
                for kind, records in self._index.records.items()
                if kind not in (leave_out, LIVE_KIND)
                for record_id, known in records.items()
            ]
        return [
            (kind, object_name(self._keys, kind, record_id, known.rev, known.version))
            for kind, record_id, known in listed
        ]

    def check_object(self, kind: str, name: str, data: bytes) -> FetchedObject:
        """`data` authenticated as the object `records/<kind>/<name>` of this vault.

        Raises `ObjectRefused` when it does not open under this vault's keys, or holds
        another version than its name says (a swapped object).
        """
        try:
            record = open_record(self._keys, self.vault_id, kind, data, file_name=name)
        except (FormatProblem, NewerFormat) as error:
            raise ObjectRefused(str(error), opened=False) from error
        if object_name(self._keys, kind, record.record_id, record.rev, record.version) != name:
            raise ObjectRefused("it holds another version than its name", opened=True)
        change = Change(
            kind, record.record_id, record.rev, entry_json(record.entry), record.session
        )
        return FetchedObject(kind, name, data, record.record_id, record.rev, change)

    def listed_rev(self, kind: str, record_id: str) -> int | None:
        """The version the index lists for a record (None: not listed). Call it inside
        `Vault.writing()` when what follows depends on it."""
        known = self._index.get(kind, record_id)
        return None if known is None else known.rev

    def held_object(self, kind: str, name: str) -> bytes | None:
        """The bytes of the object file `records/<kind>/<name>` here, if there is one (listed
        or not). Raises `StorageError`."""
        try:
            return self.layout.record(kind, name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise storage_error(error, f"the {kind} record") from error

    def adopt(
        self,
        objects: Sequence[FetchedObject],
        *,
        durable: bool = True,
        what: str = "a fetched record",
    ) -> None:
        """Make fetched objects part of this vault, under its write lock.

        For each object: a file under its name holding the same bytes is kept as it is; other
        bytes there are replaced (the caller chose these); then its version is listed when
        it is newer than the listed one (or the same version whose file was just replaced),
        and the version it supersedes is removed. An object older than the listed version is
        left out. Files are written first (fsynced in parallel unless `durable` is False: a
        fresh clone syncs the disk once at its end), then the index changes, appended under
        one fsync inside `Vault.batch()`: a crash in between leaves only unlisted files,
        which a later adoption lists. Raises `StorageError` (naming `what`).
        """
        if not objects:
            return
        with self.writing():
            plan = [step for obj in objects if (step := self._plan(obj)) is not None]
            writes = [step for step in plan if step.write]
            try:
                folders = {self.layout.record(s.obj.kind, s.obj.name).parent for s in writes}
                for folder in folders:
                    make_folder(folder)
                with ThreadPoolExecutor(_FSYNC_THREADS) as pool:
                    list(pool.map(lambda step: self._write_file(step.obj, durable), writes))
                for folder in folders if durable else ():
                    fsync_folder(folder)
            except OSError as error:
                raise storage_error(error, what) from error
            for step in plan:
                if step.listed:
                    self._index.append(step.obj.change, durable=self._batch_depth == 0)
            for step in plan:
                if step.replaces is not None:
                    with contextlib.suppress(OSError):  # a leftover only costs space
                        step.replaces.unlink()

    def _plan(self, obj: FetchedObject) -> _Step | None:
        known = self._index.get(obj.kind, obj.record_id)
        held = self.held_object(obj.kind, obj.name)
        if held is None and known is not None and known.rev >= obj.rev:
            return None  # an older version: another copy keeps it, this one needs not
        write = held != obj.data
        newer = known is None or known.rev < obj.rev
        listed = newer or (write and known is not None and known.rev == obj.rev)
        replaces = None
        if newer and known is not None:
            old = object_name(self._keys, obj.kind, obj.record_id, known.rev, known.version)
            if old != obj.name:
                replaces = self.layout.record(obj.kind, old)
        return _Step(obj, write=write, listed=listed, replaces=replaces)

    def _write_file(self, obj: FetchedObject, durable: bool) -> None:
        """Write (and fsync) the object under a temporary name, then give it its name."""
        path = self.layout.record(obj.kind, obj.name)
        temp = path.with_name(f"{TEMP_PREFIX}{path.name}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            write_all(fd, obj.data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)


@dataclass(frozen=True)
class _Step:
    obj: FetchedObject
    write: bool
    listed: bool
    replaces: Path | None
