"""Changing the vault's keys: the passphrase (a new wrapping of the same data key) and a full
re-keying (`rekey`); and, before every save, checking that the data key is still the vault's.

Part of `Vault` (a base class of it, kept apart by meaning).
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, cast

from iop_facilitator.vault import crypto, rekey
from iop_facilitator.vault.crypto import DataKeys, KdfParams
from iop_facilitator.vault.errors import (
    StorageError,
    VaultDamagedError,
    VaultError,
    VaultLockedError,
)
from iop_facilitator.vault.index import RecordIndex
from iop_facilitator.vault.journal import Journal
from iop_facilitator.vault.keyfile import KeyFile, build_key_file, mac_matches, new_salt
from iop_facilitator.vault.keyfile_open import read_copies, write_both
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import FormatProblem, NewerFormat

if TYPE_CHECKING:
    from iop_facilitator.vault.vault import Vault


class KeyChanges:
    """The key-changing half of `Vault` (which provides what is declared here)."""

    layout: VaultLayout
    vault_id: bytes
    _key_file: KeyFile
    _data_key: bytes
    _keys: DataKeys
    _index: RecordIndex
    _journals: dict[str, Journal]

    def _locked(self) -> AbstractContextManager[None]:
        """See `Vault._locked`."""
        raise NotImplementedError

    def _prepare_write(self) -> None:
        """See `Vault._prepare_write`."""
        raise NotImplementedError

    def _finish_or_abandon_rekey(self) -> None:
        """A re-keying was interrupted: finish it if its new key is the one that opened the
        vault (committed, or opened with the new passphrase), else remove its staging."""
        with contextlib.suppress(StorageError, VaultLockedError), self._locked():
            staged = rekey.staged_key(self.layout)
            if staged is not None and staged == self._key_file.to_bytes():
                rekey.commit_and_roll_forward(self.layout, staged)
            else:
                rekey.abandon(self.layout)

    def rekey(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> str:
        """A new data key and recovery key, every object, the index and every live journal
        sealed again (see `rekey`); returns the new recovery key, to be shown once. Killed at
        any moment, the vault opens with the old passphrase (nothing changed) or the new one
        (the re-keying is finished then). Live sessions must not be open anywhere."""
        if not new_passphrase:
            raise VaultError("The passphrase must not be empty.")
        with self._locked():
            self._prepare_write()
            held = rekey.lock_journals(cast("Vault", self))
            try:
                made = rekey.stage(cast("Vault", self), new_passphrase, kdf or self._key_file.kdf)
                rekey.commit_and_roll_forward(self.layout, made.key_file.to_bytes())
            finally:
                for lock in held:
                    lock.release()
            self._key_file, self._data_key = made.key_file, made.data_key
            self._keys = DataKeys.from_data_key(made.data_key, self.vault_id)
            self._index = RecordIndex(self.layout, self._keys, self.vault_id)
            self._index.load()
        return made.recovery_key

    @property
    def kdf(self) -> KdfParams:
        """The KDF parameters the passphrase is currently wrapped with."""
        return self._key_file.kdf

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under `new_passphrase` by atomically replacing the key file.

        Interrupted at any moment, the vault opens with the old or the new passphrase. `kdf`
        defaults to the vault's current parameters.
        """
        if not new_passphrase:
            raise VaultError("The passphrase must not be empty.")
        kdf = kdf or self._key_file.kdf
        kdf_salt = new_salt()
        with self._locked():
            main, _ = read_copies(self.layout)
            if main.key_file is not None and main.key_file.vault_id != self.vault_id:
                raise VaultDamagedError("key", "it changed while the vault was open")
            # The recovery wrapping this vault was opened with (authentic) is kept as it is.
            key_file = build_key_file(
                vault_id=self.vault_id,
                data_key=self._data_key,
                kdf=kdf,
                kdf_salt=kdf_salt,
                passphrase_kek=crypto.passphrase_key(new_passphrase, kdf_salt, kdf),
                recovery_salt=self._key_file.recovery_salt,
                recovery_wrap=self._key_file.recovery_wrap,
            )
            write_both(self.layout, key_file, "the new passphrase")
            self._key_file = key_file

    def _check_still_our_key(self) -> None:
        try:
            current = self.layout.key_file.read_bytes()
        except OSError:
            return  # missing or unreadable: unlocking says so; our key is still ours
        if current == self._key_file.to_bytes():
            return
        with contextlib.suppress(FormatProblem, NewerFormat):
            if not mac_matches(self._data_key, KeyFile.from_bytes(current)):
                raise VaultError(
                    "This vault was re-keyed by another copy of iop-facilitator since it was "
                    "opened here; nothing was saved.",
                    hint="Open it again with its new passphrase.",
                )
