"""What a user test of the runner found: modal keys, passes, choices in words, no toasts over
the board, sentences that wrap, the end screen's tabs. Each through the real app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static, TabbedContent, TextArea

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.runner.app import RunnerApp
from iop_facilitator.tui.runner.screens.capture import CaptureScreen
from iop_facilitator.tui.runner.screens.check_in import CheckInScreen
from iop_facilitator.tui.runner.screens.reminder import ReminderScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.screens.start import StartScreen
from iop_facilitator.tui.runner.screens.summary import SummaryScreen
from iop_facilitator.tui.runner.vault_sessions import VaultSessions
from iop_facilitator.tui.runner.widgets.members_board import MembersBoard
from iop_facilitator.tui.runner.widgets.phase_list import PhaseList
from iop_facilitator.tui.runner.widgets.speaking_now import SpeakingNow
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    GROUP,
    dbt_agenda,
    fixed_ids,
    make_app,
    open_session,
    press,
    type_text,
    wait_until,
)

MARIA = "m0002"
PRIYA = "m0006"
TOM = "m0007"


def status_line(app: RunnerApp) -> str:
    screen = app.screen
    assert isinstance(screen, SessionScreen), f"{screen!r} is showing"
    status = screen.query_one("#status", Static)
    return str(status.content) if status.display else ""


async def test_ctrl_x_in_the_check_in_modal_records_a_pass(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "enter")  # Maria's check-in, the focus in its first box
        assert isinstance(app.screen, CheckInScreen)
        await press(pilot, "ctrl+x")
        assert isinstance(app.screen, SessionScreen)
        assert app.engine is not None and app.engine.state.checkins[MARIA].passed
        assert status_line(app) == "Maria L. passed."
        board = app.screen.query_one(MembersBoard)
        (maria_line,) = [line for line in str(board.render()).splitlines() if "Maria" in line]
        assert "pass" in maria_line


async def test_pass_goes_to_the_member_who_has_the_floor(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "5")  # Priya takes the floor; her check-in modal opens
        assert isinstance(app.screen, CheckInScreen)
        await press(pilot, "escape", "p")  # her check-in left for later, then she passes
        assert app.engine is not None
        state = app.engine.state
        assert state.checkins[PRIYA].passed and TOM not in state.checkins
        assert [t.speaker_id for t in state.turns if t.passed] == [PRIYA]
        assert status_line(app) == "Priya S. passed."
        board = app.screen.query_one(MembersBoard)
        (priya_line,) = [line for line in str(board.render()).splitlines() if "Priya" in line]
        assert "pass" in priya_line


async def test_pass_with_nobody_speaking_is_the_next_members_and_said(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "p")
        assert status_line(app) == "Maria L. passed."


async def test_homework_suggestion_then_member_then_enter_saves_both(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "h", "tab", "down", "tab", "down", "enter")
        assert isinstance(app.screen, SessionScreen), "the homework was not saved"
        assert app.engine is not None
        (homework,) = [h for h in app.engine.state.homework.values() if not h.carried]
        assert homework.from_suggestion
        assert homework.text in app.engine.state.agenda.phase_by_id("closing").homework
        assert list(homework.member_ids) == [MARIA]
        assert status_line(app) == "Homework saved for Maria L."


async def test_enter_on_a_suggestion_takes_it_and_moves_on_to_about(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "h", "tab", "enter")
        screen = app.screen
        assert isinstance(screen, CaptureScreen), "Enter on a suggestion saved at once"
        assert app.focused is screen.query_one("#about", OptionList)


async def test_the_about_choice_is_marked_and_said_in_words(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        about = screen.query_one("#about", OptionList)
        marked = [str(about.get_option_at_index(i).prompt) for i in range(about.option_count)]
        assert [p for p in marked if p.startswith("▸")] == ["▸ This phase: Check-in and diary card"]
        label = str(screen.query_one("#about-label", Label).content)
        assert label.startswith("About: This phase: Check-in and diary card")


async def test_a_flag_with_nobody_speaking_asks_whom_it_is_about(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "exclamation_mark")
        await type_text(pilot, "said something worrying")
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, CaptureScreen), "the flag went to member 1 by default"
        assert str(screen.query_one("#problem", Label).content).startswith("Choose the member")
        await press(pilot, "down", "down", "enter")
        assert app.engine is not None
        (flag,) = [f for f in app.engine.state.flags.values() if not f.carried]
        assert flag.member_id == "m0003"
        assert status_line(app) == "Safety flag saved about James T."


async def test_a_note_is_confirmed_in_the_status_line(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "1", "escape", "n")  # Maria speaking: the note is about her
        await type_text(pilot, "mentioned a new job")
        await press(pilot, "enter")
        assert status_line(app) == "Note saved about Maria L."


async def test_extending_says_so_in_the_status_line_not_in_toasts(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "E", "E", "E")
        assert not app.toasts
        assert status_line(app) == "5 more minutes for this phase: 30 min in all."


async def test_confirm_dialog_wraps_its_sentence_at_60_columns(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(60, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "q")
        screen = app.screen
        assert isinstance(screen, ConfirmScreen)
        detail = screen.query_one("#detail", Label)
        box = screen.query_one(Vertical)
        assert detail.region.right <= box.content_region.right
        words = len(str(detail.content))
        assert detail.region.height * detail.region.width >= words


async def test_f1_and_f2_switch_the_end_screens_tabs_with_the_focus(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", *["right_square_bracket"] * 7, "y")
        # The summary opens once the kept draft is read on a worker thread.
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        tabs = screen.query_one(TabbedContent)
        await press(pilot, "f2")
        assert tabs.active == "summary-tab"
        assert isinstance(app.focused, VerticalScroll)
        await press(pilot, "f1")
        assert tabs.active == "draft-tab"
        assert isinstance(app.focused, TextArea)


async def test_the_demo_notice_is_a_line_of_the_start_screen_not_a_toast(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = VaultSessions(vault_path, GROUP, dbt_agenda(), vault=vault)
    app = RunnerApp(source, clock=clock, new_id=fixed_ids("s"), notice="A throwaway vault.")
    async with app.run_test(size=(60, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.pause()
        assert str(app.screen.query_one("#notice", Label).content) == "A throwaway vault."
        assert not app.toasts


async def test_a_member_joining_mid_session_gets_the_reminder_under_a_heading(
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
        heading = str(app.screen.query_one("#heading", Label).content)
        assert heading == "A new member has joined: the reminder again"


@pytest.mark.parametrize("size", [(80, 24), (60, 24)])
async def test_the_not_yet_mark_is_explained_at_80_and_60_columns(
    vault_path: Path, vault: Vault, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=size) as pilot:
        await open_session(pilot)
        board = app.screen.query_one(MembersBoard)
        assert "◦ not yet in phase" in str(board.render())


async def test_the_prompts_fill_the_room_under_the_board_at_60_columns(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(60, 24)) as pilot:
        await open_session(pilot)
        prompts = app.screen.query_one("#narrow-prompts")
        assert prompts.display and prompts.region.height >= 2
        assert "Rate your mood" in str(app.screen.query_one("#narrow-prompt-text", Static).content)


async def test_the_next_speaker_line_fits_60_columns(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(60, 24)) as pilot:
        await open_session(pilot)
        line = str(app.screen.query_one(SpeakingNow).content)
        assert line.startswith("Next in round: Maria L. (1 or Enter) · 1:30 each")
        assert len(line.split(" · nobody")[0]) <= 60 - 2


async def test_phase_titles_are_whole_at_100_columns(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_session(pilot)
        phases = str(app.screen.query_one(PhaseList).render())
        assert "Mindfulness: observing the breath " in phases
