"""Signing a note final while the draft's "[Therapist: ...]" placeholders are still in it."""

from __future__ import annotations

from textual.widgets import Label

from iop_facilitator.review.clinical_notes import NoteStatus, load_note
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.review.screens.forms import FormScreen
from iop_facilitator.tui.review.screens.session_detail import SessionDetailScreen
from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import Built


async def test_making_final_names_the_placeholders_left_and_asks(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question", Label).content)
        detail = str(app.screen.query_one("#detail", Label).content)
    assert "placeholders" in question
    assert "group note: [Therapist: add the plan for the next session.]" in detail
    assert "Priya S.: [Therapist: add your impression of their response.]" in detail


async def test_declining_to_sign_with_placeholders_keeps_the_draft(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    note = load_note(built.vault, "thu-s2")
    assert note is None or note.status is NoteStatus.DRAFT


async def test_a_note_without_placeholders_goes_straight_to_signing(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionDetailScreen) and screen.note is not None
        note = screen.note
        screen.note = note.model_copy(
            update={
                "group_text": "Behavior:\nDone.",
                # Each member's own words: notes that read alike would ask first too.
                "member_texts": {m: f"Behavior:\nDone with {m}." for m in note.member_texts},
            }
        )
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
