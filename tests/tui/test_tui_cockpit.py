"""The cockpit's keys and readings, each through the real app over a real vault."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from textual.binding import Binding
from textual.widgets import Digits, Label, Static

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.state import PhaseStatus
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.common.keys_help import KeysScreen, key_table
from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.app import RunnerApp
from iop_facilitator.tui.runner.screens.check_in import CheckInScreen
from iop_facilitator.tui.runner.screens.reminder import ReminderScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.widgets.speaking_now import SpeakingNow
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    make_app,
    open_session,
    press,
    speak,
    start_session,
    type_text,
    wait_until,
)

ELENA = "m0008"  # the seventh member of the demo group (m0001 is the group's own id)
AISHA = "m0004"


def cockpit(app: RunnerApp) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen), f"{screen!r} is showing"
    screen.update_readings()  # what the display timer does four times a second
    return screen


def countdown_words(app: RunnerApp) -> str:
    return str(cockpit(app).query_one("#timing", Label).content)


async def test_countdown_is_computed_from_the_clock(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)  # check-in: 15 minutes
        clock.advance(125.4)
        assert cockpit(app).query_one(Digits).value == "12:55"


async def test_two_minutes_left_is_said_in_words(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        clock.advance(13 * 60 + 30)
        assert countdown_words(app) == "WRAP UP · 1:30 LEFT"


async def test_overrun_is_said_in_words(vault_path: Path, vault: Vault, clock: FakeClock) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        clock.advance(17 * 60 + 10)
        assert countdown_words(app) == "OVER 2:10"


async def test_extend_keys_add_one_and_five_minutes(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "e", "E")
        assert app.engine is not None and app.engine.state.phases[0].extended_minutes == 6


async def test_pause_stops_the_phase_timer(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "P")
        clock.advance(300)
        assert countdown_words(app) == "PAUSED · 15:00 LEFT"


async def test_late_session_rebudget_is_accepted_with_one_key(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        clock.advance(25 * 60)  # check-in runs ten minutes over
        await press(pilot, "right_square_bracket")
        notices = str(cockpit(app).query_one("#notices", Static).content)
        assert "r shortens the phases to come" in notices
        await press(pilot, "r")
        assert app.engine is not None
        planned = sum(p.planned_seconds for p in app.engine.state.phases[1:]) / 60
        assert planned < 75


async def test_member_key_gives_the_floor_and_space_ends_the_turn(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", "right_square_bracket", "x", "right_square_bracket")
        await press(pilot, "right_square_bracket")  # open discussion
        await speak(pilot, clock, "3", 42)
        assert app.engine is not None
        turn = app.engine.state.open_turn
        assert turn is not None and turn.speaker_id == AISHA
        assert "Speaking: Aisha K.  0:42" in str(cockpit(app).query_one(SpeakingNow).content)
        await press(pilot, "space")
        assert app.engine.state.open_turn is None


async def test_turn_for_an_absent_member_is_refused_with_a_sentence(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "7")
        assert app.engine is not None and app.engine.state.open_turn is None
        status = str(cockpit(app).query_one("#status", Static).content)
        assert "Elena G. is not marked present" in status
        assert not app.toasts  # no toast over the board


async def test_pass_in_a_round_moves_the_board_to_the_next_member(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "p")
        line = str(cockpit(app).query_one(SpeakingNow).content)
        assert "Next in round: James T." in line


async def test_check_in_value_outside_the_scale_is_refused_in_the_modal(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "enter", "1", "1", "enter", "enter", "enter", "enter")
        assert isinstance(app.screen, CheckInScreen)
        problem = app.screen.query_one("#problem", Label).content
        assert str(problem) == "mood must be between 0 and 10."


async def test_late_arrival_is_marked_from_the_attendance_screen(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        clock.advance(300)
        await press(pilot, "a", "7", "y", "escape")
        assert app.engine is not None
        elena = app.engine.state.members[ELENA]
        assert elena.here and elena.late


async def test_first_time_member_arriving_asks_for_the_reminder_again(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        clock.advance(60)
        await press(pilot, "a", "plus")
        await type_text(pilot, "Zoe P.")
        await press(pilot, "enter", "escape")
        assert isinstance(app.screen, ReminderScreen)
        why = str(app.screen.query_one("#why", Label).content)
        assert why.startswith("A first-time member is here (Zoe P.)")
        await press(pilot, "g")
        assert app.engine is not None and app.engine.reminder_owed() is None


async def test_bell_rings_once_at_two_minutes_left_when_asked_for(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    app.bell_enabled = True
    rings: list[None] = []
    app.bell = lambda: rings.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        cockpit(app)
        clock.advance(13 * 60 + 30)
        cockpit(app)
        cockpit(app)
        assert len(rings) == 1


async def test_homework_is_assigned_from_an_agenda_suggestion(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", "h", "tab", "enter", "enter")
        assert app.engine is not None
        (homework,) = [h for h in app.engine.state.homework.values() if not h.carried]
        assert homework.from_suggestion
        assert homework.text in app.engine.state.agenda.phase_by_id("closing").homework


async def test_quitting_mid_session_asks_first(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "q")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, SessionScreen)


async def test_question_mark_opens_the_key_reference(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, KeysScreen)
        assert app.screen.sections == keys.help_sections()


def test_key_reference_lists_every_key_of_every_screen() -> None:
    console = Console(record=True, width=100)
    console.print(key_table(keys.help_sections()))
    text = " ".join(console.export_text().split())  # the table wraps long lines
    for bindings in keys.SCREENS_FOR_HELP.values():
        for binding in bindings:
            assert isinstance(binding, Binding)
            assert f"{keys.key_label(binding)}" in text
            assert (binding.tooltip or binding.description) in text


async def test_skipped_phase_is_marked_skipped(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "x")
        assert app.engine is not None
        assert app.engine.state.phases[1].status is PhaseStatus.SKIPPED


async def test_a_refusal_over_a_screen_without_a_status_line_is_a_toast(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await press(pilot, "y", "up", "y")  # Maria L. marked present twice
        await wait_until(pilot, lambda: bool(app.toasts))
        assert list(app.toasts) == ["Maria L. is already marked present."]
