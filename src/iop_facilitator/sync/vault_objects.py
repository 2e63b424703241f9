"""The vault's side of sync, over format 2: its record objects as `LocalObjects`.

The objects shared are the current versions' files under `records/<kind>/` (immutable,
named by kind, id and version; id `kind/name`) and the conflict copies (id
`kind/name/digest`); journals (live sessions), the index (a cache of the objects) and sync's
own records stay on this device. A fetched object is adopted: its file is written
create-only, and its version becomes the record's when it is newer than the one listed.

The same version of a record saved on two devices has one file name and two contents. Every
device settles it the same way, whatever the order of syncs: the content with the lower
SHA-256 is in use, the other is kept as a conflict copy (sealed, of kind `sync-state`), and
conflict copies travel like objects, so all devices end with the same record and the same
copies for a person to choose from.

Adopting reaches into the vault's index (`Vault._index`, under `Vault.writing()`):
it belongs in `vault/` as a public `Vault.adopt(kind, name, data)`, which is storage's to add
(docs/sync.md, "What remains"); this module is its only user until then.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from iop_facilitator.atomic_file import fsync_folder, write_all
from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.sync.envelope import SyncKeys
from iop_facilitator.vault import RecordNotFoundError, Vault
from iop_facilitator.vault.index_log import Change
from iop_facilitator.vault.index_text import entry_json
from iop_facilitator.vault.sealed import (
    FormatProblem,
    NewerFormat,
    SealedRecord,
    object_name,
    open_record,
)
from iop_facilitator.vault.storage import (
    FILE_MODE,
    TEMP_PREFIX,
    atomic_write,
    make_folder,
    storage_error,
)

SYNC_KIND = RecordKind.SYNC_STATE
"""Sync's own records in the vault (device key, remote, memory): never sent to a store."""

CONFLICT_PREFIX = "conflict "
"""Sync records holding a version of a record that lost to another saved at the same version."""


def conflicts(vault: Vault) -> list[str]:
    """The conflict copies kept so far (`kind/name/digest`), for status and review."""
    return [
        record_id[len(CONFLICT_PREFIX) :]
        for record_id in vault.ids(SYNC_KIND)
        if record_id.startswith(CONFLICT_PREFIX)
    ]


def sync_keys(vault: Vault) -> SyncKeys:
    """The sync keys of this vault (HKDF of its data key, with labels of their own)."""
    return SyncKeys.derive(vault._data_key)


