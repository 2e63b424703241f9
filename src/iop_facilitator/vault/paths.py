"""Where a vault lives, and where each of its files lives inside the vault folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "iop-facilitator"

KEY_FILE = "key"
KEY_BACKUP = "key.backup"
INDEX_FILE = "index"
INDEX_LOG_FILE = "index.log"
RECORDS = "records"
JOURNALS = "journals"
LOCKS = "locks"
VAULT_LOCK = "vault.lock"


def default_vault_path() -> Path:
    """The vault used when neither `--vault` nor `IOP_FACILITATOR_VAULT` says otherwise."""
    return platformdirs.user_data_path(APP_NAME) / "vault"


class VaultLayout:
    """The paths of one vault's files (names only; nothing here touches the disk)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.key_file = root / KEY_FILE
        self.key_backup = root / KEY_BACKUP
        self.index = root / INDEX_FILE
        self.index_log = root / INDEX_LOG_FILE
        self.records = root / RECORDS
        self.journals = root / JOURNALS
        self.locks = root / LOCKS
        self.vault_lock = self.locks / VAULT_LOCK

    def record(self, kind: str, name: str) -> Path:
        """A record file: `records/<kind>/<name>`."""
        return self.records / kind / name

    def journal(self, name: str) -> Path:
        """A live session's journal: `journals/<name>`."""
        return self.journals / name

    def session_lock(self, name: str) -> Path:
        """A live session's lock file: `locks/<name>.lock`."""
        return self.locks / f"{name}.lock"

    def shown(self, path: Path) -> str:
        """`path` relative to the vault folder, as messages show it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)
