"""Both stores, a folder and a real S3-compatible server, keep objects create-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.sync import ObjectStore, check_create_only
from iop_facilitator.sync.errors import (
    ObjectMissingError,
    RemoteBucketMissingError,
    RemoteNotCreateOnlyError,
)
from iop_facilitator.sync.folder_store import FolderStore
from tests.sync.sync_testing import KEYS

NAME = "ab" * 32
OTHER = "cd" * 32


@pytest.fixture(params=["folder", pytest.param("s3", marks=pytest.mark.objectstore)])
def store(request: pytest.FixtureRequest) -> ObjectStore:
    """Each kind of store, empty."""
    fixture = "folder_store" if request.param == "folder" else "s3_store"
    found: ObjectStore = request.getfixturevalue(fixture)
    return found


def test_put_new_writes_an_object_that_get_reads_back(store: ObjectStore) -> None:
    assert store.put_new(NAME, b"sealed bytes") is True
    assert store.get(NAME) == b"sealed bytes"


def test_a_second_put_new_of_one_name_is_refused_and_changes_nothing(store: ObjectStore) -> None:
    store.put_new(NAME, b"first")
    assert store.put_new(NAME, b"second") is False
    assert store.get(NAME) == b"first"


def test_names_lists_every_object_sorted(store: ObjectStore) -> None:
    store.put_new(OTHER, b"2")
    store.put_new(NAME, b"1")
    assert store.names() == [NAME, OTHER]


def test_getting_an_object_that_is_not_there_says_which(store: ObjectStore) -> None:
    with pytest.raises(ObjectMissingError, match=f"The object {NAME} is missing"):
        store.get(NAME)


def test_an_honest_store_passes_the_create_only_probe(store: ObjectStore) -> None:
    check_create_only(store, KEYS)
    assert len(store.names()) == 1


def test_a_name_that_is_not_hex_is_a_bug_of_the_caller(store: ObjectStore) -> None:
    with pytest.raises(ValueError):
        store.put_new("../escape", b"x")


class OverwritingStore(FolderStore):
    """A store that ignores the create-only condition, as some proxies do."""

    def put_new(self, name: str, data: bytes) -> bool:
        (self.root / name[:2]).mkdir(exist_ok=True)
        (self.root / name[:2] / name).write_bytes(data)
        return True


def test_a_store_that_accepts_a_second_create_only_put_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RemoteNotCreateOnlyError, match="accepted a second create-only write"):
        check_create_only(OverwritingStore(tmp_path), KEYS)


def test_a_backup_folder_that_does_not_exist_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(RemoteBucketMissingError, match="does not exist; create it"):
        FolderStore(tmp_path / "unmounted")


def test_the_folder_store_leaves_temporary_files_out_of_its_names(
    folder_store: FolderStore,
) -> None:
    folder_store.put_new(NAME, b"x")
    (folder_store.root / NAME[:2] / ".tmp-123").write_bytes(b"half")
    (folder_store.root / "notes.txt").write_text("a user's file")
    assert folder_store.names() == [NAME]
    assert [path.name for path in folder_store.root.rglob(".tmp-*")] == [".tmp-123"]
