"""Exports of the fixture's sessions, compared byte for byte with the files in golden/.

After an intended change, rewrite them with `IOP_UPDATE_GOLDEN=1 pytest tests/review` and read
the diff before committing.
"""

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from iop_facilitator.review.clinical_notes import NoteFormat
from iop_facilitator.review.export.exports import (
    FileFormat,
    member_history_export,
    range_export,
    session_export,
)
from iop_facilitator.review.library import Library
from tests.review.review_vault import Built

GOLDEN = Path(__file__).parent / "golden"


def _assert_matches_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("IOP_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_session_markdown_in_birp_matches_golden(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s2")
    _assert_matches_golden("session-birp.md", made.text)


def test_session_markdown_in_dap_matches_golden(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s2", style=NoteFormat.DAP)
    _assert_matches_golden("session-dap.md", made.text)


def test_session_markdown_in_soap_matches_golden(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s2", style=NoteFormat.SOAP)
    _assert_matches_golden("session-soap.md", made.text)


def test_session_html_matches_golden(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s2", fmt=FileFormat.HTML)
    _assert_matches_golden("session-birp.html", made.text)


def test_session_json_matches_golden(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s2", fmt=FileFormat.JSON)
    _assert_matches_golden("session.json", made.text)


def test_member_progress_note_matches_golden(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s2", member="tue-m2")
    _assert_matches_golden("member-note-birp.md", made.text)


def test_member_progress_note_json_matches_golden(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s2", member="tue-m2", fmt=FileFormat.JSON)
    _assert_matches_golden("member-note.json", made.text)


def test_group_range_matches_golden(built: Built) -> None:
    library = Library(built.vault)
    made = range_export(
        library, library.archive(), group="Tuesday", since=None, until=None, fmt=FileFormat.HTML
    )
    _assert_matches_golden("range-tuesday.html", made.text)


def test_member_history_matches_golden(built: Built) -> None:
    library = Library(built.vault)
    made = member_history_export(library, library.archive(), member="James T.")
    _assert_matches_golden("member-history-james.md", made.text)


@pytest.mark.parametrize("fmt", list(FileFormat))
def test_a_members_note_names_no_other_member(built: Built, fmt: FileFormat) -> None:
    made = session_export(Library(built.vault), "tue-s2", member="tue-m2", fmt=fmt)
    others = ["Maria", "Aisha", "Daniel", "Sam", "M.L.", "A.K.", "S.O."]
    assert [name for name in others if name in made.text] == []


def test_a_member_history_names_no_other_member(built: Built) -> None:
    library = Library(built.vault)
    made = member_history_export(library, library.archive(), member="James T.")
    others = ["Maria", "Aisha", "Daniel", "Sam", "M.L.", "A.K.", "S.O."]
    assert [name for name in others if name in made.text] == []


def test_exporting_another_format_than_the_saved_note_says_so(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s2", style=NoteFormat.SOAP)
    assert len(made.notices) == 1
    assert "BIRP" in made.notices[0]


def test_final_note_with_an_addendum_matches_golden(built: Built) -> None:
    library = Library(built.vault)
    signed = datetime(2026, 11, 11, 9, 0, tzinfo=UTC)
    library.finalise_note("tue-s2", at=signed, by="Dr. Rivera", leave_placeholders=True)
    later = datetime(2026, 11, 12, 14, 30, tzinfo=UTC)
    library.add_addendum(
        "tue-s2", text="J.T. called: staying with his sister.", at=later, by="Dr. Rivera"
    )
    made = session_export(library, "tue-s2")
    _assert_matches_golden("session-final-with-addendum.md", made.text)
