"""The encrypted vault: sealed records, the encrypted index, live journals, locks.

Bytes in, bytes out; never imports Textual or Rich. See docs/vault-format.md.
"""

from iop_facilitator.vault.adopt import FetchedObject, ObjectRefused
from iop_facilitator.vault.crypto import KdfParams
from iop_facilitator.vault.errors import (
    JournalDamagedError,
    PassphraseSourceError,
    RecordNotFoundError,
    StorageError,
    VaultDamagedError,
    VaultError,
    VaultExistsError,
    VaultLockedError,
    VaultMissingError,
    VaultNewerError,
    WrongPassphraseError,
)
from iop_facilitator.vault.journal import Journal, JournalContents, TornTail
from iop_facilitator.vault.paths import default_vault_path
from iop_facilitator.vault.reads import StoredRecord
from iop_facilitator.vault.vault import Vault

__all__ = [
    "FetchedObject",
    "Journal",
    "JournalContents",
    "JournalDamagedError",
    "KdfParams",
    "ObjectRefused",
    "PassphraseSourceError",
    "RecordNotFoundError",
    "StorageError",
    "StoredRecord",
    "TornTail",
    "Vault",
    "VaultDamagedError",
    "VaultError",
    "VaultExistsError",
    "VaultLockedError",
    "VaultMissingError",
    "VaultNewerError",
    "WrongPassphraseError",
    "default_vault_path",
]
