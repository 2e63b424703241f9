"""A full disk or a read-only folder during a save: a clear error, nothing saved is lost.

The disk is made to refuse by patching `os.write` / `os.open` (no tmpfs needed), which is
what a full or read-only file system does at that call.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from iop_facilitator.errors import ExitCode
from iop_facilitator.vault import KdfParams, StorageError, Vault
from iop_facilitator.vault import index as index_module
from iop_facilitator.vault.index_text import IndexedRecord
from tests.vault.vault_testing import PASSPHRASE

_real_write = os.write
_real_open = os.open


def _full_disk(after_bytes: int = 0) -> Callable[[int, Any], int]:
    """An `os.write` that accepts `after_bytes` bytes in all, then says the disk is full."""
    room = [after_bytes]

    def write(fd: int, data: Any) -> int:
        if room[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        written = _real_write(fd, bytes(data)[: room[0]])
        room[0] -= written
        return written

    return write


def _read_only(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
    if flags & os.O_CREAT:
        raise OSError(errno.EROFS, "Read-only file system")
    return _real_open(path, flags, mode)


def _temp_files(vault_dir: Path) -> list[Path]:
    return [p for p in vault_dir.rglob(".tmp-*")]


def test_a_full_disk_during_a_save_says_so_and_keeps_the_old_record(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.put("session", "s", b"saved before")
    monkeypatch.setattr(os, "write", _full_disk(after_bytes=10))
    with pytest.raises(StorageError, match="The disk is full") as caught:
        vault.put("session", "s", b"the new version")
    monkeypatch.undo()
    assert caught.value.exit_code == ExitCode.STORAGE_FAILED
    assert Vault.unlock(vault_dir, PASSPHRASE).get("session", "s") == b"saved before"
    assert _temp_files(vault_dir) == []


def test_a_read_only_folder_during_a_save_says_so_and_keeps_the_old_record(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.put("session", "s", b"saved before")
    monkeypatch.setattr(os, "open", _read_only)
    with pytest.raises(StorageError, match="cannot be written to"):
        vault.put("session", "s", b"the new version")
    monkeypatch.undo()
    assert Vault.unlock(vault_dir, PASSPHRASE).get("session", "s") == b"saved before"


def test_a_full_disk_mid_append_leaves_the_journal_as_it_was(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = vault.open_journal("live")
    journal.append(b"first")
    size = journal.path.stat().st_size
    monkeypatch.setattr(os, "write", _full_disk(after_bytes=7))
    with pytest.raises(StorageError, match="The disk is full"):
        journal.append(b"second, half written")
    monkeypatch.undo()
    assert journal.path.stat().st_size == size
    assert journal.read().records == [b"first"]


def test_an_append_retried_after_a_full_disk_takes_the_next_number(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = vault.open_journal("live")
    journal.append(b"first")
    monkeypatch.setattr(os, "write", _full_disk())
    with pytest.raises(StorageError):
        journal.append(b"second")
    monkeypatch.undo()
    assert journal.append(b"second") == 1
    assert journal.read().records == [b"first", b"second"]


def test_a_full_disk_during_a_passphrase_change_keeps_the_old_passphrase(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", _full_disk(after_bytes=100))
    with pytest.raises(StorageError, match="the new passphrase could not be saved"):
        vault.change_passphrase("never saved")
    monkeypatch.undo()
    Vault.unlock(vault_dir, PASSPHRASE)


def _log_append_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up after the record's object was written, at the index log's frame."""

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(index_module, "write_all", full)


def test_a_new_record_whose_index_write_failed_is_not_kept(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _log_append_fails(monkeypatch)
    with pytest.raises(StorageError, match="The disk is full"):
        vault.put("group", "g", b"member added", index_entry={"n": 1})
    monkeypatch.undo()
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert (reopened.ids("group"), vault.ids("group")) == ([], [])
    assert list((vault_dir / "records" / "group").iterdir()) == []


def test_a_change_whose_index_write_failed_leaves_the_earlier_version(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.put("group", "g", b"one member", index_entry={"n": 1})
    _log_append_fails(monkeypatch)
    with pytest.raises(StorageError):
        vault.put("group", "g", b"two members", index_entry={"n": 2})
    monkeypatch.undo()
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.get("group", "g") == b"one member"
    assert reopened.index_entries("group") == {"g": {"n": 1}}


def test_a_save_retried_after_a_failed_index_write_is_kept_once(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.put("group", "g", b"one member")
    _log_append_fails(monkeypatch)
    with pytest.raises(StorageError):
        vault.put("group", "g", b"two members")
    monkeypatch.undo()
    vault.put("group", "g", b"two members")
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.get("group", "g") == b"two members"
    assert reopened._index.get("group", "g") == IndexedRecord(2, None)
    assert len(list((vault_dir / "records" / "group").iterdir())) == 1


def test_a_finish_retried_after_a_failed_index_write_removes_the_journal(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = vault.open_journal("live")
    journal.append(b"event")
    _log_append_fails(monkeypatch)
    with pytest.raises(StorageError):
        vault.finish_session("live", "session", "live", b"finished")
    monkeypatch.undo()
    assert Vault.unlock(vault_dir, PASSPHRASE).ids("session") == []
    vault.finish_session("live", "session", "live", b"finished")
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert (reopened.get("session", "live"), reopened.unfinished_sessions()) == (b"finished", [])
    assert list((vault_dir / "journals").iterdir()) == []


def test_a_vault_on_a_read_only_disk_still_opens_lists_and_reads(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.put("session", "s", b"to review", index_entry={"n": 1})
    monkeypatch.setattr(os, "open", _read_only)
    reviewing = Vault.unlock(vault_dir, PASSPHRASE)
    assert reviewing.index_entries("session") == {"s": {"n": 1}}
    assert reviewing.get("session", "s") == b"to review"


def test_a_vault_init_that_failed_can_be_tried_again(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", _full_disk())
    with pytest.raises(StorageError):
        Vault.init(vault_dir, PASSPHRASE, kdf=KdfParams.for_tests())
    monkeypatch.undo()
    Vault.init(vault_dir, PASSPHRASE, kdf=KdfParams.for_tests())
    Vault.unlock(vault_dir, PASSPHRASE)


def test_a_live_session_on_a_read_only_disk_still_opens_for_reading(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with vault.open_journal("live") as journal:
        journal.append(b"event")
    (vault_dir / "index").unlink()  # rebuilt: the live session is no longer listed
    (vault_dir / "index.log").unlink()
    monkeypatch.setattr(os, "open", _read_only)
    reviewing = Vault.unlock(vault_dir, PASSPHRASE)
    with reviewing.open_journal("live") as journal:
        assert journal.read().records == [b"event"]
