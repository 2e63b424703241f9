"""`check_vault`: every file opened and authenticated, each damaged one named."""

from __future__ import annotations

from pathlib import Path

from iop_facilitator.vault import Vault
from iop_facilitator.vault.check import check_vault
from tests.vault.vault_testing import PASSPHRASE, only_record_file


def test_an_intact_vault_has_no_problems_and_counts_its_files(vault: Vault) -> None:
    vault.put("session", "a", b"1")
    vault.put("group", "g", b"2")
    with vault.open_journal("live") as journal:
        journal.append(b"event")
    report = check_vault(vault)
    assert (report.ok, report.records_checked, report.journals_checked) == (True, 2, 1)


def test_an_old_copy_put_back_is_reported_with_its_record(vault: Vault, vault_dir: Path) -> None:
    vault.put("session", "s", b"draft")
    old = only_record_file(vault_dir, "session").read_bytes()
    vault.put("session", "s", b"final")
    only_record_file(vault_dir, "session").write_bytes(old)
    (problem,) = check_vault(vault).problems
    assert "(session 's')" in problem.file
    assert "older copy" in problem.message


def test_a_missing_record_file_is_reported(vault: Vault, vault_dir: Path) -> None:
    vault.put("session", "s", b"x")
    only_record_file(vault_dir, "session").unlink()
    (problem,) = check_vault(vault).problems
    assert problem.message == "it is missing"


def test_a_torn_journal_is_a_note_not_damage(vault: Vault) -> None:
    with vault.open_journal("live") as journal:
        journal.append(b"event")
        journal.append(b"torn")
    journal.path.write_bytes(journal.path.read_bytes()[:-3])
    report = check_vault(vault)
    assert report.ok
    assert "cut short by a crash" in report.notes[0].message


def test_a_journal_damaged_before_its_end_is_reported(vault: Vault) -> None:
    with vault.open_journal("live") as journal:
        for _ in range(3):
            journal.append(b"event")
    data = bytearray(journal.path.read_bytes())
    data[-50] ^= 1
    journal.path.write_bytes(bytes(data))
    (problem,) = check_vault(vault).problems
    assert "(session 'live')" in problem.file
    assert "1 entries before it" in problem.message


def test_a_damaged_index_is_reported_while_every_record_is_checked(
    vault: Vault, vault_dir: Path
) -> None:
    vault.put("session", "s", b"x")
    (vault_dir / "index").write_bytes(b"IOPV-REC" + bytes(40))
    report = check_vault(Vault.unlock(vault_dir, PASSPHRASE))
    assert [p.file for p in report.problems] == ["index"]
    assert report.records_checked == 1


def test_a_leftover_temp_file_is_a_note(vault: Vault, vault_dir: Path) -> None:
    (vault_dir / ".tmp-index-1234").write_bytes(b"sealed bytes")
    report = check_vault(vault)
    assert report.ok
    assert report.notes[0].file == ".tmp-index-1234"


def test_a_damaged_file_is_counted_once(vault: Vault, vault_dir: Path) -> None:
    vault.put("session", "s", b"x")
    only_record_file(vault_dir, "session").write_bytes(b"junk")
    (vault_dir / "index").unlink()  # the rebuild meets the damaged file too
    report = check_vault(Vault.unlock(vault_dir, PASSPHRASE))
    files = [p.file.split(" (")[0] for p in report.problems]
    assert len(files) == len(set(files)) == 2  # the index, and the damaged record once


def test_loose_permissions_are_said_and_set_back(vault: Vault, vault_dir: Path) -> None:
    vault.put("session", "s", b"x")
    vault_dir.chmod(0o755)
    (vault_dir / "key").chmod(0o644)
    notices: list[str] = []
    Vault.unlock(vault_dir, PASSPHRASE, on_notice=notices.append)
    assert "The vault folder could be read by other users (0755)" in notices[0]
    assert "The file key could be read by other users (0644)" in notices[1]
    assert (vault_dir.stat().st_mode & 0o777, (vault_dir / "key").stat().st_mode & 0o777) == (
        0o700,
        0o600,
    )
    only_record_file(vault_dir, "session").chmod(0o640)
    report = check_vault(vault)
    assert any("set back to 0600" in n.message for n in report.notes)
    assert only_record_file(vault_dir, "session").stat().st_mode & 0o777 == 0o600
