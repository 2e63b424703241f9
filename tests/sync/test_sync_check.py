"""`check_store` reads every object of the store, writes nothing, and names what is wrong."""

from __future__ import annotations

from pathlib import Path

from iop_facilitator.sync.check import check_store
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.memory import head_name
from tests.sync.sync_testing import KEYS, START, Device, DictObjects, pack_names


def _file(store: FolderStore, name: str) -> Path:
    return store.root / name[:2] / name


def _synced(store: FolderStore) -> Device:
    office = Device(DictObjects({"a": b"1", "b": b"2"}))
    office.sync(store)
    return office


def test_a_sound_store_checks_clean_and_nothing_is_written(folder_store: FolderStore) -> None:
    office = _synced(folder_store)
    before = folder_store.names()
    report = check_store(folder_store, KEYS, office.memory, lambda: START)
    assert report.problems == [] and report.pulled_objects == 2
    assert folder_store.names() == before


def test_a_check_names_an_altered_object(folder_store: FolderStore) -> None:
    office = _synced(folder_store)
    (name,) = pack_names(folder_store, office)
    data = bytearray(_file(folder_store, name).read_bytes())
    data[-1] ^= 0x80
    _file(folder_store, name).unlink()
    _file(folder_store, name).write_bytes(bytes(data))
    report = check_store(folder_store, KEYS, office.memory, lambda: START)
    assert report.problems == [
        f"The object {name} in the store was altered or replaced; it was not used "
        "(run `vault check --remote`)."
    ]


def test_a_check_reports_a_store_older_than_this_device_saw(folder_store: FolderStore) -> None:
    office = _synced(folder_store)
    office.objects.objects["c"] = b"3"
    office.sync(folder_store)
    _file(folder_store, head_name(KEYS, office.key.device_id, 2)).unlink()
    report = check_store(folder_store, KEYS, office.memory, lambda: START, me=office.key.device_id)
    assert report.problems[0].startswith("The store shows an older state than this device saw")
    assert "the changes of this device up to then are missing" in report.problems[0]
