"""`vault passwd --rekey`: a new data key, everything sealed again, crash-safe and resumable.

A plain passphrase change rewraps the same data key, so an old copy of the key file with the
old passphrase still opens everything, including what is saved later. Re-keying makes a new
data key (and a new recovery key: the old one wraps only the old data key) and seals every
object, the index and every live journal again under it:

1. **Stage**, under the vault lock: everything, sealed under the new key, goes into `.rekey/`
   (`records/`, `journals/`, `index`, `index.log`, and `key`: the new key file), then the
   empty file `.rekey/ready`. Killed before `ready`, `.rekey/` is a leftover: the next unlock
   removes it, and the vault is as it was.
2. **Commit**: `.rekey/key` replaces `key.backup`, then `key`. Until both are new, the old
   passphrase may still open one of them, and the unlock then abandons the staging (nothing
   has moved yet); the new passphrase opens the new one, and the unlock finishes the work.
3. **Roll forward**: `records/` and `journals/` are swapped for the staged ones, `index` and
   `index.log` replaced, `.rekey/` removed. Each step is a rename that is skipped once done, so
   an unlock that finds `ready` with the new key (committed, or opened with the new passphrase
   from `.rekey/key`) finishes it before reading anything else.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from iop_facilitator.atomic_file import fsync_folder
from iop_facilitator.vault import crypto
from iop_facilitator.vault.crypto import DataKeys, KdfParams
from iop_facilitator.vault.errors import VaultError
from iop_facilitator.vault.index import RecordIndex
from iop_facilitator.vault.index_text import IndexedRecord
from iop_facilitator.vault.journal import (
    build_frame,
    build_header,
    header_length,
    read_session_id,
    scan,
)
from iop_facilitator.vault.keyfile import KeyFile, build_key_file, new_salt
from iop_facilitator.vault.keyfile_open import REKEY_FOLDER
from iop_facilitator.vault.live import journal_label
from iop_facilitator.vault.locks import HeldLock, acquire
from iop_facilitator.vault.objects import LIVE_KIND
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import (
    FORMAT_VERSION,
    PREFIX_BYTES,
    SealedRecord,
    object_name,
    seal_record,
)
from iop_facilitator.vault.storage import TEMP_PREFIX, atomic_write, make_folder, storage_error

if TYPE_CHECKING:
    from iop_facilitator.vault.vault import Vault

_MOVED = ("records", "journals")
_REPLACED = ("index", "index.log")


@dataclass(frozen=True)
class Rekeyed:
    """What re-keying made: the key file, the data key, and the recovery key to show once."""

    key_file: KeyFile
    data_key: bytes
    recovery_key: str


def staging(layout: VaultLayout) -> VaultLayout:
    """The layout of the staged vault inside `.rekey/`."""
    return VaultLayout(layout.root / REKEY_FOLDER)


def _ready(layout: VaultLayout) -> Path:
    return layout.root / REKEY_FOLDER / "ready"


def staged_key(layout: VaultLayout) -> bytes | None:
    """The staged key file's bytes when staging was complete (`ready`), else None."""
    if not _ready(layout).exists():
        return None
    try:
        return staging(layout).key_file.read_bytes()
    except OSError:
        return None


def lock_journals(vault: Vault) -> list[HeldLock]:
    """Every live journal, locked: re-keying seals them again, so none may be in use."""
    if any(journal.is_open for journal in vault._journals.values()):
        raise VaultError("Close the live session first: its journal is sealed again too.")
    held: list[HeldLock] = []
    try:
        names = sorted(os.listdir(vault.layout.journals))
    except OSError:
        return held
    try:
        for name in names:
            if not name.startswith(TEMP_PREFIX):
                path = vault.layout.journal(name)
                held.append(acquire(path, note=vault.layout.session_lock(name), what="a session"))
    except BaseException:
        for lock in held:
            lock.release()
        raise
    return held


def _stage_objects(vault: Vault, keys: DataKeys, into: VaultLayout) -> RecordIndex:
    index = RecordIndex(into, keys, vault.vault_id)
    for kind, listed in vault._index.records.items():
        if kind == LIVE_KIND:
            index.records[kind] = dict(listed)
            continue
        make_folder(into.records / kind)
        for record_id, known in listed.items():
            record = vault._read_record(kind, record_id, known)
            sealed = SealedRecord(
                record_id, record.rev, record.entry, record.session, record.payload
            )
            name = object_name(keys, kind, record_id, record.rev, FORMAT_VERSION)
            data = seal_record(keys, vault.vault_id, kind, sealed)
            atomic_write(into.record(kind, name), data, what="the re-keyed records")
            index.records.setdefault(kind, {})[record_id] = IndexedRecord.of(
                record.rev, record.entry
            )
    index.finished = set(vault._index.finished)
    return index


