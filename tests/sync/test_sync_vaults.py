"""Real format-2 vaults syncing through a backup folder: records, sessions, a clone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from iop_facilitator.sync.errors import RemoteError
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.s3_store import S3Store
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
    assert pulled.pulled_objects == 2 and pulled.problems == []
    assert Vault.unlock(tmp_path / "home", PASSPHRASE).problems == []  # a sound index
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


def _payload(vault: Vault, copy: str) -> bytes:
    """What a conflict copy (`kind/name/digest`) holds."""
    kind, name, _ = copy.split("/")
    sealed = vault.get(SYNC_KIND, f"conflict {copy}")
    return open_record(vault._keys, vault.vault_id, kind, sealed, file_name=name).payload


@pytest.mark.parametrize("first", ["office", "home"])
def test_a_record_saved_on_two_devices_at_one_version_ends_the_same_on_both(
    office: Vault, folder_store: FolderStore, tmp_path: Path, first: str
) -> None:
    sync_vault(office, folder_store, _now)
    home, _ = clone(folder_store, tmp_path / "home", PASSPHRASE, _now)
    office.put("group", "tuesday", b"office's roster")
    home.put("group", "tuesday", b"home's roster")
    order = [office, home] if first == "office" else [home, office]
    reports = [sync_vault(vault, folder_store, _now) for vault in [*order, *order]]
    assert any("saved on two devices at the same version" in p for r in reports for p in r.problems)
    in_use = {office.get("group", "tuesday"), home.get("group", "tuesday")}
    assert len(in_use) == 1
    (copy,) = conflicts(office)
    assert conflicts(home) == [copy]
    assert {_payload(office, copy), *in_use} == {b"office's roster", b"home's roster"}
    assert _payload(home, copy) == _payload(office, copy)


def _everything(vault: Vault) -> dict[str, object]:
    """What a person can see in a vault, record by record, and the conflicts kept."""
    seen: dict[str, object] = {
        f"{kind}/{rid}": (vault.get(kind, rid), vault.index_entries(kind).get(rid))
        for kind in ("group", "session", "note")
        for rid in vault.ids(kind)
    }
    seen["conflicts"] = sorted(conflicts(vault))
    return seen


@pytest.mark.objectstore
@pytest.mark.parametrize("first", ["office", "home"])
def test_two_vaults_through_seaweedfs_end_identical_in_either_order(
    office: Vault, s3_store: S3Store, tmp_path: Path, first: str
) -> None:
    office.put("note", "s1", b"first draft")
    sync_vault(office, s3_store, _now)
    home, _ = clone(s3_store, tmp_path / "home", PASSPHRASE, _now)
    office.put("session", "s2", b"office's session", session="s2", index_entry={"n": 2})
    home.put("session", "s3", b"home's session", session="s3", index_entry={"n": 3})
    office.put("group", "tuesday", b"roster: Sam, Alex")
    home.put("group", "tuesday", b"roster: Sam, Jo")
    office.put("note", "s1", b"office's edit")
    home.put("note", "s1", b"home's edit")
    order = [office, home] if first == "office" else [home, office]
    for vault in [*order, *order]:
        sync_vault(vault, s3_store, _now)
    assert _everything(office) == _everything(home)
    assert office.ids("session") == ["s1", "s2", "s3"]
    assert len(conflicts(office)) == 2  # the roster's and the note's other versions


def _more_sessions(vault: Vault, count: int) -> None:
    for n in range(count):
        vault.put("session", f"extra-{n}", b"x" * 3000, session=f"extra-{n}")


def test_a_disk_filling_during_a_pull_is_one_sentence_and_the_next_sync_finishes(
    office: Vault, folder_store: FolderStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from iop_facilitator.vault import adopt
    from iop_facilitator.vault.errors import StorageError

    sync_vault(office, folder_store, _now)
    home, _ = clone(folder_store, tmp_path / "home", PASSPHRASE, _now)
    _more_sessions(office, 6)
    sync_vault(office, folder_store, _now)
    writes = {"left": 3}
    real_write_all = adopt.write_all

    def filling(fd: int, data: bytes) -> None:
        if writes["left"] == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        writes["left"] -= 1
        real_write_all(fd, data)

    monkeypatch.setattr(adopt, "write_all", filling)
    with pytest.raises(StorageError) as caught:
        sync_vault(home, folder_store, _now)
    assert "full" in str(caught.value)
    assert home.ids("session") == ["s1"]  # nothing of the cut pack is listed
    monkeypatch.setattr(adopt, "write_all", real_write_all)
    sync_vault(home, folder_store, _now)
    assert home.ids("session") == office.ids("session")


def test_files_left_by_a_pull_cut_before_the_index_are_listed_by_the_next(
    office: Vault, folder_store: FolderStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iop_facilitator.vault import adopt
    from iop_facilitator.vault.errors import StorageError

    sync_vault(office, folder_store, _now)
    home, _ = clone(folder_store, tmp_path / "home", PASSPHRASE, _now)
    _more_sessions(office, 3)
    sync_vault(office, folder_store, _now)
    files_before = len(list((home.path / "records" / "session").iterdir()))

    def cut(folder: Path) -> None:  # the files are written; their index changes are next
        raise OSError(5, "The program was stopped here.")

    monkeypatch.setattr(adopt, "fsync_folder", cut)
    with pytest.raises(StorageError):
        sync_vault(home, folder_store, _now)
    assert home.ids("session") == ["s1"]
    assert len(list((home.path / "records" / "session").iterdir())) > files_before
    monkeypatch.undo()
    sync_vault(home, folder_store, _now)
    assert home.ids("session") == office.ids("session")
    assert home.get("session", "extra-2") == b"x" * 3000


@pytest.mark.parametrize(
    "object_id", ["../../escape/" + "a" * 32, "group/../../key", "sync-state/" + "b" * 32]
)
def test_a_fetched_object_with_a_name_no_vault_object_has_is_not_written(
    office: Vault, object_id: str
) -> None:
    from iop_facilitator.sync.vault_objects import VaultObjects

    objects = VaultObjects(office)
    assert objects.write_object(object_id, b"anything") is True
    assert objects.problems == ["A fetched object had a name no vault object has; not kept."]
    assert not (office.path.parent / "escape").exists()


def test_the_key_file_is_put_once_and_again_after_a_new_passphrase(
    office: Vault, folder_store: FolderStore
) -> None:
    from iop_facilitator.sync.vault_sync import KEYFILE_PREFIX

    def key_files() -> list[str]:
        return [name for name in folder_store.names() if name.startswith(KEYFILE_PREFIX)]

    sync_vault(office, folder_store, _now)
    (first,) = key_files()
    sync_vault(office, folder_store, _now)
    assert key_files() == [first]
    office.change_passphrase("a new passphrase for the office", kdf=KdfParams.for_tests())
    sync_vault(office, folder_store, _now)
    assert len(key_files()) == 2
