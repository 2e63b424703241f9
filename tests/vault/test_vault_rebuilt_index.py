"""A rebuilt index is said at every unlock until `vault check` has checked it (issue 12, 3).

An older copy of a record put back, with the index deleted, cannot be told from the current
one by the objects alone; what must never happen is that the vault says nothing about it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from iop_facilitator.vault import Vault
from iop_facilitator.vault.check import check_vault
from tests.vault.vault_testing import PASSPHRASE, only_record_file


def _replay_with_the_index_removed(vault: Vault, vault_dir: Path) -> None:
    vault.put("session", "s", b"draft")
    old = only_record_file(vault_dir, "session")
    kept = old.read_bytes()
    vault.put("session", "s", b"final")
    only_record_file(vault_dir, "session").unlink()
    old.write_bytes(kept)
    (vault_dir / "index").unlink()
    (vault_dir / "index.log").unlink()


def test_a_rebuilt_index_is_said_at_every_unlock_even_after_a_save(
    vault: Vault, vault_dir: Path
) -> None:
    _replay_with_the_index_removed(vault, vault_dir)
    notices: list[str] = []
    first = Vault.unlock(vault_dir, PASSPHRASE, on_notice=notices.append)
    assert notices and "index" in notices[0] and "rebuilt" in notices[0]
    first.put("group", "g", b"a save writes the rebuilt index")
    notices.clear()
    Vault.unlock(vault_dir, PASSPHRASE, on_notice=notices.append)
    assert any("not checked since" in notice for notice in notices)


def test_vault_check_checks_a_rebuilt_index_and_then_it_is_no_longer_said(
    vault: Vault, vault_dir: Path
) -> None:
    _replay_with_the_index_removed(vault, vault_dir)
    Vault.unlock(vault_dir, PASSPHRASE).put("group", "g", b"x")
    report = check_vault(Vault.unlock(vault_dir, PASSPHRASE))
    assert report.ok
    assert any("had been rebuilt from the records" in note.message for note in report.notes)
    assert Vault.unlock(vault_dir, PASSPHRASE).problems == []


def test_an_index_missing_at_check_is_damage(vault: Vault, vault_dir: Path) -> None:
    _replay_with_the_index_removed(vault, vault_dir)
    report = check_vault(Vault.unlock(vault_dir, PASSPHRASE))
    assert not report.ok
    assert report.problems[0].file == "index"


def test_a_copied_vault_keeps_saying_it_until_checked(vault: Vault, vault_dir: Path) -> None:
    _replay_with_the_index_removed(vault, vault_dir)
    Vault.unlock(vault_dir, PASSPHRASE).put("group", "g", b"x")
    copy = vault_dir.parent / "copy"
    shutil.copytree(vault_dir, copy)
    assert "not checked since" in str(Vault.unlock(copy, PASSPHRASE).problems[0])
