"""Records: stored, listed, replaced and found again after a fresh unlock."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.vault import RecordNotFoundError, Vault
from iop_facilitator.vault import index as index_module
from tests.vault.vault_testing import PASSPHRASE


def test_a_record_reads_back_after_a_fresh_unlock(vault: Vault, vault_dir: Path) -> None:
    vault.put("session", "s-1", b'{"notes": "calm"}')
    assert Vault.unlock(vault_dir, PASSPHRASE).get("session", "s-1") == b'{"notes": "calm"}'


def test_putting_again_replaces_the_record(vault: Vault) -> None:
    vault.put("group", "g", b"old")
    vault.put("group", "g", b"new")
    assert vault.get("group", "g") == b"new"


def test_ids_lists_each_kind_separately_and_sorted(vault: Vault) -> None:
    vault.put("session", "b", b"")
    vault.put("session", "a", b"")
    vault.put("group", "c", b"")
    assert vault.ids("session") == ["a", "b"]


def test_index_entries_survive_a_fresh_unlock(vault: Vault, vault_dir: Path) -> None:
    vault.put("session", "s-1", b"x", index_entry={"date": "2026-11-23", "group": "Tue"})
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.index_entries("session") == {"s-1": {"date": "2026-11-23", "group": "Tue"}}


def test_records_without_an_index_entry_are_left_out_of_index_entries(vault: Vault) -> None:
    vault.put("session", "plain", b"x")
    assert vault.index_entries("session") == {}


def test_getting_an_unknown_record_says_which(vault: Vault) -> None:
    with pytest.raises(RecordNotFoundError, match="no session record 'nope'"):
        vault.get("session", "nope")


def test_a_record_id_may_hold_any_unicode(vault: Vault) -> None:
    vault.put("group", "Dienstag · Gruppe/1", b"x")
    assert vault.get("group", "Dienstag · Gruppe/1") == b"x"


def test_a_kind_that_could_escape_the_folder_is_refused(vault: Vault) -> None:
    with pytest.raises(ValueError, match="kind"):
        vault.put("../x", "a", b"")


def test_a_batch_writes_every_record(vault: Vault, vault_dir: Path) -> None:
    with vault.batch():
        for number in range(5):
            vault.put("session", f"s{number}", b"x", index_entry={"n": number})
    assert len(Vault.unlock(vault_dir, PASSPHRASE).index_entries("session")) == 5


def test_a_record_written_just_before_a_crash_is_found_on_the_next_unlock(
    vault: Vault, vault_dir: Path
) -> None:
    before = (vault_dir / "index").read_bytes()
    vault.put("session", "late", b"x", index_entry={"n": 1})
    # The crash came between the record's write and the index's: the old index is on disk.
    (vault_dir / "index").write_bytes(before)
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.index_entries("session") == {"late": {"n": 1}}


def test_a_damaged_index_is_rebuilt_from_the_records_and_reported(
    vault: Vault, vault_dir: Path
) -> None:
    vault.put("session", "s", b"x", index_entry={"n": 1})
    (vault_dir / "index").write_bytes(b"garbage")
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.index_entries("session") == {"s": {"n": 1}}
    assert "index" in str(reopened.problems[0])


def test_a_change_by_another_copy_of_the_program_is_seen(vault: Vault, vault_dir: Path) -> None:
    other = Vault.unlock(vault_dir, PASSPHRASE)
    other.put("session", "from-other", b"x")
    assert vault.ids("session") == ["from-other"]


def test_two_copies_putting_in_turn_keep_each_others_records(vault: Vault, vault_dir: Path) -> None:
    other = Vault.unlock(vault_dir, PASSPHRASE)
    vault.put("session", "a", b"x")
    other.put("session", "b", b"x")
    vault.put("session", "c", b"x")
    assert Vault.unlock(vault_dir, PASSPHRASE).ids("session") == ["a", "b", "c"]


def test_records_yields_every_payload(vault: Vault) -> None:
    vault.put("session", "a", b"1")
    vault.put("session", "b", b"2")
    assert [(r.record_id, r.payload) for r in vault.records("session")] == [
        ("a", b"1"),
        ("b", b"2"),
    ]


def test_a_save_sees_another_copys_save_even_when_the_index_file_looks_unchanged(
    vault_dir: Path, made: tuple[Vault, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same inode, size and time: what a reused inode within one timestamp tick looks like.
    monkeypatch.setattr(index_module, "file_stat", lambda path: (1, 1, 1))
    ours, theirs = Vault.unlock(vault_dir, PASSPHRASE), Vault.unlock(vault_dir, PASSPHRASE)
    theirs.put("session", "theirs", b"x")
    ours.put("session", "ours", b"x")
    assert ours.ids("session") == ["ours", "theirs"]


def test_a_stray_file_where_a_kinds_folder_would_be_is_ignored(
    vault: Vault, vault_dir: Path
) -> None:
    vault.put("session", "s", b"x")
    (vault_dir / "records" / "notes").write_bytes(b"not a folder")
    assert Vault.unlock(vault_dir, PASSPHRASE).ids("session") == ["s"]
