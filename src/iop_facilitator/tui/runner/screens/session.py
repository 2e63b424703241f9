"""The cockpit: the phase's countdown, the members board, who is speaking, and every action key.

The screen never counts time itself: a display timer asks the state for its readings at the
clock's current time (`readings.read`), so a late tick or a slow machine can never bend a timer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Label, Static

from iop_facilitator.agenda.model import PhaseKind, TurnMode
from iop_facilitator.session import UNDO_SECONDS, SaveStatus, reminder_owed
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.messages import QuitAsked, SaveStatusChanged, Say
from iop_facilitator.tui.runner.quitting import quit_detail
from iop_facilitator.tui.runner.readings import Readings, member_at_key, read
from iop_facilitator.tui.runner.recorder import Recorder
from iop_facilitator.tui.runner.screens.group_view import CockpitGroupViewScreen
from iop_facilitator.tui.runner.screens.reminder import ReminderScreen
from iop_facilitator.tui.runner.screens.session_capture import CaptureActions
from iop_facilitator.tui.runner.views import PhaseTiming
from iop_facilitator.tui.runner.widgets.countdown import Countdown
from iop_facilitator.tui.runner.widgets.members_board import MembersBoard
from iop_facilitator.tui.runner.widgets.phase_list import PhaseList
from iop_facilitator.tui.runner.widgets.save_banner import SaveBanner
from iop_facilitator.tui.runner.widgets.speaking_now import SpeakingNow

TURN_WORDS = {
    TurnMode.ROUND: "a round: everyone in order, passing is fine",
    TurnMode.OPEN: "open discussion",
    TurnMode.NONE: "no turns tracked",
}

STATUS_SECONDS = 8.0
"""How long a confirmation stays in the status line (the next one replaces it at once)."""

REFRESH_SECONDS = 0.25
"""How often the display is redrawn from the clock (not a timer of the session)."""


class SessionScreen(CaptureActions):
    """The live session. Dismissed (with None) once the session has ended."""

    BINDINGS = keys.SESSION + keys.MEMBER_TURNS

    def __init__(
        self,
        recorder: Recorder,
        *,
        bell: bool = False,
        throwaway: bool = False,
        save_status: SaveStatus | None = None,
    ) -> None:
        """`save_status` is saving's status as the screen opens; `SaveStatusChanged` messages
        keep it up to date."""
        super().__init__(id="session")
        self.recorder = recorder
        self.bell = bell
        self.throwaway = throwaway
        self.save_status = save_status
        self._last_timing: PhaseTiming | None = None
        self._reminder_offered_for: set[str] = set()
        self._last_phase: str | None = None
        self._status_timer: Timer | None = None
        self._undo_shown = False  # the status line offers an undo (cleared when it lapses)
        self._check_in_for_key = False  # C pressed: the next member key opens their form
        self._draft_reopened = False
        self._said_in: str | None = None  # the phase the status line was said in

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Label("", id="bar")
        yield SaveBanner(id="save-banner")
        with Horizontal(id="main"):
            with Vertical(id="plan"):
                yield Countdown(id="countdown")
                yield PhaseList(id="phases")
                with VerticalScroll(id="prompts"):
                    yield Static("", id="prompt-text")
            with Vertical(id="people"):
                yield MembersBoard(id="board")
                yield Static("", id="status")
                yield Static("", id="notices")
                with VerticalScroll(id="narrow-prompts"):
                    yield Static("", id="narrow-prompt-text")
        yield SpeakingNow("", id="speaking")
        yield Footer()

    def on_mount(self) -> None:
        if self.save_status is not None:
            self.show_save_status(self.save_status.problem, self.save_status.waiting)
        self.update_readings()
        self.set_interval(REFRESH_SECONDS, self.update_readings)
        self.call_after_refresh(self.reopen_draft)

    def on_screen_resume(self) -> None:
        self.update_readings()
        self._offer_reminder_for_newcomers()

    def _offer_reminder_for_newcomers(self) -> None:
        # A first-time member arrived (marked in attendance): ask for the reminder once for
        # them; "later" leaves it in the notices until it is given.
        owed = reminder_owed(self.recorder.state)
        if owed is None or owed.reason != "new-member":
            return
        newcomers = set(owed.member_ids) - self._reminder_offered_for
        if newcomers:
            self._reminder_offered_for |= newcomers
            self.action_reminder()

    # --- display ------------------------------------------------------------------------------

    def update_readings(self) -> None:
        """Redraw every widget from the state at the clock's current time."""
        state = self.recorder.state
        readings = read(state, self.recorder.at())
        group = state.group_name
        bar = self.query_one("#bar", Label)
        # The times first: at 60 columns the group's name is what gets cut, not the plan.
        bar.update(f"{readings.bar} · {group}")
        self.query_one(Countdown).show(readings.countdown)
        self.query_one(MembersBoard).show(readings.rows, readings.totals)
        self.query_one(PhaseList).show(readings.phases)
        self.query_one(SpeakingNow).show(readings.now)
        notices = self.query_one("#notices", Static)
        notices.update("\n".join(f"• {n}" for n in readings.notices))
        notices.display = bool(readings.notices)
        self._update_prompts(readings)
        self._ring_on_change(readings)
        self.recorder.flush_draft()
        if self._undo_shown and self.recorder.undo_words() is None:
            self._undo_shown = False  # no longer true: the undo has lapsed
            self._clear_status()

    def _phase_id(self) -> str | None:
        """The phase running, or the next one between phases."""
        phase = self.recorder.state.phase or self.recorder.state.next_planned_phase
        return phase.id if phase else None

    def _update_prompts(self, readings: Readings) -> None:
        phase_id = self._phase_id()
        if self._said_in != phase_id and self.query_one("#status", Static).display:
            # A status line said in another phase is no longer true: the phase change clears it.
            self._clear_status()
        phase = self.recorder.state.phase or self.recorder.state.next_planned_phase
        if phase_id == self._last_phase:
            return
        self._last_phase = phase_id
        text = ""
        if phase is not None:
            spec = phase.spec
            parts = [f"[b]{spec.title}[/b] · {TURN_WORDS[spec.turns]}"]
            parts += [f"• {prompt}" for prompt in spec.prompts]
            if spec.script:
                parts.append(f"[i]{' '.join(spec.script.split())}[/i]")
            text = "\n".join(parts)
        self.query_one("#prompt-text", Static).update(text)
        self.query_one("#narrow-prompt-text", Static).update(text)

    def _ring_on_change(self, readings: Readings) -> None:
        timing = readings.countdown.timing
        if (
            self.bell
            and timing in (PhaseTiming.WARNING, PhaseTiming.OVER)
            and self._last_timing not in (timing, None)
        ):
            self.app.bell()
        self._last_timing = timing

    def say(self, message: str, *, warning: bool = False, seconds: float = STATUS_SECONDS) -> None:
        """One short message in the status line under the board (never over the countdown or
        the board); it replaces the one before and goes after `seconds`."""
        status = self.query_one("#status", Static)
        status.update(message)
        status.set_class(warning, "-warning")
        status.display = True
        self._undo_shown = False
        self._said_in = self._phase_id()
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(seconds, self._clear_status)

    def _clear_status(self) -> None:
        self.query_one("#status", Static).display = False

    def on_save_status_changed(self, message: SaveStatusChanged) -> None:
        self.save_status = message.status
        self.show_save_status(message.status.problem, message.status.waiting)

    def on_say(self, message: Say) -> None:
        """A refusal or a saving problem: in the status line, which covers nothing."""
        message.stop()
        self.say(message.notice.text, warning=message.notice.severity != "information")

    def on_quit_asked(self, message: QuitAsked) -> None:
        message.stop()
        self.action_quit_session()

    def show_save_status(self, problem: str | None, waiting: int) -> None:
        """The persistent banner while saves fail; cleared when everything is on disk."""
        banner = self.query_one(SaveBanner)
        if problem is None:
            banner.clear()
        else:
            banner.show_failure(problem, waiting)

    # --- speaking turns -----------------------------------------------------------------------

    def _after(self, done: bool) -> None:
        if done:
            self.update_readings()

    def action_member_turn(self, position: int) -> None:
        member_id = member_at_key(self.recorder.state, position)
        if member_id is None:
            return
        if self._check_in_for_key:
            self._check_in_for_key = False
            self._clear_status()
            self._ask_check_in(member_id)
            return
        self.start_turn(member_id)

    def on_members_board_member_chosen(self, message: MembersBoard.MemberChosen) -> None:
        self.action_member_turn(message.position)

    def start_turn(self, member_id: str) -> None:
        """Give `member_id` the floor; in a check-in phase, ask for their check-in too."""
        if not self.recorder.start_turn(member_id):
            return
        self.update_readings()
        phase = self.recorder.state.phase
        if phase is not None and phase.spec.kind is PhaseKind.CHECK_IN:
            self._ask_check_in(member_id)

    def action_next_speaker(self) -> None:
        state = self.recorder.state
        if state.phase is None:
            self.action_next_phase()
            return
        nxt = read(state, self.recorder.at()).speaking.next_speaker
        if nxt is None:
            self.say("Nobody is waiting for a turn in this phase.", warning=True)
            return
        self.start_turn(nxt)

    def action_end_turn(self) -> None:
        self._after(self.recorder.end_turn())

    def action_pass_turn(self) -> None:
        # A pass is for the member who has the floor (they pass after all, e.g. their check-in
        # was left for later), else for whoever the board marks next (in a round: the next).
        state = self.recorder.state
        who = self._speaker_or_none() or read(state, self.recorder.at()).speaking.next_speaker
        if self.recorder.pass_turn(who):
            self.say(f"{state.speaker_name(who)} passed." if who else "Passed.")
            self.update_readings()

    def _facilitator(self, role: str) -> str | None:
        for facilitator in self.recorder.state.facilitators.values():
            if facilitator.role == role:
                return facilitator.id
        return None

    def action_facilitator_turn(self) -> None:
        facilitator = self._facilitator("lead") or self._facilitator("co")
        if facilitator is not None:
            self._after(self.recorder.start_turn(facilitator))

    def action_co_facilitator_turn(self) -> None:
        facilitator = self._facilitator("co")
        if facilitator is None:
            self.say("This group has no co-facilitator.", warning=True)
            return
        self._after(self.recorder.start_turn(facilitator))

    # --- phases and the session ---------------------------------------------------------------

    def action_next_phase(self) -> None:
        state = self.recorder.state
        if state.next_planned_phase is None:
            self.action_end_session()
            return
        if self.recorder.next_phase():
            self._offer_undo()
            self.update_readings()

    def action_skip_phase(self) -> None:
        if self.recorder.skip_next_phase():
            self._offer_undo()
            self.update_readings()

    def _offer_undo(self) -> None:
        """Say what the last action did and that z undoes it, for as long as it can."""
        words = self.recorder.undo_words()
        if words is not None:
            self.say(words, seconds=UNDO_SECONDS)
            self._undo_shown = True

    def action_scroll_prompts(self, direction: int) -> None:
        """Page through the prompts panel by key (wide layout or narrow, whichever shows)."""
        for panel_id in ("#prompts", "#narrow-prompts"):
            panel = self.query_one(panel_id, VerticalScroll)
            if panel.display and panel.region.height:
                panel.scroll_to(
                    y=panel.scroll_y + direction * max(1, panel.region.height - 1), animate=False
                )

    def action_undo(self) -> None:
        undone = self.recorder.undo()
        if undone is not None:
            self.say(f"Undone: {undone}.")
            self._last_phase = None  # the prompts of the phase running again
            self.update_readings()

    def action_extend(self, minutes: int) -> None:
        if self.recorder.extend(minutes):
            phase = self.recorder.state.phase
            now = f": {round(phase.planned_seconds / 60)} min in all" if phase else ""
            self.say(f"{minutes} more minute{'s' if minutes > 1 else ''} for this phase{now}.")
            self.update_readings()

    def action_pause(self) -> None:
        self._after(self.recorder.toggle_pause())

    def action_rebudget(self) -> None:
        if self.recorder.accept_budget():
            self.say("The phases to come are shortened to finish on time.")
            self.update_readings()

    def action_attendance(self) -> None:
        from iop_facilitator.tui.runner.screens.attendance import AttendanceScreen

        self.app.push_screen(AttendanceScreen(self.recorder))

    def action_group_view(self) -> None:
        """The group's view, safe to share: it follows the session until Esc."""
        self.app.push_screen(CockpitGroupViewScreen(self.recorder))

    def action_reminder(self) -> None:
        state = self.recorder.state
        owed = reminder_owed(state)
        why = owed.message if owed else "Read it again whenever the group needs it."
        heading = ""
        if owed is not None and owed.reason == "new-member" and state.current_phase is not None:
            heading = "A new member has joined: the reminder again"

        def given(result: bool | None) -> None:
            if result:
                self._after(self.recorder.reminder_given())

        self.app.push_screen(
            ReminderScreen(
                state.agenda.confidentiality.reminder,
                list(state.agenda.norms.items),
                why,
                heading,
            ),
            given,
        )

    def action_end_session(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes and self.recorder.end_session():
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "End the session now?",
                "Next: the summary and the draft note, which you can edit before saving.",
            ),
            answered,
        )

    def action_quit_session(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        detail = quit_detail(self.save_status, throwaway=self.throwaway)
        self.app.push_screen(ConfirmScreen("Quit while the session is running?", detail), answered)

    def action_keys(self) -> None:
        """`?`: every key of the runner."""
        self.app.push_screen(KeysScreen(keys.help_sections()))
