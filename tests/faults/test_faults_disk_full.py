"""A real full disk and a real read-only file system (a tiny tmpfs), where the machine lets
the tests mount one (root on Linux); skipped elsewhere. The patched-call versions of these
faults in test_vault_storage_faults.py run everywhere."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_facilitator.vault import KdfParams, StorageError, Vault
from iop_facilitator.vault.check import check_vault
from tests.vault.vault_testing import PASSPHRASE


def _mount(args: list[str]) -> bool:
    try:
        done = subprocess.run(["mount", *args], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 192 KiB tmpfs mounted for this test only."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=192k,mode=0700", "tmpfs", str(mount_point)]):
        pytest.skip("this machine does not let the tests mount a tmpfs")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False, timeout=10)


def _fill(vault: Vault) -> int:
    """Put 3 KB records until the disk refuses; return how many were saved."""
    saved = 0
    with pytest.raises(StorageError, match="The disk is full"):
        while True:
            vault.put("session", f"s{saved}", bytes(3000), index_entry={"n": saved})
            saved += 1
    return saved


def _use_up_the_space(filler: Path) -> None:
    with filler.open("wb", buffering=0) as file:
        try:
            while True:
                file.write(bytes(4096))
        except OSError:
            pass


def test_a_really_full_disk_loses_no_saved_record_and_leaves_no_temp_file(
    tiny_disk: Path,
) -> None:
    vault, _ = Vault.init(tiny_disk / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    saved = _fill(vault)
    reopened = Vault.unlock(tiny_disk / "vault", PASSPHRASE)
    for number in range(saved):
        assert reopened.get("session", f"s{number}") == bytes(3000)
    assert list(tiny_disk.rglob(".tmp-*")) == []
    assert check_vault(reopened).ok


def test_a_really_full_disk_during_appends_keeps_every_saved_entry_and_recovers(
    tiny_disk: Path,
) -> None:
    vault, _ = Vault.init(tiny_disk / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    filler = tiny_disk / "filler"
    journal = vault.open_journal("live")
    appended = 0
    with pytest.raises(StorageError, match="The disk is full"):
        while True:
            journal.append(bytes(1000))
            appended += 1
            if appended == 20:
                _use_up_the_space(filler)  # the disk fills up mid-session
    filler.unlink()
    assert journal.append(b"after space was freed") == appended
    assert journal.read().records == [bytes(1000)] * appended + [b"after space was freed"]


def test_a_really_read_only_disk_refuses_saves_but_opens_for_review(tiny_disk: Path) -> None:
    vault, _ = Vault.init(tiny_disk / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    vault.put("session", "s", b"saved", index_entry={"n": 1})
    if not _mount(["-o", "remount,ro", str(tiny_disk)]):
        pytest.skip("this machine does not let the tests remount read-only")
    with pytest.raises(StorageError, match="cannot be written to"):
        vault.put("session", "s", b"a change")
    reopened = Vault.unlock(tiny_disk / "vault", PASSPHRASE)
    assert reopened.get("session", "s") == b"saved"
