"""A note edited on two computers keeps both versions until the clinician keeps one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from iop_facilitator.review.clinical_notes import load_note
from iop_facilitator.review.note_conflicts import keep_version, note_conflicts
from tests.review.note_conflict_vaults import SESSION, two_computers

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


def test_both_computers_see_the_same_two_versions(tmp_path: Path) -> None:
    computers = two_computers(tmp_path)
    office = note_conflicts(computers.office.vault)
    home = note_conflicts(computers.home)
    assert list(office) == list(home) == [SESSION]
    texts = {office[SESSION].in_use.group_text, office[SESSION].other.group_text}
    assert texts == {"Edited at the office.", "Edited at home."}
    assert office[SESSION].in_use == home[SESSION].in_use  # the same one in use on both


def test_keeping_one_version_is_an_edit_that_settles_it_on_both(tmp_path: Path) -> None:
    computers = two_computers(tmp_path)
    conflict = note_conflicts(computers.home)[SESSION]
    kept = keep_version(computers.home, conflict, other=True, now=lambda: NOW)
    assert kept.group_text == conflict.other.group_text and kept.edited == NOW
    assert note_conflicts(computers.home) == {}
    computers.sync_both()
    assert note_conflicts(computers.office.vault) == {}
    office_note = load_note(computers.office.vault, SESSION)
    assert office_note is not None and office_note.group_text == conflict.other.group_text


def test_a_vault_that_never_synced_has_no_conflicts(tmp_path: Path) -> None:
    from tests.review.review_vault import build_vault

    assert note_conflicts(build_vault(tmp_path / "v").vault) == {}