_OBJECT_ID = re.compile(r"[a-z][a-z0-9-]{0,30}/[0-9a-f]{32}(/[0-9a-f]{16})?")
"""`kind/name` of a record object, or `kind/name/digest` of a conflict copy: nothing else is
written, whatever a pack says (a pack opens only under this vault's keys, but a name that
could climb out of `records/` is refused all the same)."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


class VaultObjects:
    """A vault's record objects, as sync reads and writes them."""

    def __init__(self, vault: Vault, *, fresh: bool = False) -> None:
        self.vault = vault
        self.problems: list[str] = []
        # A clone fills a new folder: no fsync per object (a clone cut short is started again
        # in a new folder); the caller syncs the disk once at the end.
        self.fresh = fresh
        # Inside `keeping`: new objects waiting to be written together at its end.
        self._pending: list[_NewObject] | None = None

    def object_ids(self) -> Iterator[str]:
        """`kind/name` of every record version the index lists (sync's own records left out),
        and every conflict copy. A file the index does not list (a pull cut short between the
        file and its index change) is not held: the next pull fetches and lists it."""
        vault = self.vault
        # A copy taken under the vault's lock: the app may save on another thread meanwhile.
        with vault.writing():
            listed = [
                (kind, record_id, known)
                for kind, records in vault._index.records.items()
                if kind != SYNC_KIND
                for record_id, known in records.items()
            ]
        for kind, record_id, known in listed:
            yield f"{kind}/{object_name(vault._keys, kind, record_id, known.rev, known.version)}"
        yield from conflicts(vault)

    def read_object(self, object_id: str) -> bytes:
        """The object file's bytes (sealed by the vault), or a conflict copy's."""
        if object_id.count("/") == 2:
            return self.vault.get(SYNC_KIND, CONFLICT_PREFIX + object_id)
        kind, name = object_id.split("/", 1)
        try:
            return self.vault.layout.record(kind, name).read_bytes()
        except OSError as error:
            raise storage_error(error, f"the {kind} record") from error

    def write_object(self, object_id: str, data: bytes) -> bool:
        """Adopt a fetched object (see the module docstring); False when this device keeps
        other bytes in use under that name (the fetched ones are then a conflict copy)."""
        if not _OBJECT_ID.fullmatch(object_id) or object_id.startswith(f"{SYNC_KIND}/"):
            self.problems.append("A fetched object had a name no vault object has; not kept.")
            return True
        if object_id.count("/") == 2:
            self._keep_copy(object_id.rsplit("/", 1)[0], data)
            return True
        kind, name = object_id.split("/", 1)
        record = self._opened(kind, name, data)
        if record is None:
            return True
        vault = self.vault
        path = vault.layout.record(kind, name)
        with vault.writing():
            known = vault._index.get(kind, record.record_id)
            if path.exists():
                held = path.read_bytes()
                if held == data:
                    if known is None or known.rev < record.rev:  # left by a pull cut short
                        vault._index.append(
                            self._change(kind, record), durable=vault._batch_depth == 0
                        )
                    return True
                winner, loser = sorted((held, data), key=lambda b: hashlib.sha256(b).digest())
                self._keep_copy(object_id, loser)
                if winner is held:
                    return False
                atomic_write(path, data, what=f"the {kind} record")
                vault._index.append(self._change(kind, record), durable=vault._batch_depth == 0)
                return True
            if known is not None and known.rev >= record.rev:
                return True  # an older version: the store keeps it, this device needs not
            old = None
            if known is not None:
                old_name = object_name(
                    vault._keys, kind, record.record_id, known.rev, known.version
                )
                old = vault.layout.record(kind, old_name)
            new = _NewObject(path, data, self._change(kind, record), old)
            if self._pending is not None:
                self._pending.append(new)
            else:
                _write_together(vault, [new], durable=not self.fresh)
        return True

    @contextmanager
    def keeping(self) -> Iterator[None]:
        """One pack's new objects written together at the end: their files fsynced in
        parallel, then their changes appended to the index log under one fsync."""
        with self.vault.batch():
            self._pending = []
            try:
                yield
                _write_together(self.vault, self._pending, durable=not self.fresh)
            finally:
                self._pending = None

    def _opened(self, kind: str, name: str, data: bytes) -> SealedRecord | None:
        """The fetched record, if it opens under this vault's keys as the version its name says."""
        vault = self.vault
        try:
            record = open_record(vault._keys, vault.vault_id, kind, data, file_name=name)
        except (FormatProblem, NewerFormat) as error:
            self.problems.append(f"A fetched {kind} object did not open ({error}); not kept.")
            return None
        if object_name(vault._keys, kind, record.record_id, record.rev, record.version) != name:
            self.problems.append(f"A fetched {kind} object holds another version than its name.")
            return None
        return record

    @staticmethod
    def _change(kind: str, record: SealedRecord) -> Change:
        return Change(kind, record.record_id, record.rev, entry_json(record.entry), record.session)

    def _keep_copy(self, object_id: str, data: bytes) -> None:
        """Keep `data` as a conflict copy of `object_id` (`kind/name`), once."""
        record_id = f"{CONFLICT_PREFIX}{object_id}/{_digest(data)}"
        try:
            self.vault.get(SYNC_KIND, record_id)
        except RecordNotFoundError:
            self.vault.put(SYNC_KIND, record_id, data)
            self.problems.append(
                f"A {object_id.split('/', 1)[0]} was saved on two devices at the same version; "
                "both versions are kept: one in use on every device, the other as a conflict "
                "copy to choose from."
            )


@dataclass(frozen=True)
class _NewObject:
    """A fetched object to add: its file, bytes, index change and the version it replaces."""

    path: Path
    data: bytes
    change: Change
    replaces: Path | None


def _write_file(new: _NewObject, durable: bool = True) -> None:
    """Write (and fsync) `new` under a temporary name, then give it its name."""
    temp = new.path.with_name(f"{TEMP_PREFIX}{new.path.name}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        write_all(fd, new.data)
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, new.path)


def _write_together(vault: Vault, objects: list[_NewObject], *, durable: bool) -> None:
    """Add fetched objects: files first (fsynced in parallel: one at a time would cost a
    disk flush each), their folders, then the index changes that make them the records'
    versions (a crash before leaves only unlisted files, which the next sync adopts)."""
    if not objects:
        return
    folders = {new.path.parent for new in objects}
    try:
        for folder in folders:
            make_folder(folder)
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda new: _write_file(new, durable), objects))
        for folder in folders if durable else ():
            fsync_folder(folder)
    except OSError as error:
        raise storage_error(error, "a record fetched from the store") from error
    for new in objects:
        vault._index.append(new.change, durable=vault._batch_depth == 0)
    for new in objects:
        if new.replaces is not None:
            with contextlib.suppress(OSError):  # a leftover only costs space
                new.replaces.unlink()
