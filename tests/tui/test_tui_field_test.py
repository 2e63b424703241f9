"""Issue 10 in the runner: undo a slip (3), the check-in form is not the turn (4), and a form
half-typed when the program died comes back with its text (2)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.records import Records
from iop_facilitator.tui.runner.app import RunnerApp
from iop_facilitator.tui.runner.screens.capture import CaptureScreen
from iop_facilitator.tui.runner.screens.check_in import RESTORED_LINE, CheckInScreen
from iop_facilitator.tui.runner.screens.resume import ResumeScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.vault_sessions import VaultSessions
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    PASSPHRASE,
    fixed_ids,
    make_app,
    open_session,
    press,
    wait_until,
)

MARIA = "m0002"
RELAPSE = "Disclosed a relapse on Saturday; wants to"


def _status(app: RunnerApp) -> str:
    status = app.screen.query_one("#status", Static)
    return str(status.content) if status.display else ""


def _kinds(app: RunnerApp, since: int) -> list[str]:
    assert app.engine is not None
    return [e.type for e in app.engine.events[since:] if e.type != "form-drafted"]


# --- 3: slips of one key can be undone -----------------------------------------------------


async def test_a_skip_says_what_it_skipped_and_z_undoes_it(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        assert app.engine is not None
        skipped = app.engine.state.next_planned_phase
        assert skipped is not None
        await press(pilot, "x")
        assert _status(app) == f"Skipped {skipped.spec.title} — z undoes"
        await press(pilot, "z")
        again = app.engine.state.next_planned_phase
        assert again is not None and again.id == skipped.id
        assert _status(app) == f"Undone: Skipped {skipped.spec.title}."
        assert app.engine.events[-1].type == "action-undone"


async def test_ending_the_round_early_says_who_is_missing_and_can_be_undone(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        assert app.engine is not None
        await press(pilot, "right_square_bracket")
        assert "with 7 not checked in — z undoes" in _status(app)
        await press(pilot, "z")
        phase = app.engine.state.phase
        assert phase is not None and phase.spec.kind.value == "check-in"


async def test_the_undo_offer_leaves_the_status_line_when_it_lapses(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "x")
        clock.advance(121)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.update_readings()
        assert _status(app) == ""


# --- 4: the check-in form is not the turn -------------------------------------------------


async def test_saving_a_check_in_leaves_the_members_turn_running(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "enter")  # Maria's turn, and her check-in
        assert isinstance(app.screen, CheckInScreen) and app.engine is not None
        count = len(app.engine.events)
        await press(pilot, "7", "enter", "2", "enter", "1", "enter", "enter")
        assert _kinds(app, count) == ["checkin-recorded"]
        turn = app.engine.state.open_turn
        assert turn is not None and turn.speaker_id == MARIA


async def test_the_form_reopens_for_the_speaker_and_a_change_is_a_correction(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "enter", "7", "enter", "enter", "enter", "enter")
        assert app.engine is not None
        turns = len(app.engine.state.turns)
        await press(pilot, "C")
        assert isinstance(app.screen, CheckInScreen)
        await press(pilot, "backspace", "4", "ctrl+s")
        assert app.engine.state.checkins[MARIA].values["mood"] == 4
        assert app.engine.events[-1].type == "checkin-edited"
        assert len(app.engine.state.turns) == turns


async def test_the_form_opens_for_any_member_by_key_without_a_turn(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "C", "2")  # James's form; nobody is speaking
        assert isinstance(app.screen, CheckInScreen)
        assert app.engine is not None and app.engine.state.open_turn is None


async def test_escape_leaves_the_form_and_c_brings_back_what_was_typed(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "enter", "6", "escape")
        assert isinstance(app.screen, SessionScreen)
        assert "C opens it again" in _status(app)
        await press(pilot, "C")
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#field-0", Input).value == "6"


async def test_letters_typed_into_a_rating_go_on_into_the_note(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "enter", "5", "enter", "enter", "enter", "tab")  # one Tab too many
        await press(pilot, "o", "k")
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert screen.query_one("#note", Input).value.endswith("ok")
        assert "went on into the note" in str(screen.query_one("#problem").render())


# --- 2: a half-typed form survives the program dying --------------------------------------


async def test_a_half_typed_note_reopens_after_a_crash_with_a_line_saying_so(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, CaptureScreen)
        for letter in RELAPSE[:12]:
            await pilot.press(letter if letter != " " else "space")
        clock.advance(3)  # the throttled draft is due on the next tick
        await pilot.pause(0.3)
        assert app.engine is not None
        session_id = app.engine.session_id
    # The app is gone without finishing (as after kill -9): the journal holds the draft.
    again = Vault.unlock(vault_path, PASSPHRASE)
    assert Records(again).unfinished()[0].session_id == session_id
    source = VaultSessions(vault_path, "Tuesday evening IOP", app.source.agenda, vault=again)
    resumed = RunnerApp(source, clock=clock, new_id=fixed_ids("r"))
    async with resumed.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(resumed.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(resumed.screen, CaptureScreen))
        screen = resumed.screen
        assert screen.query_one("#text", Input).value == RELAPSE[:12]
        assert str(screen.query_one("#restored").render()) == RESTORED_LINE


# --- 1: one live session per group; every unfinished one offered; empty ones discarded ------


def _crashed(vault: Vault, clock: FakeClock, prefix: str, present: bool = True) -> str:
    records = Records(vault)
    group = records.group("Tuesday evening IOP")
    from tests.tui.runner_testing import dbt_agenda

    live = records.start_live(group, dbt_agenda(), clock, new_id=fixed_ids(prefix))
    if present:
        live.engine.mark_present(MARIA)
    live.journal.close()  # type: ignore[attr-defined]
    clock.advance(600)
    return live.session_id


async def test_every_unfinished_session_is_offered_newest_first(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    older = _crashed(vault, clock, "a")
    newer = _crashed(vault, clock, "b")
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        screen = app.screen
        assert isinstance(screen, ResumeScreen)
        assert [u.session_id for u in screen.sessions] == [newer, older]
        await press(pilot, "down", "r")
        await wait_until(pilot, lambda: app.engine is not None)
        assert app.engine is not None and app.engine.session_id == older


async def test_a_second_runner_of_a_live_group_says_who_holds_it_then_takes_over(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from iop_facilitator.tui.runner.screens.group_held import GroupHeldScreen
    from tests.tui.runner_testing import dbt_agenda

    records = Records(vault)
    holder = records.start_live(records.group("Tuesday evening IOP"), dbt_agenda(), clock)
    holder.engine.mark_present(MARIA)
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, GroupHeldScreen))
        await pilot.pause()
        said = str(app.screen.query_one("#who").render())
        assert said.startswith("Tuesday evening IOP's session is live in another window")
        holder.journal.close()  # type: ignore[attr-defined]  # that window is closed
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: app.engine is not None)
        assert app.engine is not None and app.engine.session_id == holder.session_id


async def test_an_unfinished_session_nobody_attended_can_be_discarded(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from iop_facilitator.review.access_log import access_log

    _crashed(vault, clock, "a", present=False)
    opened = Vault.unlock(vault_path, PASSPHRASE)
    app = make_app(vault_path, clock, vault=opened, prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await press(pilot, "d", "y")
        await wait_until(pilot, lambda: not isinstance(app.screen, ResumeScreen))
    assert Records(opened).unfinished() == []
    assert access_log(opened)[0].action == "discard"


async def test_ending_a_session_nobody_attended_offers_to_discard_it(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from tests.tui.runner_testing import start_session

    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        from iop_facilitator.tui.common.confirm import ConfirmScreen

        await start_session(pilot)
        await press(pilot, "escape", "escape")  # nobody marked; the reminder later
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.action_end_session()
        await press(pilot, "y")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, ConfirmScreen)
                and app.screen.question.startswith("Nobody was marked present")
            ),
        )
        await press(pilot, "y")
        await wait_until(pilot, lambda: app.finished)
    assert Records(vault).session_index() == []


# --- 12 and 15: keys everywhere; the group asked for after one unlock ------------------------


async def test_question_mark_works_on_the_start_screen(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from iop_facilitator.tui.common.keys_help import KeysScreen
    from iop_facilitator.tui.runner.screens.start import StartScreen

    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        await press(pilot, "question_mark")
        assert isinstance(app.screen, KeysScreen)


async def test_ctrl_c_asks_to_quit_as_q_does(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from iop_facilitator.tui.common.confirm import ConfirmScreen

    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "ctrl+c")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Quit while the session is running?")


async def test_an_unknown_group_is_chosen_after_the_one_unlock(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from iop_facilitator.tui.runner.screens.group_picker import GroupPickerScreen
    from iop_facilitator.tui.runner.screens.start import StartScreen
    from iop_facilitator.tui.runner.screens.unlock import UnlockScreen
    from tests.tui.runner_testing import dbt_agenda

    source = VaultSessions(vault_path, "Tuesday IOP", dbt_agenda())  # locked, misnamed
    app = make_app(vault_path, clock, source=source)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, UnlockScreen))
        app.screen.query_one(Input).value = PASSPHRASE
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GroupPickerScreen))
        assert "no group called Tuesday IOP" in str(app.screen.query_one("#why").render())
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert source.group.name == "Tuesday evening IOP"


# --- 16: names get the room the window has -------------------------------------------------------


async def test_long_names_get_the_room_and_two_christophers_stay_apart() -> None:
    from textual.app import App, ComposeResult

    from iop_facilitator.tui.runner.widgets.members_board import (
        BoardTotals,
        MemberRow,
        MembersBoard,
    )

    rows = [
        MemberRow(key="1", name="Christopher Jones-Whitaker", initials="C.J."),
        MemberRow(key="2", name="Christopher Jones-Whitfield", initials="C.W."),
        MemberRow(key="3", name="Alexandra Montgomery", initials="A.M."),
    ]

    class Board(App[None]):
        def compose(self) -> ComposeResult:
            yield MembersBoard(id="board")

    for width, expect in ((80, "Alexandra Montgomery"), (60, "Alexandra Mon")):
        app = Board()
        async with app.run_test(size=(width, 10)) as pilot:
            board = app.query_one(MembersBoard)
            board.show(rows, BoardTotals(equity=0.0, facilitator_share=0.0))
            await pilot.pause()
            text = str(board.render())
        assert expect in text
        lines = text.splitlines()[1:3]
        assert lines[0] != lines[1].replace("2", "1", 1)  # the two Christophers differ


async def test_a_phase_change_clears_a_status_line_said_in_the_phase_before(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "e")  # "1 more minute for this phase: ..."
        assert "more minute" in _status(app)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.recorder.next_phase()  # the phase changes (as from another key)
        screen.update_readings()
        assert _status(app) == ""


# --- 7 and 17: after saving, where the session went, and the note's check at once ------------


async def test_saving_the_note_says_where_it_went_and_names_a_part_that_names_another(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from textual.widgets import TextArea

    from iop_facilitator.tui.common.confirm import ConfirmScreen
    from iop_facilitator.tui.runner.screens.summary import SummaryScreen

    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", *["right_square_bracket"] * 7, "y")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        area = summary.query_one(TextArea)
        heading = "Progress note — Maria L."
        row = next(i for i, line in enumerate(area.text.splitlines()) if line.startswith(heading))
        area.insert("Sat by James T. all session.\n", (row + 1, 0))
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question == "Saved. Open it in review now?"
        assert "Tuesday evening IOP" in confirm.detail and "is in the vault" in confirm.detail
        assert "progress note of Maria L." in confirm.detail
        await press(pilot, "y")
        await wait_until(pilot, lambda: app.return_code is not None)
    assert app.review_requested


# --- 16: the prompts scroll by key; phase titles get the room at 100+ columns ---------------


async def test_the_prompt_panel_scrolls_by_key_at_80_by_24(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from textual.containers import VerticalScroll

    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape")
        panel = app.screen.query_one("#prompts", VerticalScroll)
        assert panel.max_scroll_y > 0  # the check-in's prompts do not fit at 80x24
        await press(pilot, "pagedown")
        await pilot.pause()
        assert panel.scroll_y > 0
        await press(pilot, "pageup")
        await pilot.pause()
        assert panel.scroll_y == 0


async def test_phase_titles_get_the_room_at_120_columns(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from iop_facilitator.tui.runner.widgets.phase_list import PhaseList

    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape")
        phases = app.screen.query_one(PhaseList)
        assert phases.size.width > 48
        assert "Practice together: paced breathing and cold water" in str(phases.render())
