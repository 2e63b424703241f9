"""Two computers' vaults whose clinical note of one session was edited on both at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from iop_facilitator.review.clinical_notes import ClinicalNote, load_note, save_note
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.remote import Remote
from iop_facilitator.sync.vault_sync import clone, set_remote, sync_vault
from iop_facilitator.vault import Vault
from tests.review.review_vault import PASSPHRASE, Built, build_vault

SESSION = "thu-s2"


def sync_now() -> datetime:
    return datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@dataclass
class TwoComputers:
    office: Built
    home: Vault
    store: FolderStore

    def sync_both(self) -> None:
        """Office, home, then office again: both end with what the other saved."""
        for vault in (self.office.vault, self.home, self.office.vault):
            sync_vault(vault, self.store, sync_now)


def two_computers(tmp_path: Path) -> TwoComputers:
    """The review fixture vault in the office, cloned at home through a backup folder, the
    note of `SESSION` then edited on both before either synced."""
    office = build_vault(tmp_path / "office")
    disk = tmp_path / "backup"
    disk.mkdir()
    set_remote(office.vault, Remote.parse(str(disk)))
    save_note(office.vault, ClinicalNote(session_id=SESSION, group_text="Behavior:\nFirst words."))
    store = FolderStore(disk)
    sync_vault(office.vault, store, sync_now)
    home, _ = clone(store, tmp_path / "home", PASSPHRASE, sync_now)
    for vault, text in ((office.vault, "Edited at the office."), (home, "Edited at home.")):
        note = load_note(vault, SESSION)
        assert note is not None, "the clone holds the note"
        save_note(vault, note.model_copy(update={"group_text": text}))
    computers = TwoComputers(office, home, store)
    computers.sync_both()
    return computers
