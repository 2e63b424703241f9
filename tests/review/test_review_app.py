from textual.widgets import DataTable, OptionList, Static, TextArea

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.clinical_notes import NoteStatus, load_note
from iop_facilitator.review.safety_flags import open_flags
from iop_facilitator.session.notes import NoteFormat
from iop_facilitator.tui.review.screens.member_detail import MemberDetailScreen
from iop_facilitator.tui.review.screens.session_detail import SessionDetailScreen
from tests.review.review_app_testing import NOW, review_app, settle
from tests.review.review_vault import Built


def _rows(app: object, selector: str) -> list[str]:
    table = app.screen.query_one(selector, DataTable)  # type: ignore[attr-defined]
    return [str(k.value) for k in table.rows]


async def test_sessions_view_lists_every_session_newest_first(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _rows(app, "#sessions") == ["thu-s2", "tue-s3", "tue-s2", "thu-s1", "tue-s1"]


async def test_filter_line_narrows_sessions_by_group_and_date(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await pilot.press(*"group:tuesday from:2026-11-05")
        await pilot.pause()
        assert _rows(app, "#sessions") == ["tue-s3", "tue-s2"]


async def test_filter_line_narrows_sessions_by_text(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await pilot.press(*"drinking")
        await pilot.pause()
        assert _rows(app, "#sessions") == ["tue-s2"]


async def test_enter_opens_the_session_with_its_summary(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.session_id == "tue-s3"
        body = app.screen.query_one("#session-body", Static).content
        texts = [str(r) for r in body.renderables]  # type: ignore[union-attr]
        assert "Attendance and participation" in texts


async def test_editing_a_note_saves_the_new_text_in_the_vault(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).load_text("Behavior:\nEdited by the therapist.")
        await pilot.press("ctrl+s")
        await settle(pilot)
    note = load_note(built.vault, "thu-s2")
    assert note is not None
    assert note.group_text == "Behavior:\nEdited by the therapist."
    assert note.edited == NOW


async def test_making_a_note_final_locks_it(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        await pilot.press("y")  # the draft's placeholders: make it final anyway
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("e")  # refused: the editor does not open
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
    note = load_note(built.vault, "thu-s2")
    assert note is not None
    assert (note.status, note.finalised_by, note.finalised) == (NoteStatus.FINAL, "Dr. Rivera", NOW)


async def test_an_addendum_to_a_final_note_is_dated_and_kept(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        await pilot.press("y")  # the draft's placeholders: make it final anyway
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Called Tom; safe.")
        await pilot.press("ctrl+s")
        await settle(pilot)
    note = load_note(built.vault, "thu-s2")
    assert note is not None
    assert [(a.written, a.by, a.text) for a in note.addenda] == [
        (NOW, "Dr. Rivera", "Called Tom; safe.")
    ]


async def test_members_view_opens_a_members_history_with_charts(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert _rows(app, "#members")[0] == "tue-m3"  # Aisha K., first by name
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MemberDetailScreen)
        figures = str(app.screen.query_one("#member-figures", Static).content)
        assert "3 sessions · 3 present" in figures
        assert len(app.screen.query(".chart-line")) == 2  # mood and urges


async def test_handling_a_flag_in_follow_up_records_who_what_when(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        flag_key = _rows(app, "#follow-up")[0]
        assert flag_key.startswith("flag:")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Safety call; plan in place")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not any(k.startswith("flag:") for k in _rows(app, "#follow-up"))
    archive = Archive.load(built.vault)
    handling = archive.handled[flag_key.removeprefix("flag:")]
    assert (handling.by, handling.note, handling.at) == (
        "Dr. Rivera",
        "Safety call; plan in place",
        NOW,
    )
    assert open_flags(archive) == []


async def test_search_lists_hits_with_the_words_highlighted(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"weekend")
        await pilot.pause()
        hits = app.screen.query_one("#hits", OptionList)
        assert hits.option_count == 5
        prompt = hits.get_option_at_index(0).prompt
        highlighted = [
            prompt.plain[s.start : s.end] for s in prompt.spans if "reverse" in str(s.style)
        ]  # type: ignore[union-attr]
        assert highlighted == ["weekend"]


async def test_log_view_shows_that_nothing_was_exported(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)  # the log is read in a worker
        assert "Nothing has been exported" in str(app.screen.query_one("#count", Static).content)


async def test_a_draft_can_be_redrafted_in_another_format(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")  # BIRP -> DAP, after a confirmation
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    note = load_note(built.vault, "thu-s2")
    assert note is not None
    assert note.format is NoteFormat.DAP
    assert note.group_text.startswith("Data:")


async def test_browsing_every_view_leaves_the_session_records_unchanged(built: Built) -> None:
    records = built.path / "records" / "session"
    before = {p.name: p.read_bytes() for p in records.iterdir()}
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("enter", "escape", "m", "enter", "escape", "g", "enter", "escape", "f", "l"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("slash", *"sleep", "escape", "enter")
        await settle(pilot)
    assert {p.name: p.read_bytes() for p in records.iterdir()} == before