def _stage_journals(vault: Vault, keys: DataKeys, into: VaultLayout) -> None:
    make_folder(into.journals)
    old = vault._keys.content
    for name in sorted(os.listdir(vault.layout.journals)):
        if name.startswith(TEMP_PREFIX):
            continue
        data = vault.layout.journal(name).read_bytes()
        session_id = read_session_id(old, vault.vault_id, name, data)
        end = header_length(data)
        assert end is not None
        scanned = scan(old, session_id, data, end)
        if scanned.damage is not None:
            raise VaultError(
                f"The journal of session {session_id!r} is damaged; resume or finish it "
                "before re-keying."
            )
        new_name = keys.file_name(journal_label(session_id))
        header = build_header(keys.content, vault.vault_id, new_name, session_id)
        prefix = header[:PREFIX_BYTES]
        frames = [
            build_frame(keys.content, prefix, session_id, sequence, payload, None)
            for sequence, payload in enumerate(scanned.records)
        ]
        atomic_write(into.journal(new_name), header + b"".join(frames), what="a re-keyed journal")


def stage(vault: Vault, new_passphrase: str, kdf: KdfParams) -> Rekeyed:
    """Step 1 (see the module's docstring), with the vault lock held by the caller."""
    layout = vault.layout
    shutil.rmtree(layout.root / REKEY_FOLDER, ignore_errors=True)
    into = staging(layout)
    data_key = os.urandom(crypto.KEY_BYTES)
    recovery_key = os.urandom(crypto.RECOVERY_KEY_BYTES)
    keys = DataKeys.from_data_key(data_key, vault.vault_id)
    try:
        make_folder(into.root)
        index = _stage_objects(vault, keys, into)
        _stage_journals(vault, keys, into)
        index.compact()
        kdf_salt, recovery_salt = new_salt(), new_salt()
        key_file = build_key_file(
            vault_id=vault.vault_id,
            data_key=data_key,
            kdf=kdf,
            kdf_salt=kdf_salt,
            passphrase_kek=crypto.passphrase_key(new_passphrase, kdf_salt, kdf),
            recovery_salt=recovery_salt,
            recovery_kek=crypto.recovery_kek(recovery_key, recovery_salt),
        )
        atomic_write(into.key_file, key_file.to_bytes(), what="the re-keyed key file")
        for parent, _, _ in os.walk(into.root):
            fsync_folder(Path(parent))
        atomic_write(_ready(layout), b"", what="the re-keyed vault")
    except OSError as error:
        raise storage_error(error, "the re-keyed vault") from error
    return Rekeyed(key_file, data_key, crypto.format_recovery_key(recovery_key))


def commit_and_roll_forward(layout: VaultLayout, key_data: bytes) -> None:
    """Steps 2 and 3, each skipped once done (with the vault lock held by the caller)."""
    staged = staging(layout)
    # The copy first, then the key file: until both are new, the old passphrase may still
    # open one of them, and then the staging is abandoned, so nothing may move before.
    for path in (layout.key_backup, layout.key_file):
        try:
            same = path.read_bytes() == key_data
        except OSError:
            same = False
        if not same:
            atomic_write(path, key_data, what="the re-keyed key file")
    try:
        for folder in _MOVED:
            new, current = staged.root / folder, layout.root / folder
            if new.exists():
                old = staged.root / f"old-{folder}"
                if current.exists() and not old.exists():
                    os.rename(current, old)
                os.rename(new, current)
        for file in _REPLACED:
            if (staged.root / file).exists():
                os.replace(staged.root / file, layout.root / file)
        fsync_folder(layout.root)
    except OSError as error:
        raise storage_error(error, "the re-keyed vault") from error
    shutil.rmtree(staged.root, ignore_errors=True)
    with contextlib.suppress(OSError):
        fsync_folder(layout.root)


def abandon(layout: VaultLayout) -> None:
    """Remove an uncommitted staging (its key file opens with a passphrase never confirmed)."""
    shutil.rmtree(layout.root / REKEY_FOLDER, ignore_errors=True)
