from datetime import UTC, datetime

import pytest

from iop_facilitator.review.clinical_notes import ClinicalNote, NoteStatus
from iop_facilitator.review.errors import NoteLocked, NotFinal

MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)


def _draft() -> ClinicalNote:
    return ClinicalNote(session_id="s1", group_text="Behavior: draft", member_texts={"m1": "a"})


def test_editing_a_draft_changes_only_the_parts_given() -> None:
    note = _draft().edited_to(at=MORNING, member_texts={"m1": "b"})
    assert note.group_text == "Behavior: draft"
    assert note.member_texts == {"m1": "b"}
    assert note.edited == MORNING


def test_making_a_note_final_records_who_and_when() -> None:
    note = _draft().made_final(at=MORNING, by="Dr Rivera", leave_placeholders=True)
    assert note.status is NoteStatus.FINAL
    assert (note.finalised, note.finalised_by) == (MORNING, "Dr Rivera")


def test_a_final_note_refuses_edits() -> None:
    note = _draft().made_final(at=MORNING, by="Dr Rivera", leave_placeholders=True)
    with pytest.raises(NoteLocked):
        note.edited_to(at=LATER, group_text="changed")


def test_an_addendum_is_dated_and_leaves_the_final_text_alone() -> None:
    final = _draft().made_final(at=MORNING, by="Dr Rivera", leave_placeholders=True)
    note = final.with_addendum(text="  Called member; safe.  ", at=LATER, by="Dr Rivera")
    assert note.group_text == final.group_text
    assert [(a.written, a.text) for a in note.addenda] == [(LATER, "Called member; safe.")]


def test_a_draft_takes_no_addendum() -> None:
    with pytest.raises(NotFinal):
        _draft().with_addendum(text="late", at=LATER, by="Dr Rivera")
