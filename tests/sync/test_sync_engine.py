"""Devices syncing through a backup folder: what moves, what is refused, what is caught."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest

from iop_facilitator.sync import SyncKeys
from iop_facilitator.sync.errors import RemoteStorageError
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.memory import head_name
from iop_facilitator.vault.errors import StorageError
from tests.sync.sync_testing import KEYS, Device, DictObjects, pack_names


def _file(store: FolderStore, name: str) -> Path:
    return store.root / name[:2] / name


def test_objects_of_one_device_reach_another(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"session-1": b"sealed one", "group-1": b"sealed group"}))
    home = Device()
    sent = office.sync(folder_store)
    got = home.sync(folder_store)
    assert sent.pushed_objects == 2 and got.pulled_objects == 2
    assert home.objects.objects == office.objects.objects
    assert sorted(got.pulled_ids) == ["group-1", "session-1"]


def test_two_devices_end_identical_whichever_syncs_first(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"a": b"1"}))
    home = Device(DictObjects({"b": b"2"}))
    for device in (home, office, home):
        device.sync(folder_store)
    assert office.objects.objects == home.objects.objects == {"a": b"1", "b": b"2"}


def test_a_sync_with_nothing_new_sends_nothing(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"a": b"1"}))
    office.sync(folder_store)
    again = office.sync(folder_store)
    assert (again.pushed_bytes, again.pulled_bytes, again.requests) == (0, 0, 1)


def test_an_incremental_sync_sends_the_new_object_and_one_head(folder_store: FolderStore) -> None:
    office = Device(DictObjects({f"s{n}": b"x" * 3000 for n in range(50)}))
    office.sync(folder_store)
    office.objects.objects["new"] = b"y" * 3000
    report = office.sync(folder_store)
    assert report.pushed_objects == 1
    assert report.requests == 3  # the listing, the object, the head
    assert report.pushed_bytes < 2 * 3000 + 2048


def test_the_same_object_on_two_devices_is_stored_once(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"session-1": b"same"}))
    home = Device(DictObjects({"session-1": b"same"}))
    office.sync(folder_store)
    report = home.sync(folder_store)
    assert report.pushed_objects == 0
    assert home.objects.conflicts == []


def test_different_content_under_one_id_is_set_aside_once(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"note-1": b"office's words"}))
    home = Device(DictObjects({"note-1": b"home's words"}))
    office.sync(folder_store)
    first = home.sync(folder_store)
    again = home.sync(folder_store)
    assert home.objects.conflicts == ["note-1"]  # the vault was told once
    assert (first.pulled_objects, again.pulled_objects) == (1, 0)
    assert home.objects.objects["note-1"] == b"home's words"


def test_an_altered_object_is_named_and_the_rest_still_syncs(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"a": b"1"}))
    office.sync(folder_store)
    (altered,) = pack_names(folder_store, office)
    other = Device(DictObjects({"b": b"2"}))
    other.sync(folder_store)
    data = bytearray(_file(folder_store, altered).read_bytes())
    data[40] ^= 1
    _file(folder_store, altered).unlink()
    _file(folder_store, altered).write_bytes(bytes(data))
    home = Device()
    report = home.sync(folder_store)
    assert f"The object {altered} in the store was altered or replaced" in report.problems[0]
    assert home.objects.objects == {"b": b"2"}


def test_an_object_swapped_for_another_is_caught(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"a": b"1"}))
    office.sync(folder_store)
    office.objects.objects["b"] = b"2"
    office.sync(folder_store)
    first, second = pack_names(folder_store, office)
    _file(folder_store, first).unlink()
    _file(folder_store, first).write_bytes(_file(folder_store, second).read_bytes())
    report = Device().sync(folder_store)
    assert any(f"The object {first}" in problem for problem in report.problems)


def test_a_store_rolled_back_to_an_older_state_is_reported_not_merged(
    folder_store: FolderStore,
) -> None:
    office = Device(DictObjects({"a": b"1"}))
    home = Device()
    office.sync(folder_store)
    office.objects.objects["b"] = b"2"
    office.sync(folder_store)
    home.sync(folder_store)
    _file(folder_store, head_name(KEYS, office.key.device_id, 2)).unlink()
    report = home.sync(folder_store)
    assert report.problems[0].startswith(
        "The store shows an older state than this device saw on 03 March 2026 at 09:"
    )
    assert f"device {office.key.device_id[:8]}" in report.problems[0]


def test_an_object_hidden_by_the_store_is_reported(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"a": b"1", "b": b"2"}))
    office.sync(folder_store)
    (pack,) = pack_names(folder_store, office)
    _file(folder_store, pack).unlink()
    home = Device()
    report = home.sync(folder_store)
    assert report.problems[0].startswith("The store is missing 1 object(s) that device ")
    assert home.objects.objects == {}


def test_a_full_disk_during_a_pull_keeps_nothing_half_and_the_next_sync_finishes(
    folder_store: FolderStore,
) -> None:
    office = Device(DictObjects({f"s{n}": bytes([n]) * 100 for n in range(5)}))
    office.sync(folder_store)
    home = Device()
    home.objects.writes_left = 2
    with pytest.raises(StorageError):
        home.sync(folder_store)
    assert home.memory.seen == {}  # nothing remembered: the next sync looks again
    home.objects.writes_left = None
    report = home.sync(folder_store)
    assert home.objects.objects == office.objects.objects
    assert report.pulled_objects == 3  # the two kept before the disk filled are not fetched


class FailingStore(FolderStore):
    """A folder whose writes start failing after `puts_left` of them (a store gone away)."""

    puts_left = 2

    def put_new(self, name: str, data: bytes) -> bool:
        if self.puts_left == 0:
            raise RemoteStorageError("The store went away.")
        self.puts_left -= 1
        return super().put_new(name, data)


def test_an_upload_cut_short_is_finished_by_the_next_sync(folder_store: FolderStore) -> None:
    failing = FailingStore(folder_store.root)
    office = Device(DictObjects({f"s{n}": bytes([n]) for n in range(6)}))
    with pytest.raises(RemoteStorageError):
        office.sync(failing)
    assert Device().sync(folder_store).pulled_objects == 0  # no head names a partial upload
    office.sync(folder_store)
    home = Device()
    home.sync(folder_store)
    assert home.objects.objects == office.objects.objects


def test_devices_whose_clocks_disagree_by_years_still_merge(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"a": b"1"}))
    home = Device(DictObjects({"b": b"2"}))
    home.clock -= timedelta(days=3 * 365)
    for device in (office, home, office):
        device.sync(folder_store)
    assert office.objects.objects == home.objects.objects


def test_two_devices_syncing_at_the_same_moment_both_finish(folder_store: FolderStore) -> None:
    devices = [Device(DictObjects({f"{n}-{i}": bytes([n, i]) for i in range(20)})) for n in (1, 2)]
    threads = [threading.Thread(target=device.sync, args=(folder_store,)) for device in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for device in devices:
        assert device.sync(folder_store).problems == []
    assert devices[0].objects.objects == devices[1].objects.objects
    assert len(devices[0].objects.objects) == 40


def test_a_store_of_another_vault_shows_this_device_nothing(folder_store: FolderStore) -> None:
    Device(DictObjects({"a": b"1"})).sync(folder_store)
    stranger = Device()
    report = stranger.sync(folder_store, SyncKeys.derive(b"\x01" * 32))
    assert stranger.objects.objects == {} and report.problems == []


def test_long_steps_tell_their_progress_pack_by_pack(folder_store: FolderStore) -> None:
    from iop_facilitator.sync import Sync

    office = Device(DictObjects({f"s{n}": bytes([n]) * 1000 for n in range(3)}))
    told: list[tuple[str, int, int]] = []
    Sync(
        folder_store,
        KEYS,
        office.key,
        office.memory,
        office.now,
        pack_bytes=1000,
        progress=lambda *step: told.append(step),
    ).run(office.objects)
    assert told == [("Sending", 1, 3), ("Sending", 2, 3), ("Sending", 3, 3)]


class StaleListing(FolderStore):
    """A folder whose listing is the one taken when it was made (a race, frozen)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.frozen = super().names()

    def names(self) -> list[str]:
        return self.frozen


def test_two_copies_of_one_device_writing_at_once_lose_nothing(folder_store: FolderStore) -> None:
    first = Device(DictObjects({"a": b"1"}))
    first.sync(folder_store)
    second = Device(DictObjects(dict(first.objects.objects)), key=first.key)
    second.memory = first.memory.model_copy(deep=True)  # a restored copy of the same laptop
    stale = StaleListing(folder_store.root)
    first.objects.objects["x"] = b"from the first copy"
    second.objects.objects["y"] = b"from the second copy"
    first.sync(folder_store)
    raced = second.sync(stale)
    assert raced.problems == [
        "Another copy of this device wrote to the store at the same moment; sync again on each."
    ]
    second.sync(folder_store)
    first.sync(folder_store)
    assert first.objects.objects == second.objects.objects
    assert set(first.objects.objects) == {"a", "x", "y"}
