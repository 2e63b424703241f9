"""The runner's one-text note split into members' parts, and a member's export never carrying
another member's note, whatever the therapist did to the headings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from iop_facilitator.cli import main
from iop_facilitator.errors import ExitCode
from iop_facilitator.review.errors import MemberNoteUnclear
from iop_facilitator.review.export.exports import member_history_export, session_export
from iop_facilitator.review.library import Library
from iop_facilitator.review.note_privacy import member_note_problem
from iop_facilitator.review.note_text import note_from_saved_text
from iop_facilitator.session.notes import NoteFormat, note_draft
from iop_facilitator.session.records import Records
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.vault import KdfParams, Vault
from tests.review.review_vault import PASSPHRASE, TUESDAY, _run

WHEN = datetime(2026, 11, 17, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def summary() -> SessionSummary:
    """Maria, James, Aisha, Daniel present; Sam absent."""
    return _run(TUESDAY, WHEN, "tue-split", "absent: sam").summary()


def _ids(summary: SessionSummary) -> dict[str, str]:
    return {a.name: a.member_id for a in summary.attendance}


def _draft(summary: SessionSummary) -> str:
    return note_draft(summary, "birp").text


def _library_with_note(tmp_path: Path, edit: Callable[[str], str]) -> tuple[Library, str]:
    vault, _ = Vault.init(tmp_path / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    records = Records(vault)
    records.save_group(TUESDAY)
    engine = _run(TUESDAY, WHEN, "tue-split", "absent: sam")
    text = note_draft(engine.summary(), "birp").text
    records.finish(engine, note=edit(text))
    return Library(vault), "tue-split"


def test_text_added_to_a_heading_keeps_the_part_with_its_member(summary: SessionSummary) -> None:
    text = _draft(summary).replace(
        "Progress note — James T.\n", "Progress note — James T. (joined late in spirit)\n"
    )
    note = note_from_saved_text(summary, text, NoteFormat.BIRP)
    ids = _ids(summary)
    assert "Maria L. attended" in note.member_texts[ids["Maria L."]]
    assert "James T." not in note.member_texts[ids["Maria L."]]
    assert note.member_texts[ids["James T."]].startswith(
        "Progress note — James T. (joined late in spirit)"
    )
    assert "James T. attended" in note.member_texts[ids["James T."]]


def test_a_renamed_heading_ends_the_part_before_it(summary: SessionSummary) -> None:
    text = _draft(summary).replace("Progress note — James T.\n", "Progress note — Jimmy\n")
    note = note_from_saved_text(summary, text, NoteFormat.BIRP)
    ids = _ids(summary)
    assert "James T." not in note.member_texts[ids["Maria L."]]
    assert note.member_texts[ids["James T."]] == ""
    assert "Progress note — Jimmy" in note.group_text  # kept, nothing lost


def test_a_renamed_heading_refuses_the_member_export_without_a_part(
    summary: SessionSummary,
) -> None:
    text = _draft(summary).replace("Progress note — James T.\n", "Progress note — Jimmy\n")
    note = note_from_saved_text(summary, text, NoteFormat.BIRP)
    problem = member_note_problem(summary, note, _ids(summary)["James T."])
    assert problem is not None and "Progress note — Jimmy" in problem


def test_a_deleted_heading_refuses_the_export_of_the_part_before_it(
    tmp_path: Path,
) -> None:
    library, session_id = _library_with_note(
        tmp_path, lambda t: t.replace("Progress note — James T.\n", "")
    )
    with pytest.raises(MemberNoteUnclear) as refused:
        session_export(library, session_id, member="Maria L.")
    assert "names another member" in str(refused.value)
    assert "James" not in str(refused.value)


def test_a_heading_with_added_text_exports_each_member_their_own_note(tmp_path: Path) -> None:
    library, session_id = _library_with_note(
        tmp_path,
        lambda t: t.replace(
            "Progress note — James T.\n", "Progress note — James T. (joined late in spirit)\n"
        ),
    )
    maria = session_export(library, session_id, member="Maria L.").text
    james = session_export(library, session_id, member="James T.").text
    assert "James" not in maria
    assert "James T. attended" in james and "(No note was written.)" not in james


def test_a_member_history_export_is_refused_when_a_part_names_another_member(
    tmp_path: Path,
) -> None:
    library, _ = _library_with_note(tmp_path, lambda t: t.replace("Progress note — James T.\n", ""))
    with pytest.raises(MemberNoteUnclear):
        member_history_export(library, library.archive(), member="Maria L.")


def test_a_member_part_that_names_another_member_is_refused(summary: SessionSummary) -> None:
    note = note_from_saved_text(summary, _draft(summary), NoteFormat.BIRP)
    ids = _ids(summary)
    edited = note.edited_to(
        at=WHEN,
        member_texts={ids["Maria L."]: note.member_texts[ids["Maria L."]] + "\nSat by Aisha."},
    )
    assert member_note_problem(summary, edited, ids["Maria L."]) is not None


def test_a_part_with_a_section_twice_is_refused(summary: SessionSummary) -> None:
    note = note_from_saved_text(summary, _draft(summary), NoteFormat.BIRP)
    ids = _ids(summary)
    maria = note.member_texts[ids["Maria L."]]
    edited = note.edited_to(at=WHEN, member_texts={ids["Maria L."]: maria + "\n\n" + maria})
    assert member_note_problem(summary, edited, ids["Maria L."]) is not None


def test_an_unedited_draft_exports_every_member(summary: SessionSummary) -> None:
    note = note_from_saved_text(summary, _draft(summary), NoteFormat.BIRP)
    for a in summary.attendance:
        if a.attended:
            assert member_note_problem(summary, note, a.member_id) is None


def test_words_typed_on_the_group_title_line_are_kept(summary: SessionSummary) -> None:
    text = "EDITED-BY-QA group cohesive. " + _draft(summary)
    note = note_from_saved_text(summary, text, NoteFormat.BIRP)
    assert note.group_text.startswith("EDITED-BY-QA group cohesive. Group note (BIRP)")


def test_the_generated_group_title_is_not_part_of_the_group_text(
    summary: SessionSummary,
) -> None:
    note = note_from_saved_text(summary, _draft(summary), NoteFormat.BIRP)
    assert note.group_text.startswith("Behavior:")


def test_a_refused_member_export_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    _library_with_note(tmp_path, lambda t: t.replace("Progress note — James T.\n", ""))
    passphrase = tmp_path / "passphrase"
    passphrase.write_text(PASSPHRASE + "\n")
    out = tmp_path / "maria.md"
    result = CliRunner().invoke(
        main,
        [
            *("export", "latest", "--member", "Maria L.", "-o", str(out), "--yes"),
            *("--vault", str(tmp_path / "vault"), "--passphrase-file", str(passphrase)),
        ],
    )
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert len(result.output.strip().splitlines()) == 1
    assert "James" not in result.output
    assert not out.exists()


def test_a_deleted_heading_refuses_the_export_of_the_member_it_headed(tmp_path: Path) -> None:
    library, session_id = _library_with_note(
        tmp_path, lambda t: t.replace("Progress note — James T.\n", "")
    )
    with pytest.raises(MemberNoteUnclear) as refused:
        session_export(library, session_id, member="James T.")
    assert "could not be found" in str(refused.value)
