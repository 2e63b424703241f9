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

Checking and adopting an object are the vault's (`Vault.check_object`, `Vault.adopt`);
which of two different objects of one name is in use is decided here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.sync.envelope import SyncKeys
from iop_facilitator.vault import FetchedObject, ObjectRefused, RecordNotFoundError, Vault
from iop_facilitator.vault.storage import storage_error

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


_FETCHED = "a record fetched from the store"

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
        self._pending: list[FetchedObject] | None = None

    def object_ids(self) -> Iterator[str]:
        """`kind/name` of every record version the index lists (sync's own records left out),
        and every conflict copy. A file the index does not list (a pull cut short between the
        file and its index change) is not held: the next pull fetches and lists it."""
        # `listed_objects` copies under the vault's lock: the app may save on another thread.
        for kind, name in self.vault.listed_objects(leave_out=SYNC_KIND):
            yield f"{kind}/{name}"
        yield from conflicts(self.vault)

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
        fetched = self._opened(kind, name, data)
        if fetched is None:
            return True
        vault = self.vault
        with vault.writing():
            held = vault.held_object(kind, name)
            if held is not None:
                if held != data:
                    winner, loser = sorted((held, data), key=lambda b: hashlib.sha256(b).digest())
                    self._keep_copy(object_id, loser)
                    if winner is held:
                        return False
                # The same bytes left by a pull cut short (listed if newer), or ours lost.
                vault.adopt([fetched], what=_FETCHED)
                return True
            listed = vault.listed_rev(kind, fetched.record_id)
            if listed is not None and listed >= fetched.rev:
                return True  # an older version: the store keeps it, this device needs not
            if self._pending is not None:
                self._pending.append(fetched)
            else:
                vault.adopt([fetched], durable=not self.fresh, what=_FETCHED)
        return True

    @contextmanager
    def keeping(self) -> Iterator[None]:
        """One pack's new objects written together at the end: their files fsynced in
        parallel, then their changes appended to the index log under one fsync."""
        with self.vault.batch():
            self._pending = []
            try:
                yield
                self.vault.adopt(self._pending, durable=not self.fresh, what=_FETCHED)
            finally:
                self._pending = None

    def _opened(self, kind: str, name: str, data: bytes) -> FetchedObject | None:
        """The fetched record, if it opens under this vault's keys as the version its name says."""
        try:
            return self.vault.check_object(kind, name, data)
        except ObjectRefused as refused:
            if refused.opened:
                self.problems.append(
                    f"A fetched {kind} object holds another version than its name."
                )
            else:
                self.problems.append(f"A fetched {kind} object did not open ({refused}); not kept.")
            return None

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
