"""The check before signing: the note editor, signing and `export` say which members' notes
share a section word for word (names and pronouns aside); a note signed anyway records it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Label, TextArea

from iop_facilitator.cli import main
from iop_facilitator.review.clinical_notes import load_note
from iop_facilitator.review.export.exports import session_export
from iop_facilitator.review.library import Library
from iop_facilitator.review.note_similarity import similarity_warnings
from iop_facilitator.session.notes import NoteFormat, note_draft
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.review.screens.session_detail import SessionDetailScreen
from iop_facilitator.tui.runner.recovery import note_check
from tests.review.review_app_testing import NOW, review_app, settle
from tests.review.review_vault import PASSPHRASE, Built

# tue-s1 is the group's first session: Maria, James and Aisha did the same things in it, so
# their drafts' Intervention reads the same; tue-s2 has history and differs member by member.
ALIKE = "Maria L., James T. and Aisha K. have the same Intervention, word for word"


def test_a_session_whose_members_did_the_same_has_a_shared_section(built: Built) -> None:
    library = Library(built.vault)
    warnings = similarity_warnings(library.note("tue-s1"), library.summary("tue-s1"))
    assert [w for w in warnings if w.startswith(ALIKE)] and len(warnings) == 1


def test_an_edit_that_sets_one_note_apart_clears_the_warning(built: Built) -> None:
    library = Library(built.vault)
    note = library.note("tue-s1")
    aisha = next(m for m in note.member_texts if library.summary("tue-s1").member(m).name[0] == "A")
    changed = note.member_texts[aisha].replace(
        "Intervention:\n", "Intervention:\nCoached through TIPP one to one after group.\n"
    )
    edited = library.edit_note("tue-s1", at=NOW, member_texts={aisha: changed})
    warnings = similarity_warnings(edited, library.summary("tue-s1"))
    assert warnings == [
        "Maria L. and James T. have the same Intervention, word for word (names and pronouns "
        "aside); payers may deny notes that read alike."
    ]


def test_names_initials_and_pronouns_do_not_set_two_notes_apart(built: Built) -> None:
    library = Library(built.vault)
    summary = library.summary("tue-s2")
    maria, james = list(library.note("tue-s2").member_texts)[:2]
    text = (
        "Behavior:\n{name} ({initials}) said {they} slept badly; {name}'s mood was 5.\n\n"
        "Plan:\nContinue in group; {their} homework stays."
    )
    texts = {
        maria: text.format(name="Maria L.", initials="M.L.", they="she", their="her"),
        james: text.format(name="James T.", initials="J.T.", they="he", their="his"),
    }
    note = library.note("tue-s2").edited_to(at=NOW, member_texts=texts)
    shared = similarity_warnings(note, summary)
    assert [w.split(",")[0] for w in shared] == [
        "Maria L. and James T. have the same Behavior",
        "Maria L. and James T. have the same Plan",
    ]


def test_signing_anyway_records_the_warnings(built: Built) -> None:
    signed = Library(built.vault).finalise_note(
        "tue-s1", at=NOW, by="Dr. Rivera", leave_placeholders=True
    )
    assert signed.final
    assert [w for w in signed.signed_with_warnings if w.startswith(ALIKE)]
    stored = load_note(built.vault, "tue-s1")
    assert stored is not None and stored.signed_with_warnings == signed.signed_with_warnings


def test_signing_notes_that_differ_records_no_warning(built: Built) -> None:
    signed = Library(built.vault).finalise_note(
        "tue-s2", at=NOW, by="Dr. Rivera", leave_placeholders=True
    )
    assert signed.final and signed.signed_with_warnings == ()


def test_export_warns_which_members_share_a_section(built: Built) -> None:
    made = session_export(Library(built.vault), "tue-s1")
    assert [n for n in made.notices if n.startswith(f"Session of 2026-11-03: {ALIKE}")]
    assert session_export(Library(built.vault), "tue-s2").notices == ()


def test_export_of_one_members_note_warns_only_about_that_member(built: Built) -> None:
    library = Library(built.vault)
    daniel = next(a for a in library.summary("tue-s1").attendance if a.name == "Daniel R.")
    maria = next(a for a in library.summary("tue-s1").attendance if a.name == "Maria L.")
    assert session_export(library, "tue-s1", member=daniel.member_id).notices == ()
    assert session_export(library, "tue-s1", member=maria.member_id).notices


def test_export_command_prints_the_warning(built: Built, tmp_path: Path) -> None:
    passphrase = tmp_path / "passphrase"
    passphrase.write_text(PASSPHRASE + "\n")
    result = CliRunner().invoke(
        main,
        [
            *("export", "tue-s1", "-o", str(tmp_path / "note.md"), "--yes"),
            *("--vault", str(built.path), "--passphrase-file", str(passphrase)),
        ],
    )
    assert result.exit_code == 0
    assert f"Session of 2026-11-03: {ALIKE}" in result.output


async def test_the_note_editor_asks_before_signing_notes_that_read_alike(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # oldest: tue-s1
        await settle(pilot)
        assert isinstance(app.screen, SessionDetailScreen) and app.screen.session_id == "tue-s1"
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question", Label).content)
        detail = str(app.screen.query_one("#detail", Label).content)
    assert "1 section shared between members" in question and "final anyway" in question
    assert ALIKE in detail


async def test_the_note_editor_shows_which_notes_a_members_note_reads_like(
    built: Built,
) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # oldest: tue-s1
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        alike = app.screen.query_one("#note-alike", Label)
        group_part = (str(alike.content), alike.display)
        await pilot.press("ctrl+n")  # Maria's note
        await pilot.pause()
        maria_part = (str(alike.content), alike.display)
    assert group_part == ("", False)
    assert maria_part == (
        "Intervention reads the same as in the notes of James T. and Aisha K.",
        True,
    )


async def test_the_note_editor_clears_the_warning_as_the_note_is_set_apart(
    built: Built,
) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # oldest: tue-s1
        await settle(pilot)
        await pilot.press("e", "ctrl+n")  # Maria's note
        await pilot.pause()
        alike = app.screen.query_one("#note-alike", Label)
        before = alike.display
        area = app.screen.query_one("#note-text", TextArea)
        area.text = area.text.replace(
            "Intervention:\n", "Intervention:\nCoached one to one on TIPP after group.\n"
        )
        await pilot.pause()
        after = (str(alike.content), alike.display)
    assert before is True
    assert after == ("", False)


def test_the_runners_check_after_saving_names_notes_that_read_alike(built: Built) -> None:
    library = Library(built.vault)
    summary = library.summary("tue-s1")
    draft = note_draft(summary, NoteFormat.BIRP).text  # the note as the end screen saves it
    assert [w for w in note_check(summary, draft) if w.startswith(ALIKE)]
    assert not [w for w in note_check(library.summary("tue-s2"), "") if w]


def test_an_export_of_a_note_signed_anyway_says_what_it_was_signed_despite(built: Built) -> None:
    library = Library(built.vault)
    library.finalise_note("tue-s1", at=NOW, by="Dr. Rivera", leave_placeholders=True)
    text = session_export(library, "tue-s1").text
    signature = text[text.index("Signature") :]
    assert "Signed despite" in signature and ALIKE in signature
