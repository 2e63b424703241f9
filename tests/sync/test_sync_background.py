"""A sync in the background tells one sentence and never raises into the caller."""

from __future__ import annotations

import shutil
from pathlib import Path

from iop_facilitator.sync.background import sync_in_background
from iop_facilitator.sync.remote import Remote
from iop_facilitator.sync.vault_sync import set_remote
from iop_facilitator.vault import KdfParams, Vault
from tests.vault.vault_testing import PASSPHRASE


def _vault(tmp_path: Path) -> Vault:
    vault, _ = Vault.init(tmp_path / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    vault.put("session", "s1", b"one", session="s1")
    return vault


def test_a_vault_without_a_remote_starts_nothing(tmp_path: Path) -> None:
    told: list[str] = []
    assert sync_in_background(_vault(tmp_path), told.append) is None
    assert told == []


def test_a_finished_session_is_sent_and_said_in_one_sentence(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    set_remote(vault, Remote.parse(str(disk)))
    told: list[str] = []
    thread = sync_in_background(vault, told.append)
    assert thread is not None
    thread.join()
    assert told == [f"Sent 1 session to {disk}; received nothing."]


def test_a_store_gone_away_is_a_sentence_not_an_exception(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    set_remote(vault, Remote.parse(str(disk)))
    shutil.rmtree(disk)  # the disk was unplugged
    told: list[str] = []
    thread = sync_in_background(vault, told.append)
    assert thread is not None
    thread.join()
    assert told == [
        f"Sync failed: The backup folder {disk} does not exist; create it (or mount the disk) "
        "first."
    ]
