"""Two review windows (or programs) on one vault: a note signed final in one stays final."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from textual.widgets import TextArea

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.clinical_notes import NoteStatus, load_note
from iop_facilitator.review.errors import NoteChanged
from iop_facilitator.review.library import Library
from iop_facilitator.vault import Vault
from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import PASSPHRASE, Built

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 20, 9, 5, tzinfo=UTC)


def _other_window(built: Built) -> Library:
    """A second review on the same vault, as another window or program opens it."""
    return Library(Vault.unlock(built.path, PASSPHRASE))


def test_a_draft_saved_while_another_window_signs_does_not_undo_the_signing(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = Library(built.vault), _other_window(built)
    here.edit_note("tue-s2", at=AT, group_text="First draft.")
    signing = threading.Thread(
        target=lambda: there.finalise_note(
            "tue-s2", at=LATER, by="Dr. Rivera", leave_placeholders=True
        )
    )
    read = built.vault.get

    def sign_elsewhere_meanwhile(kind: str, record_id: str) -> bytes:
        payload = read(kind, record_id)
        if kind == RecordKind.CLINICAL_NOTE and not signing.is_alive() and signing.ident is None:
            signing.start()  # the other window signs between this one's read and its write
            signing.join(timeout=1.0)
        return payload

    monkeypatch.setattr(built.vault, "get", sign_elsewhere_meanwhile)
    here.edit_note("tue-s2", at=LATER, group_text="Second draft.")
    signing.join()
    note = load_note(built.vault, "tue-s2")
    assert note is not None and note.status is NoteStatus.FINAL


def test_saving_a_draft_signed_final_in_another_window_is_refused_in_a_sentence(
    built: Built,
) -> None:
    here, there = Library(built.vault), _other_window(built)
    seen = here.note("tue-s2")
    there.finalise_note("tue-s2", at=AT, by="Dr. Rivera", leave_placeholders=True)
    with pytest.raises(NoteChanged, match=r"^This note was signed final in another window"):
        here.edit_note("tue-s2", at=LATER, group_text="My edit.", seen=seen)
    note = load_note(built.vault, "tue-s2")
    assert note is not None and note.status is NoteStatus.FINAL


def test_signing_a_draft_changed_in_another_window_since_it_was_shown_is_refused(
    built: Built,
) -> None:
    here, there = Library(built.vault), _other_window(built)
    seen = here.note("tue-s2")
    there.edit_note("tue-s2", at=AT, group_text="Changed over there.")
    with pytest.raises(NoteChanged, match="changed in another window"):
        here.finalise_note("tue-s2", at=LATER, by="Dr. Rivera", seen=seen, leave_placeholders=True)
    note = load_note(built.vault, "tue-s2")
    assert note is not None and note.status is NoteStatus.DRAFT


async def test_review_window_shows_the_note_signed_elsewhere_after_refusing_an_edit(
    built: Built,
) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # thu-s2, a draft
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        _other_window(built).finalise_note(
            "thu-s2", at=AT, by="Dr. Rivera", leave_placeholders=True
        )
        app.screen.query_one(TextArea).load_text("Edited here meanwhile.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = app.screen.note  # type: ignore[attr-defined]
        assert shown is not None and shown.final
        assert any("signed final in another window" in toast for toast in app.toasts)
