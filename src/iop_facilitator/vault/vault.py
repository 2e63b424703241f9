"""The vault: a folder of sealed files holding groups, finished sessions and live journals.

Bytes in, bytes out; the layers above choose the JSON. See docs/vault-format.md for every byte
and docs/architecture.md for the contract.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from iop_facilitator.vault import crypto, permissions
from iop_facilitator.vault.adopt import ObjectAdoption
from iop_facilitator.vault.crypto import DataKeys, KdfParams
from iop_facilitator.vault.errors import (
    StorageError,
    VaultDamagedError,
    VaultError,
    VaultExistsError,
    VaultLockedError,
    VaultMissingError,
)
from iop_facilitator.vault.index import RecordIndex
from iop_facilitator.vault.index_log import Change
from iop_facilitator.vault.index_text import entry_json
from iop_facilitator.vault.journal import Journal
from iop_facilitator.vault.key_changes import KeyChanges
from iop_facilitator.vault.keyfile import KeyFile, build_key_file, new_salt, unwrap
from iop_facilitator.vault.keyfile_open import (
    REKEY_FOLDER,
    KdfRefused,
    OpenedKey,
    open_key,
    remove_leftover_key_temps,
    undo_init,
    write_both,
)
from iop_facilitator.vault.live import LiveSessions, check_id
from iop_facilitator.vault.locks import HeldLock, acquire
from iop_facilitator.vault.objects import UPGRADE_NOTICE
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.reads import RecordReads, check_kind
from iop_facilitator.vault.sealed import (
    FORMAT_VERSION,
    SealedRecord,
    object_name,
    seal_record,
)
from iop_facilitator.vault.storage import (
    atomic_write,
    make_folder,
    restrict_umask,
    storage_error,
)

# Saving waits this long for another copy of the program to finish its own short write.
_VAULT_LOCK_WAIT_SECONDS = 5.0


class Vault(KeyChanges, RecordReads, LiveSessions, ObjectAdoption):
    """An unlocked vault. Make one with `Vault.init`, `Vault.unlock` or `Vault.recover`."""

    def __init__(self, root: Path, key_file: KeyFile, data_key: bytes) -> None:
        self.layout = VaultLayout(root)
        self.path = root
        self.vault_id = key_file.vault_id
        self._key_file = key_file
        self._data_key = data_key
        self._keys = DataKeys.from_data_key(data_key, key_file.vault_id)
        self._index = RecordIndex(self.layout, self._keys, self.vault_id)
        self._vault_lock: HeldLock | None = None
        # The app saves from worker threads while the screen reads: one thread at a time
        # touches the in-memory index and the vault lock.
        self._thread_lock = threading.RLock()
        self._batch_depth = 0
        self._journals: dict[str, Journal] = {}
        self._key_problems: list[VaultDamagedError] = []
        self.notices: list[str] = []
        """What opening repaired and said (loose permissions set back)."""

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def init(
        cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None
    ) -> tuple[Vault, str]:
        """Create a vault in `path` (new or empty) and return it with its recovery key, which
        must be shown to the user once and is never stored in clear."""
        if not passphrase:
            raise VaultError("The passphrase must not be empty.")
        restrict_umask()
        layout = VaultLayout(path)
        if layout.key_file.exists():
            raise VaultExistsError(f"There is already a vault at {path}.")
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise VaultExistsError(
                f"The folder {path} is not empty.", hint="Choose a new or empty folder."
            )
        kdf = kdf or KdfParams()
        vault_id = os.urandom(16)
        data_key = os.urandom(crypto.KEY_BYTES)
        recovery_key = os.urandom(crypto.RECOVERY_KEY_BYTES)
        kdf_salt, recovery_salt = new_salt(), new_salt()
        key_file = build_key_file(
            vault_id=vault_id,
            data_key=data_key,
            kdf=kdf,
            kdf_salt=kdf_salt,
            passphrase_kek=crypto.passphrase_key(passphrase, kdf_salt, kdf),
            recovery_salt=recovery_salt,
            recovery_kek=crypto.recovery_kek(recovery_key, recovery_salt),
        )
        created_root = not path.exists()
        try:
            try:
                for folder in (path, layout.records, layout.journals, layout.locks):
                    make_folder(folder)
            except OSError as error:
                raise storage_error(error, "the new vault") from error
            vault = cls(path, key_file, data_key)
            with vault._locked():
                vault._index.compact()
                # The key file goes last: until it exists, the folder is not yet a vault.
                write_both(layout, key_file, "the vault's key file")
        except BaseException:
            undo_init(layout, created_root)
            raise
        return vault, crypto.format_recovery_key(recovery_key)

    @classmethod
    def unlock(
        cls, path: Path, passphrase: str, *, on_notice: Callable[[str], None] | None = None
    ) -> Vault:
        """Open the vault with its passphrase: exactly one KDF run, whatever the vault's size.
        `on_notice` is told, before it happens, that a format-1 vault is being upgraded.

        Raises `WrongPassphraseError`, `VaultMissingError`, `VaultNewerError` or
        `VaultDamagedError`.
        """
        restrict_umask()

        def with_passphrase(key_file: KeyFile) -> bytes | None:
            problem = key_file.kdf_problem()
            if problem is not None:
                raise KdfRefused(problem)
            kek = crypto.passphrase_key(passphrase, key_file.kdf_salt, key_file.kdf)
            return unwrap(kek, key_file.passphrase_wrap, key_file.passphrase_aad())

        opened = open_key(VaultLayout(path), with_passphrase, "passphrase")
        return cls._opened(path, opened, on_notice)

    @classmethod
    def recover(
        cls, path: Path, recovery_key: str, new_passphrase: str, *, kdf: KdfParams | None = None
    ) -> Vault:
        """Open the vault with its recovery key and set `new_passphrase`; the recovery key
        stays valid."""
        vault = cls.open_with_recovery_key(path, recovery_key)
        if kdf is None and vault._key_file.kdf_problem() is not None:
            kdf = KdfParams()  # the stored settings are the damage: back to the default
        vault.change_passphrase(new_passphrase, kdf=kdf)
        return vault

    @classmethod
    def open_with_recovery_key(
        cls, path: Path, recovery_key: str, *, on_notice: Callable[[str], None] | None = None
    ) -> Vault:
        """Open the vault with its recovery key, changing nothing: for `vault check` when the
        passphrase's part of the key file is damaged. Raises as `unlock` does."""
        restrict_umask()
        secret = crypto.parse_recovery_key(recovery_key)

        def with_recovery_key(key_file: KeyFile) -> bytes | None:
            if secret is None:
                return None
            kek = crypto.recovery_kek(secret, key_file.recovery_salt)
            return unwrap(kek, key_file.recovery_wrap, key_file.recovery_aad())

        # The recovery wrapping stands on its own: a damaged passphrase part does not stop it.
        opened = open_key(VaultLayout(path), with_recovery_key, "recovery key")
        return cls._opened(path, opened, on_notice)

    @classmethod
    def _opened(
        cls, path: Path, opened: OpenedKey, on_notice: Callable[[str], None] | None = None
    ) -> Vault:
        vault = cls(path, opened.key_file, opened.data_key)
        vault._key_problems = opened.problems
        remove_leftover_key_temps(vault.layout)
        vault.notices = permissions.repair(vault.layout)
        for notice in vault.notices:
            if on_notice is not None:
                on_notice(notice)
        for problem in opened.problems:
            if on_notice is not None:
                on_notice(problem.message)
        if opened.rewrite:
            # Both copies again from the one that opened; a read-only disk leaves them as
            # they are (the vault still opens from the good copy).
            with contextlib.suppress(StorageError, VaultLockedError), vault._locked():
                write_both(vault.layout, opened.key_file, "the vault's key file")
        if (vault.layout.root / REKEY_FOLDER).exists():
            vault._finish_or_abandon_rekey()
        vault._index.load()
        for problem in vault._index.problems:
            if on_notice is not None:
                on_notice(problem.message)
        if vault._index.format == 1:
            if on_notice is not None:
                on_notice(UPGRADE_NOTICE)
            # A read-only disk or a busy lock leaves it at format 1 for now: reading works the
            # same, and the next save upgrades it first (or says why it cannot save).
            with contextlib.suppress(StorageError, VaultLockedError), vault._locked():
                vault._prepare_write()
        return vault

    # -- the index -------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the vault lock (header and index changes); re-entrant within this object."""
        with self._thread_lock:
            if self._vault_lock is not None:
                yield
                return
            try:
                self._vault_lock = acquire(
                    self.layout.root,
                    note=self.layout.vault_lock,
                    what="this vault",
                    wait_seconds=_VAULT_LOCK_WAIT_SECONDS,
                )
            except FileNotFoundError:
                raise VaultMissingError(
                    f"There is no vault at {self.layout.root} any more."
                ) from None
            try:
                yield
            finally:
                self._vault_lock.release()
                self._vault_lock = None

    def refresh(self) -> None:
        """Re-read the index if another copy of the program changed it since we read it."""
        with self._thread_lock:
            self._index.refresh_if_changed()

    @property
    def problems(self) -> list[VaultDamagedError]:
        """Damage found while opening (a key file repaired from its copy, a rebuilt index,
        unreadable objects, journals whose header is damaged)."""
        return self._key_problems + self._index.problems

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the vault's write lock from a read to the write that depends on it.

        Every read-modify-write of a record (a group's roster, say) goes inside, so that two
        processes changing the same record one after the other each see the other's change
        instead of both writing over the same earlier version: reads inside see every save
        made before the lock was taken. Re-entrant; other processes' saves wait (up to 5 s).
        """
        with self._locked():
            if self._batch_depth == 0:
                self._prepare_write()
            yield

    def _prepare_write(self) -> None:
        """Under the vault lock, before a write: see other processes' saves, and bring the
        index files up to format 2 (upgrade, or a snapshot after a rebuild). Refuses to write
        with a data key the vault no longer uses (re-keyed by another copy of the program)."""
        self._check_still_our_key()
        self._index.refresh_before_writing()
        if self._index.format == 1:
            self._index.upgrade()
        elif self._index.must_compact:
            self._index.compact()

    def _compact_if_long(self) -> None:
        # The save itself is done and durable: a compaction the disk refuses is tried again
        # at the next save, and reading never needs it.
        if self._index.log_is_long():
            with contextlib.suppress(StorageError):
                self._index.compact()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold the vault lock and fsync the index log once at the end: for importing many
        records. A crash inside keeps the records whose changes reached the log."""
        with self._locked():
            if self._batch_depth == 0:
                self._prepare_write()
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1
                if self._batch_depth == 0:
                    self._index.flush()
                    self._compact_if_long()

    # -- records ---------------------------------------------------------------------------

    def put(
        self,
        kind: str,
        record_id: str,
        payload: bytes,
        *,
        index_entry: dict[str, Any] | None = None,
        session: str | None = None,
    ) -> None:
        """Store `payload` as record `record_id` of `kind`, replacing any earlier version
        atomically; `index_entry` (small, JSON-able) is kept in the index for listing.
        `session` marks the record as the finished form of that live session.

        Raises `StorageError` if the disk refuses; what was saved before stays intact.
        """
        check_kind(kind)
        check_id(record_id)
        if index_entry is not None:
            json.dumps(index_entry)  # refuse what the index could not hold, before writing
        with self._locked():
            if self._batch_depth == 0:
                self._prepare_write()
            known = self._index.get(kind, record_id)
            rev = (known.rev if known else 0) + 1
            path = self.layout.record(
                kind, object_name(self._keys, kind, record_id, rev, FORMAT_VERSION)
            )
            data = seal_record(
                self._keys,
                self.vault_id,
                kind,
                SealedRecord(record_id, rev, index_entry, session, payload),
            )
            try:
                make_folder(self.layout.records / kind)
            except OSError as error:
                raise storage_error(error, f"the {kind} record") from error
            # A new object under a new name, then the one step that makes it the record's
            # version: the log's frame. Failing before that, it is not kept.
            atomic_write(path, data, what=f"the {kind} record")
            change = Change(kind, record_id, rev, entry_json(index_entry), session)
            try:
                self._index.append(change, durable=self._batch_depth == 0)
            except BaseException:
                with contextlib.suppress(OSError):
                    path.unlink()
                raise
            if known is not None:
                with contextlib.suppress(OSError):  # a leftover only costs space
                    self._object_path(kind, record_id, known).unlink()
            if self._batch_depth == 0:
                self._compact_if_long()
