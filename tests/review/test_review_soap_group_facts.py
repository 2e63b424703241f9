"""The SOAP draft states a group's attendance and check-ins in the same words as BIRP and DAP."""

from __future__ import annotations

from iop_facilitator.session.notes import NoteFormat, note_draft
from tests.review.review_vault import Built


def _facts(text: str) -> list[str]:
    """The attendance and check-in lines, in any order (the formats place them differently)."""
    return sorted(x for x in text.splitlines() if x.startswith(("Attendance:", "Check-in ")))


def test_soap_group_note_states_the_same_attendance_and_checkins_as_birp(built: Built) -> None:
    for summary in built.summaries:
        birp = _facts(note_draft(summary, "birp").group_text)
        assert birp and _facts(note_draft(summary, NoteFormat.SOAP).group_text) == birp
