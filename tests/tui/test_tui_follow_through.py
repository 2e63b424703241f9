"""What carries from one session to the next, the nudge for quiet members, and the mouse."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, Static

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.events import HomeworkOutcome
from iop_facilitator.session.group import Group
from iop_facilitator.session.records import Records
from iop_facilitator.tui.runner.screens.check_in import CheckInScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.widgets.members_board import MembersBoard
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    PASSPHRASE,
    dbt_agenda,
    fixed_ids,
    make_app,
    open_session,
    press,
    speak,
)

MARIA = "m0002"


def last_week(vault: Vault, group: Group) -> str:
    """A finished session a week ago in which Maria was given homework; its homework id."""
    clock = FakeClock()
    records = Records(vault)
    live = records.start_live(group, dbt_agenda(), clock, new_id=fixed_ids("w"))
    engine = live.engine
    for member in group.members:
        engine.mark_present(member.id)
    engine.give_reminder()
    engine.start_phase()
    assigned = engine.assign_homework("Practise TIPP once a day", [MARIA])
    clock.advance(3600)
    engine.end_session()
    records.finish(live, "note")
    return assigned.homework_id


async def test_carried_homework_is_reviewed_in_the_members_check_in(
    vault_path: Path, vault_and_group: tuple[Vault, Group]
) -> None:
    vault, group = vault_and_group
    homework_id = last_week(vault, group)
    clock = FakeClock()
    clock.advance(7 * 24 * 3600)
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "enter")  # Maria's check-in
        assert isinstance(app.screen, CheckInScreen)
        # Enter in each box, as the modal says, ends in the homework's outcomes, not a save.
        await press(pilot, "7", "enter", "2", "enter", "1", "enter", "enter")
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one(Select).expanded
        await pilot.pause()
        box = app.screen.query_one("CheckInScreen > Vertical").region
        outcomes = app.screen.query_one("SelectOverlay").region
        assert outcomes.bottom <= box.bottom, "the outcomes spill out of the modal"
        await press(pilot, "down", "enter")  # "done", the last choice: saved
        assert isinstance(app.screen, SessionScreen)
        assert app.engine is not None
        reviews = app.engine.state.homework[homework_id].reviews
        assert reviews == {MARIA: HomeworkOutcome.DONE}


async def test_quiet_member_is_named_in_a_gentle_nudge(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", "right_square_bracket", "x", "right_square_bracket")
        await press(pilot, "right_square_bracket")  # open discussion
        for key in "123456":
            await speak(pilot, clock, key, 30)
        await speak(pilot, clock, "1", 11 * 60)
        await press(pilot, "space")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.update_readings()
        notices = str(screen.query_one("#notices", Static).content)
        line = "• Not heard from for a while: James T., Aisha K., Daniel R., Priya S."
        assert line in notices.splitlines(), "one full stop after the initials"


async def test_clicking_a_members_row_gives_them_the_floor(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", "right_square_bracket", "x", "right_square_bracket")
        await press(pilot, "right_square_bracket")  # open discussion
        await pilot.click(MembersBoard, offset=(5, 3))  # the heading, then the third member
        assert app.engine is not None
        turn = app.engine.state.open_turn
        assert turn is not None and turn.speaker_id == "m0004"
