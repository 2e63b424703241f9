"""Review, export and notes word counts, names and homework as a person would write them."""

from __future__ import annotations

import io
from datetime import date

import pytest
from rich.console import Console, RenderableType
from textual.widgets import Label

from iop_facilitator.review.errors import MemberUnknown
from iop_facilitator.review.export.exports import member_history_export, range_export
from iop_facilitator.review.library import Library
from iop_facilitator.review.member_history import find_member, member_history
from iop_facilitator.session.notes import NoteFormat, note_draft
from iop_facilitator.tui.common.document_view import summary_renderable, summary_renderables
from iop_facilitator.tui.review.screens.forms import FormScreen
from iop_facilitator.tui.review.screens.member_detail import flags_and_notes
from iop_facilitator.wording import count, full_stop
from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import Built


def _text(*renderables: RenderableType) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    for r in renderables:
        console.print(r)
    return console.export_text()


def test_count_of_one_is_singular() -> None:
    assert (count(1, "session"), count(2, "session"), count(0, "hit")) == (
        "1 session",
        "2 sessions",
        "0 hits",
    )


def test_full_stop_after_initials_is_not_doubled() -> None:
    assert (full_stop("Did not speak: S.O."), full_stop("Absent: none")) == (
        "Did not speak: S.O.",
        "Absent: none.",
    )


def test_soap_group_note_has_one_full_stop_after_initials(built: Built) -> None:
    sam_passed = built.summaries[2]  # tue-s2: Sam passed and did not speak
    assert "Did not speak: S.O.\n" in note_draft(sam_passed, NoteFormat.SOAP).group_text + "\n"
    assert ".." not in note_draft(sam_passed, NoteFormat.SOAP).text


def test_an_unknown_member_is_named_with_one_full_stop(built: Built) -> None:
    with pytest.raises(MemberUnknown) as refused:
        find_member(built.archive(), "Sam Q.")
    assert str(refused.value) == "No session has a member called Sam Q."


def test_member_history_export_names_the_member_by_initials_with_full_stops(
    built: Built,
) -> None:
    library = Library(built.vault)
    export = member_history_export(library, library.archive(), member="Aisha K.")
    assert export.what == "member history of A.K. (3 sessions)"


def test_a_range_of_one_session_says_one_session(built: Built) -> None:
    library = Library(built.vault)
    day = date(2026, 11, 3)
    export = range_export(
        library, library.archive(), group="Tuesday evening IOP", since=day, until=day
    )
    assert export.what.startswith("1 session of Tuesday evening IOP")


def test_review_session_view_says_whom_member_homework_was_given_to(built: Built) -> None:
    summary = built.summaries[0]
    maria = summary.attendance[0]
    line = summary.homework_given[0].model_copy(update={"member_ids": (maria.member_id,)})
    changed = summary.model_copy(update={"homework_given": (line,)})
    assert f"Given to {maria.name}: {line.text}" in _text(*summary_renderables(changed))


def test_runner_summary_says_homework_outcomes_in_words(built: Built) -> None:
    reviewed = built.summaries[2]  # tue-s2 reviewed last week's homework, one "not-done"
    assert "not-done" in {o for h in reviewed.homework_reviewed for o in h.outcomes.values()}
    text = _text(summary_renderable(reviewed))
    assert "not done" in text and "not-done" not in text


def test_member_page_says_what_was_done_about_a_flag_and_when(built: Built) -> None:
    archive = built.archive()
    james = find_member(archive, "James T.")
    text = flags_and_notes(member_history(archive, james.id)).plain
    assert "handled 2026-11-10 " in text
    assert "by the facilitator: Called after group; staying with his sister" in text


async def test_flag_handling_form_names_the_member_and_the_flag(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        words = " ".join(str(label.content) for label in app.screen.query(Label))
    assert "the safety flag about Tom W." in words
    assert "Mentioned passive thoughts of self-harm" in words
