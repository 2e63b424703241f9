"""A whole session driven through the real app, read back from the vault afterwards."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.tui.runner.screens.summary import SummaryScreen
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    PASSPHRASE,
    attend_and_remind,
    make_app,
    press,
    read_back,
    speak,
    type_text,
    wait_until,
)


async def check_in(pilot: Pilot[None], clock: FakeClock, values: str, note: str = "") -> None:
    """Enter gives the floor to the next in the round; then the values, one box each."""
    await press(pilot, "enter")
    clock.advance(60)
    for value in values:
        await press(pilot, value, "enter")
    if note:
        await type_text(pilot, note)
    await press(pilot, "enter")


async def test_whole_session_is_read_back_from_the_vault_with_its_figures(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await attend_and_remind(pilot)  # Elena G. (7) absent, everyone else present
        await press(pilot, "right_square_bracket")  # check-in: a round
        await check_in(pilot, clock, "732", note="slept badly")  # Maria
        await press(pilot, "space", "p")  # Maria's turn ends (saving did not end it); James passes
        await check_in(pilot, clock, "555")  # Aisha
        await press(pilot, "right_square_bracket", "x", "right_square_bracket")  # skip review
        await press(pilot, "right_square_bracket")  # open discussion: STOP and TIPP
        await speak(pilot, clock, "4", 120)  # Daniel
        await speak(pilot, clock, "f", 60)  # the lead facilitator
        await speak(pilot, clock, "5", 90)  # Priya
        await speak(pilot, clock, "6", 30)  # Tom, flagged while speaking
        await press(pilot, "exclamation_mark")
        await type_text(pilot, "passive SI")
        await press(pilot, "enter", "space")
        await press(pilot, "n")
        await type_text(pilot, "engaged")
        await press(pilot, "enter", "h")
        await type_text(pilot, "TIPP daily")
        await press(pilot, "enter")
        session_id = app.engine.session_id if app.engine else ""
        await press(pilot, *["right_square_bracket"] * 3)  # practice, closing, then: end?
        await press(pilot, "y")
        # The summary opens once the kept draft is read on a worker thread.
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        app.screen.query_one(TextArea).insert("Reviewed. ", (0, 0))
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: app.finished)
    assert app.return_code in (None, 0)

    finished = read_back(vault_path, session_id).finished(session_id)
    summary = finished.summary()
    names = {line.member_id: line.name for line in summary.attendance}
    assert (summary.present_count, summary.absent_count) == (7, 1)
    checkins = {names[c.member_id]: c for c in summary.checkins}
    assert checkins["Maria L."].values == {"mood": 7, "distress": 3, "urges": 2}
    assert checkins["Maria L."].note == "slept badly"
    assert checkins["James T."].passed
    airtime = {line.name: round(line.airtime_seconds) for line in summary.speakers}
    assert airtime["Daniel R."] == 120
    assert airtime["Priya S."] == 90
    assert airtime["Tom W."] == 30
    assert airtime["Maria L."] == 60
    assert sum(round(s.airtime_seconds) for s in summary.speakers if s.is_facilitator) == 60
    assert [(f.member_name, f.note) for f in summary.flags] == [("Tom W.", "passive SI")]
    assert [n.text for n in summary.notes] == ["engaged"]
    assert [h.text for h in summary.homework_given] == ["TIPP daily"]
    assert [p.status for p in summary.phases].count("skipped") == 1
    assert finished.note.startswith("Reviewed. ")
    kept_while_editing = Vault.unlock(vault_path, PASSPHRASE).get(RecordKind.NOTE_DRAFT, session_id)
    assert kept_while_editing == b""  # the finished record holds the note from now on
