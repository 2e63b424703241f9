"""Backup, sync and clone of a vault: what `vault remote`, `sync`, `backup`, `clone` and
`status` do, with sync's own state kept sealed in the vault (kind `sync-state`).

The state: this device's Ed25519 key (`device`), the remote (`remote`: a URL and options,
never a credential) and, per store, what this device remembers of it (`memory <store>`).
The vault's key file also goes to the store, under an unkeyed name (`keyfile_name`): it is
sealed by the passphrase and the recovery key, and `clone` needs it before any key exists.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from iop_facilitator.errors import UserError
from iop_facilitator.sync.check import check_store
from iop_facilitator.sync.engine import Progress, Sync
from iop_facilitator.sync.errors import RemoteError
from iop_facilitator.sync.heads import DeviceKey
from iop_facilitator.sync.local import SyncReport
from iop_facilitator.sync.memory import SyncMemory
from iop_facilitator.sync.remote import Remote, check_create_only
from iop_facilitator.sync.store import ObjectStore
from iop_facilitator.sync.vault_objects import SYNC_KIND, VaultObjects, sync_keys
from iop_facilitator.vault import RecordNotFoundError, Vault
from iop_facilitator.vault.check import check_vault
from iop_facilitator.vault.errors import WrongPassphraseError

KEYFILE_PREFIX = "0" * 16
"""Key files are named by this prefix and a hash of their bytes, so that `clone` finds them
without a key; the store can tell them apart (they are 224 bytes sealed by Argon2id)."""

_NO_REMOTE = b""


def keyfile_name(data: bytes) -> str:
    """The store name of a key file."""
    return KEYFILE_PREFIX + hashlib.sha256(data).hexdigest()[: 64 - len(KEYFILE_PREFIX)]


def _state(vault: Vault, record_id: str) -> bytes | None:
    try:
        return vault.get(SYNC_KIND, record_id)
    except RecordNotFoundError:
        return None


def device_key(vault: Vault) -> DeviceKey:
    """This device's signing key, made on the first sync."""
    raw = _state(vault, "device")
    if raw is not None:
        return DeviceKey.from_bytes(raw)
    key = DeviceKey.generate()
    vault.put(SYNC_KIND, "device", key.private_bytes())
    return key


def current_remote(vault: Vault) -> Remote | None:
    """The remote set with `vault remote set`, if any."""
    raw = _state(vault, "remote")
    return None if not raw else Remote.model_validate_json(raw)


def set_remote(vault: Vault, remote: Remote, *, probe: bool = True) -> None:
    """Check the store (reachable, bucket, credentials, create-only writes), then keep it
    (a clone keeps the store it came from without probing it again)."""
    if probe:
        store = remote.open()
        store.names()
        check_create_only(store, sync_keys(vault))
    vault.put(SYNC_KIND, "remote", remote.model_dump_json().encode())


def unset_remote(vault: Vault) -> None:
    """Forget the remote (the store keeps what it holds)."""
    vault.put(SYNC_KIND, "remote", _NO_REMOTE)


def memory_for(vault: Vault, store: ObjectStore) -> SyncMemory:
    """What this device remembers of `store` (empty before the first sync with it)."""
    raw = _state(vault, f"memory {store.description}")
    return SyncMemory() if raw is None else SyncMemory.from_bytes(raw)


def sync_vault(
    vault: Vault,
    store: ObjectStore,
    now: Callable[[], datetime],
    *,
    push: bool = True,
    fresh: bool = False,
    progress: Progress | None = None,
) -> SyncReport:
    """One sync (or, without `push`, a pull) of `vault` with `store`; the memory is saved
    after the sync returned, so a sync cut short is taken up again from where it was.
    `fresh`: filling a new clone (one disk sync at the end instead of one per object)."""
    keys = sync_keys(vault)
    key = device_key(vault)
    remembered = memory_for(vault, store)
    keyfile = None
    if push:
        data = vault.layout.key_file.read_bytes()
        keyfile = keyfile_name(data)
        if remembered.keyfile != keyfile:  # new, or a new passphrase since the last sync
            store.put_new(keyfile, data)  # False: already there
    objects = VaultObjects(vault, fresh=fresh)
    # No vault lock across the network: each fetched object takes it briefly, so a session
    # finished meanwhile is saved at once.
    run = Sync(store, keys, key, remembered, now, progress=progress)
    # A new clone is this process's alone: one batch, so its index is written once.
    with vault.batch() if fresh else contextlib.nullcontext():
        report, memory = run.run(objects, push=push)
    if fresh:
        os.sync()
    memory.keyfile = keyfile or memory.keyfile
    vault.put(SYNC_KIND, f"memory {store.description}", memory.to_bytes())
    report.problems += objects.problems
    return report


def check_remote(vault: Vault, store: ObjectStore, now: Callable[[], datetime]) -> SyncReport:
    """Read and check everything `store` holds for this vault, writing nothing anywhere."""
    memory = memory_for(vault, store)
    return check_store(store, sync_keys(vault), memory, now, me=device_key(vault).device_id)


def unsent(vault: Vault, store: ObjectStore) -> tuple[int, datetime | None]:
    """How many objects of this vault `store` is not known to hold, and when they last synced."""
    memory = memory_for(vault, store)
    waiting = set(VaultObjects(vault).object_ids()) - memory.known.keys()
    return len(waiting), memory.last_sync


def clone(
    store: ObjectStore,
    folder: Path,
    passphrase: str,
    now: Callable[[], datetime],
    progress: Progress | None = None,
    *,
    recovery_key: str | None = None,
) -> tuple[Vault, SyncReport]:
    """A new copy of the vault in `folder` (new or empty), opened with `passphrase`, holding
    everything the store holds. With `recovery_key` it is opened with that instead, and
    `passphrase` becomes the copy's new passphrase (the next sync puts its key file)."""
    if folder.exists() and any(folder.iterdir()):
        raise UserError(f"The folder {folder} is not empty; clone into a new folder.")
    candidates = [name for name in store.names() if name.startswith(KEYFILE_PREFIX)]
    if not candidates:
        raise RemoteError(f"The store {store.description} holds no vault to clone.")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name in candidates:
        (folder / "key").write_bytes(store.get(name))
        os.chmod(folder / "key", 0o600)
        try:
            if recovery_key is None:
                vault = Vault.unlock(folder, passphrase)
            else:
                vault = Vault.recover(folder, recovery_key, passphrase)
        except WrongPassphraseError:
            continue
        report = sync_vault(vault, store, now, fresh=True, progress=progress)
        # The copy's index was built from nothing (the store has none): checked once here,
        # every object against it, so that unlocking it does not say it was rebuilt.
        checked = check_vault(vault)
        report.problems += [f"{found.file}: {found.message}." for found in checked.problems]
        return vault, report
    for leftover in folder.iterdir():
        leftover.unlink()  # only key files were written: the folder is as it was
    raise WrongPassphraseError("passphrase" if recovery_key is None else "recovery key")
