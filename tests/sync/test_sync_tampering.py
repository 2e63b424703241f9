"""Heads and the device list altered, replayed or hidden by the store are named, not merged."""

from __future__ import annotations

from pathlib import Path

from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.memory import head_name, slot_name
from tests.sync.sync_testing import KEYS, Device, DictObjects


def _file(store: FolderStore, name: str) -> Path:
    return store.root / name[:2] / name


def _replace(store: FolderStore, name: str, data: bytes) -> None:
    _file(store, name).unlink()
    _file(store, name).write_bytes(data)


def _two_heads(store: FolderStore) -> Device:
    office = Device(DictObjects({"a": b"1"}))
    office.sync(store)
    office.objects.objects["b"] = b"2"
    office.sync(store)
    return office


def test_an_altered_head_is_named_and_its_changes_are_not_merged(
    folder_store: FolderStore,
) -> None:
    office = _two_heads(folder_store)
    second = head_name(KEYS, office.key.device_id, 2)
    data = bytearray(_file(folder_store, second).read_bytes())
    data[30] ^= 4
    _replace(folder_store, second, bytes(data))
    home = Device()
    report = home.sync(folder_store)
    assert report.problems == [
        f"The object {second} in the store (a head of device {office.key.device_id[:8]}) was "
        "altered, replaced or replayed; its changes were not merged."
    ]
    assert home.objects.objects == {"a": b"1"}  # what the first head named still came


def test_an_older_head_replayed_in_place_of_a_newer_one_is_caught(
    folder_store: FolderStore,
) -> None:
    office = _two_heads(folder_store)
    first = head_name(KEYS, office.key.device_id, 1)
    second = head_name(KEYS, office.key.device_id, 2)
    _replace(folder_store, second, _file(folder_store, first).read_bytes())
    report = Device().sync(folder_store)
    assert report.problems and second in report.problems[0]


def test_a_device_hidden_from_the_list_is_reported(folder_store: FolderStore) -> None:
    office = Device(DictObjects({"a": b"1"}))
    home = Device(DictObjects({"b": b"2"}))
    office.sync(folder_store)
    home.sync(folder_store)
    office.sync(folder_store)
    _file(folder_store, slot_name(KEYS, 1)).unlink()
    report = office.sync(folder_store)
    assert "The store hides a device that this device saw before" in report.problems[0]


def test_heads_a_device_saw_that_the_store_then_hides_are_reported(
    folder_store: FolderStore,
) -> None:
    office = Device(DictObjects({"a": b"1"}))
    home = Device(DictObjects({"b": b"2"}))
    laptop = Device()
    office.sync(folder_store)
    home.sync(folder_store)  # home's head says it saw office's head 1
    _file(folder_store, head_name(KEYS, office.key.device_id, 1)).unlink()
    report = laptop.sync(folder_store)
    assert any(
        f"The store hides changes of device {office.key.device_id[:8]} that device "
        f"{home.key.device_id[:8]} saw on 03 March 2026" in problem
        for problem in report.problems
    )
