"""Sessions never finished (quit, crash, a new session started instead) in review: read from
their journals, their open flags, notes and homework shown like any session's."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import DataTable, Input, Label, OptionList, Static

from iop_facilitator.review.member_history import member_history
from iop_facilitator.review.safety_flags import open_flags
from iop_facilitator.review.unfinished import read_unfinished
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.live import LiveSession
from iop_facilitator.session.records import Records
from iop_facilitator.tui.review.screens.session_detail import SessionDetailScreen
from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import TUESDAY, Built, agenda

CONCERN = "Spoke of giving away belongings; needs a call today"
MARIA = "tue-m1"


def _quit_mid_session(built: Built, *, close: bool = True) -> LiveSession:
    """A Tuesday session with a safety flag and a note, left unfinished (the runner quit)."""
    clock = FakeClock(start=datetime(2026, 11, 24, 18, 0, tzinfo=UTC))
    ids = (f"tue-s4-{n}" for n in itertools.count(1))
    live = Records(built.vault).start_live(TUESDAY, agenda(), clock, new_id=lambda: next(ids))
    engine = live.engine
    for member in TUESDAY.members:
        engine.mark_present(member.id)
    engine.give_reminder()
    engine.start_phase()
    engine.start_turn(MARIA)
    clock.advance(60)
    engine.raise_flag(MARIA, CONCERN)
    engine.add_note("Maria asked for a longer check-in next week.", member_id=MARIA)
    if close:
        live.journal.close()  # type: ignore[attr-defined]
    return live


def _damage_entry(journal_path: Path, number: int) -> None:
    """Flip one byte inside entry `number` (from 1), leaving every other entry intact."""
    data = bytearray(journal_path.read_bytes())
    pos = 28 + int.from_bytes(data[26:28], "big")  # past the header
    for _ in range(number - 1):
        pos += 8 + int.from_bytes(data[pos : pos + 4], "big")
    data[pos + 8 + 12 + 2] ^= 0x01  # past the length, CRC and nonce: the sealed text
    journal_path.write_bytes(bytes(data))


async def test_an_unfinished_sessions_open_flag_is_in_follow_up(built: Built) -> None:
    live = _quit_mid_session(built)
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        flagged = [f for f in open_flags(app.archive) if f.note == CONCERN]
        assert [f.session_id for f in flagged] == [live.session_id]
        await pilot.press("f")
        await settle(pilot)
        assert str(app.screen.query_one("#count", Label).render()).startswith("2 safety flags")


async def test_an_unfinished_session_opens_its_summary_marked_unfinished(built: Built) -> None:
    live = _quit_mid_session(built)
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        assert str(next(iter(table.rows)).value) == live.session_id  # the newest
        assert table.get_row_at(0)[-1] == "UNFIN"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionDetailScreen)
        body = app.screen.query_one("#session-body", Static).content
        texts = [str(r) for r in body.renderables]  # type: ignore[union-attr]
        assert texts[0].startswith("UNFINISHED This session was never finished")
        assert "Attendance and participation" in texts


async def test_search_finds_the_words_of_an_unfinished_sessions_flag(built: Built) -> None:
    live = _quit_mid_session(built)
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        app.screen.query_one(Input).value = "belongings"
        await settle(pilot)
        hits = app.screen.query_one(OptionList)
        ids = [str(hits.get_option_at_index(i).id) for i in range(hits.option_count)]
        assert [i.split(":", 1)[1] for i in ids] == [live.session_id]


def test_a_members_page_shows_the_flag_of_an_unfinished_session(built: Built) -> None:
    _quit_mid_session(built)
    readings = read_unfinished(Records(built.vault))
    archive = built.archive()
    archive.add_all([d for d in (r.digest() for r in readings) if d is not None])
    history = member_history(archive, MARIA)
    assert CONCERN in [f.note for f in history.flags]


def test_a_journal_damaged_before_its_end_is_read_up_to_the_damage(built: Built) -> None:
    live = _quit_mid_session(built)
    _damage_entry(live.journal.path, 10)  # type: ignore[attr-defined]  # the flag
    (reading,) = read_unfinished(Records(built.vault))
    assert reading.problem is not None and "damaged" in reading.problem
    assert reading.summary is not None and reading.summary.present_count == 5


async def test_a_session_a_runner_holds_is_listed_in_progress(built: Built) -> None:
    live = _quit_mid_session(built, close=False)  # still open: a runner is running it
    app = review_app(built.vault)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#sessions", DataTable)
            assert table.get_row(live.session_id)[-1] == "LIVE"
            counted = str(app.screen.query_one("#count", Label).render())
            assert "1 in progress" in counted
    finally:
        live.journal.close()  # type: ignore[attr-defined]


async def test_review_opens_with_a_damaged_group_file(built: Built) -> None:
    damaged = sorted((built.path / "records" / "group").iterdir())[0]
    data = bytearray(damaged.read_bytes())
    data[-5] ^= 0x01
    damaged.write_bytes(bytes(data))
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#sessions", DataTable).row_count == 5
