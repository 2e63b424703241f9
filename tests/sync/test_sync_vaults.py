"""Real format-2 vaults syncing through a backup folder: records, sessions, a clone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from iop_facilitator.sync.errors import RemoteError
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.vault_objects import SYNC_KIND, conflicts
from iop_facilitator.sync.vault_sync import clone, sync_vault, unsent
from iop_facilitator.vault import KdfParams, Vault
from iop_facilitator.vault.errors import WrongPassphraseError
from iop_facilitator.vault.sealed import open_record
from tests.vault.vault_testing import PASSPHRASE


def _now() -> datetime:
    return datetime(2026, 3, 3, 9, 30, tzinfo=UTC)


@pytest.fixture
def office(tmp_path: Path) -> Vault:
    vault, _ = Vault.init(tmp_path / "office", PASSPHRASE, kdf=KdfParams.for_tests())
    vault.put("group", "tuesday", b'{"members": ["Sam"]}', index_entry={"name": "Tuesday"})
    vault.put("session", "s1", b"session one", index_entry={"date": "2026-03-03"}, session="s1")
    return vault


def test_a_clone_holds_every_record_of_the_vault(
    office: Vault, folder_store: FolderStore, tmp_path: Path
) -> None:
    report = sync_vault(office, folder_store, _now)
    assert report.pushed_objects == 2 and report.problems == []
    home, pulled = clone(folder_store, tmp_path / "home", PASSPHRASE, _now)
    assert pulled.pulled_objects == 2
    assert home.get("group", "tuesday") == b'{"members": ["Sam"]}'
    assert home.index_entries("session") == {"s1": {"date": "2026-03-03"}}
    assert home.ids(SYNC_KIND) == ["device", f"memory {folder_store.description}"]


def test_a_newer_version_made_on_one_device_replaces_the_older_on_the_other(
    office: Vault, folder_store: FolderStore, tmp_path: Path
) -> None:
    sync_vault(office, folder_store, _now)
    home, _ = clone(folder_store, tmp_path / "home", PASSPHRASE, _now)
    home.put("group", "tuesday", b'{"members": ["Sam", "Alex"]}')
    home.put("session", "s2", b"session two", session="s2")
    sync_vault(home, folder_store, _now)
    report = sync_vault(office, folder_store, _now)
    assert report.pulled_objects == 2 and report.problems == []
    assert office.get("group", "tuesday") == b'{"members": ["Sam", "Alex"]}'
    assert office.get("session", "s2") == b"session two"
    assert Vault.unlock(office.path, PASSPHRASE).ids("session") == ["s1", "s2"]


def test_status_counts_what_the_store_does_not_hold_yet(
    office: Vault, folder_store: FolderStore
) -> None:
    assert unsent(office, folder_store) == (2, None)
    sync_vault(office, folder_store, _now)
    office.put("session", "s2", b"two", session="s2")
    assert unsent(office, folder_store) == (1, _now())


def test_a_clone_with_a_wrong_passphrase_is_refused_and_leaves_no_key(
    office: Vault, folder_store: FolderStore, tmp_path: Path
) -> None:
    sync_vault(office, folder_store, _now)
    with pytest.raises(WrongPassphraseError):
        clone(folder_store, tmp_path / "home", "not the passphrase", _now)
    assert not (tmp_path / "home" / "key").exists()


def test_cloning_from_an_empty_store_says_so(folder_store: FolderStore, tmp_path: Path) -> None:
    with pytest.raises(RemoteError, match="holds no vault to clone"):
        clone(folder_store, tmp_path / "home", PASSPHRASE, _now)


def test_a_record_saved_on_two_devices_at_one_version_keeps_both(
    office: Vault, folder_store: FolderStore, tmp_path: Path
) -> None:
    sync_vault(office, folder_store, _now)
    home, _ = clone(folder_store, tmp_path / "home", PASSPHRASE, _now)
    office.put("group", "tuesday", b"office's roster")
    home.put("group", "tuesday", b"home's roster")
    sync_vault(office, folder_store, _now)
    report = sync_vault(home, folder_store, _now)
    assert report.problems == [
        "A group was saved on two devices at the same version; both versions are kept, this "
        "device's in use and the other as a conflict copy to choose from."
    ]
    assert home.get("group", "tuesday") == b"home's roster"
    (copy,) = conflicts(home)
    assert copy.startswith("group/")
    sealed = home.get(SYNC_KIND, f"conflict {copy}")
    name = copy.split("/")[1].split()[0]
    kept = open_record(home._keys, home.vault_id, "group", sealed, file_name=name)
    assert kept.payload == b"office's roster"
