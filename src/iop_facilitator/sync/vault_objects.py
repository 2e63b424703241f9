"""The vault's side of sync, over format 2: its record objects as `LocalObjects`.

The objects shared are the current versions' files under `records/<kind>/` (immutable,
named by kind, id and version); journals (live sessions), the index (a cache of the objects)
and sync's own records stay on this device. A fetched object is adopted: its file is written
create-only, and its version becomes the record's when it is newer than the one listed.

Adopting reaches into the vault's index under its lock (`Vault._locked`, `Vault._index`):
it belongs in `vault/` as a public `Vault.adopt(kind, name, data)`, which is storage's to add
(docs/sync.md, "What remains"); this module is its only user until then.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator

from iop_facilitator.sync.envelope import SyncKeys
from iop_facilitator.vault import Vault
from iop_facilitator.vault.index_log import Change
from iop_facilitator.vault.index_text import entry_json
from iop_facilitator.vault.objects import record_files
from iop_facilitator.vault.sealed import FormatProblem, NewerFormat, object_name, open_record
from iop_facilitator.vault.storage import atomic_write, make_folder, storage_error

SYNC_KIND = "sync-state"
"""Sync's own records in the vault (device key, remote, memory): never sent to a store."""

CONFLICT_PREFIX = "conflict "
"""Sync records holding another device's version of a record saved at the same version."""


def conflicts(vault: Vault) -> list[str]:
    """The conflict copies kept so far (`kind/name digest`), for status and review."""
    return [
        record_id[len(CONFLICT_PREFIX) :]
        for record_id in vault.ids(SYNC_KIND)
        if record_id.startswith(CONFLICT_PREFIX)
    ]


def sync_keys(vault: Vault) -> SyncKeys:
    """The sync keys of this vault (HKDF of its data key, with labels of their own)."""
    return SyncKeys.derive(vault._data_key)


class VaultObjects:
    """A vault's record objects, as sync reads and writes them."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.problems: list[str] = []

    def object_ids(self) -> Iterator[str]:
        """`kind/name` of every record object but sync's own."""
        for kind, name in record_files(self.vault.layout):
            if kind != SYNC_KIND:
                yield f"{kind}/{name}"

    def read_object(self, object_id: str) -> bytes:
        """The object file's bytes (sealed by the vault)."""
        kind, name = object_id.split("/", 1)
        path = self.vault.layout.record(kind, name)
        try:
            return path.read_bytes()
        except OSError as error:
            raise storage_error(error, f"the {kind} record") from error

    def write_object(self, object_id: str, data: bytes) -> bool:
        """Adopt a fetched object (see the module docstring); False if this device holds
        other bytes under that name (the same version saved on two devices)."""
        kind, name = object_id.split("/", 1)
        vault = self.vault
        try:
            record = open_record(vault._keys, vault.vault_id, kind, data, file_name=name)
        except (FormatProblem, NewerFormat) as error:
            self.problems.append(f"A fetched {kind} object did not open ({error}); not kept.")
            return True
        if object_name(vault._keys, kind, record.record_id, record.rev, record.version) != name:
            self.problems.append(f"A fetched {kind} object holds another version than its name.")
            return True
        path = vault.layout.record(kind, name)
        with vault._locked():
            vault._prepare_write()
            if path.exists():
                if path.read_bytes() == data:
                    return True
                # The same version saved on two devices: keep the other one, sealed, as a
                # conflict copy (never synced) for a person to choose.
                digest = hashlib.sha256(data).hexdigest()[:16]
                vault.put(SYNC_KIND, f"{CONFLICT_PREFIX}{object_id} {digest}", data)
                return False
            known = vault._index.get(kind, record.record_id)
            if known is not None and known.rev >= record.rev:
                return True  # an older version: the store keeps it, this device needs not
            try:
                make_folder(vault.layout.records / kind)
            except OSError as error:
                raise storage_error(error, f"the {kind} record") from error
            atomic_write(path, data, what=f"the {kind} record")
            entry = entry_json(record.entry)
            change = Change(kind, record.record_id, record.rev, entry, record.session)
            try:
                vault._index.append(change)
            except BaseException:
                with contextlib.suppress(OSError):
                    path.unlink()
                raise
            if known is not None:
                old = object_name(vault._keys, kind, record.record_id, known.rev, known.version)
                with contextlib.suppress(OSError):
                    vault.layout.record(kind, old).unlink()
        return True
