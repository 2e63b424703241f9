"""The live session runner: a Textual app that steps the facilitator through one session.

The app is the flow (unlock, resume or start, attendance, reminder, the cockpit, the end
summary); each step is a screen. Time comes from the injected `Clock`, ids from `new_id`, and
sessions from a `SessionSource`, which is what makes a whole session testable in milliseconds.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.console import RenderableType
from textual import work

from iop_facilitator.errors import ExitCode, UserError
from iop_facilitator.session import (
    RETRY_PAUSES,
    Clock,
    LiveSession,
    SaveStatus,
    Saving,
    SessionEngine,
    SystemClock,
    UnfinishedSession,
    reminder_owed,
)
from iop_facilitator.session import new_id as random_id
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.common.last_resort import SafeApp
from iop_facilitator.tui.common.theme import CALM
from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.between_apps import run_with_review as run_with_review
from iop_facilitator.tui.runner.messages import Notice, QuitAsked, SaveStatusChanged, Say
from iop_facilitator.tui.runner.recorder import Recorder
from iop_facilitator.tui.runner.recovery import note_check, recovery_notice
from iop_facilitator.tui.runner.screens.attendance import AttendanceScreen
from iop_facilitator.tui.runner.screens.group_held import GroupHeldScreen
from iop_facilitator.tui.runner.screens.group_picker import GroupPickerScreen
from iop_facilitator.tui.runner.screens.reminder import ReminderScreen
from iop_facilitator.tui.runner.screens.resume import ResumeChoice, ResumeScreen
from iop_facilitator.tui.runner.screens.saving_before_quit import SavingBeforeQuitScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.screens.start import StartChoice, StartScreen
from iop_facilitator.tui.runner.screens.summary import SummaryScreen
from iop_facilitator.tui.runner.screens.unlock import UnlockScreen
from iop_facilitator.tui.runner.sessions import SessionSource
from iop_facilitator.tui.runner.syncing import BackgroundSync
from iop_facilitator.vault.errors import WrongPassphraseError

RUNNER_CSS = Path(__file__).with_name("runner.tcss")
"""The runner's layout: every screen's; widgets keep their own `DEFAULT_CSS`."""

FLUSH_BEFORE_FINISH_SECONDS = 15.0
"""How long saving the finished session waits for the journal to catch up."""

RESUMED_SECONDS = 12.0
"""How long the status line says what resuming did (longer than a confirmation)."""


class NotSavedYet(UserError):
    exit_code = ExitCode.STORAGE_FAILED


class RunnerApp(SafeApp[None]):
    """One group session, from unlock to the saved summary."""

    KEPT_ON_ERROR = (
        "every action saved up to then is in the vault's journal, and running the same "
        "command again resumes the session"
    )

    CSS_PATH = RUNNER_CSS
    TITLE = "iop-facilitator"
    ENABLE_COMMAND_PALETTE = False
    # From 100 columns the plan column grows, so phase titles are read whole.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide"), (100, "-roomy")]  # noqa: RUF012
    BINDINGS = keys.APP

    def __init__(
        self,
        source: SessionSource,
        *,
        clock: Clock | None = None,
        new_id: Callable[[], str] = random_id,
        bell: bool = False,
        notice: str | None = None,
        throwaway: bool = False,
    ) -> None:
        """`notice` is shown once at the start (a line of the start screen); `throwaway` says
        the vault will not outlive the app (the demo), so quitting cannot promise a resume."""
        super().__init__()
        self.source = source
        self.clock: Clock = clock or SystemClock()
        self.new_id = new_id
        self.bell_enabled = bell
        self.notice = notice
        self.throwaway = throwaway
        self.live: LiveSession | None = None
        self.engine: SessionEngine | None = None
        self.recorder: Recorder | None = None
        self._save_status = SaveStatus(waiting=0, saved=0)
        self._exit_when_saved: tuple[None, int, RenderableType | None] | None = None
        """The exit asked for while actions waited to be saved, done once they are."""
        self._asking_to_quit_unsaved = False
        """`SavingBeforeQuitScreen` is showing (it asks once; more quits change nothing)."""
        self.finished = False
        self._saved_note = ""  # the note as saved at the end, for the check said after saving
        self.review_requested = False
        """The facilitator asked for review from the start screen (`run_with_review` opens it
        and then a new runner)."""
        self.edit_requested = False
        """The facilitator asked to change today's agenda from the start screen
        (`run_with_review` opens the studio on it and then a new runner)."""
        self.retry_pauses = RETRY_PAUSES
        """Seconds between save attempts after a failure (tests shorten them)."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self.sync = BackgroundSync(self)
        """The sync with the vault's remote started once the finished session is saved."""

    def on_mount(self) -> None:
        self.register_theme(CALM)
        self.theme = CALM.name
        self._loop = asyncio.get_running_loop()
        self.run_flow()

    # --- the flow -------------------------------------------------------------------------------

    @work(exclusive=True, group="flow")
    async def run_flow(self) -> None:
        """Unlock, resume or start, attendance and reminder, the session, the summary."""
        try:
            await self._flow()
        except UserError as error:
            self.exit(return_code=int(error.exit_code), message=f"Error: {error}")

    async def _flow(self) -> None:
        source = self.source
        if source.needs_passphrase:
            await self.push_screen_wait(
                UnlockScreen(source.unlock, source.where, ask_again_on=(WrongPassphraseError,))
            )
        if await asyncio.to_thread(source.needs_group):
            # One unlock, then the choice: never an error and a second passphrase prompt.
            names = await asyncio.to_thread(source.group_names)
            wanted = getattr(source, "group_name", "")
            chosen = await self.push_screen_wait(GroupPickerScreen(names, wanted))
            await asyncio.to_thread(source.choose_group, chosen)
        if not await self._group_free():
            return
        offered, choice = await self._offer()
        if choice in ("review", "edit"):
            self.review_requested = choice == "review"
            self.edit_requested = choice == "edit"
            self.exit()
            return
        resume_id = offered.session_id if offered is not None and choice == "resume" else None
        saving = Saving(  # the journal's own thread; the app only listens to its status
            threaded=True, on_status=self._save_status_from_thread, retry_pauses=self.retry_pauses
        )
        resumed: list[str] = []  # what resuming did, for the cockpit's status line
        warning = False
        if resume_id is not None:
            damaged = offered is not None and offered.problem is not None
            resume = source.resume_before_damage if damaged else source.resume
            live = await asyncio.to_thread(resume, resume_id, self.clock, saving, self.new_id)
            if damaged:
                resumed.append(
                    f"Resumed from the {len(live.engine.events) - 1} entries before the damage; "
                    "the damaged journal is kept as it was."
                )
            if live.torn_tail:
                resumed.append(live.torn_tail)
            warning = bool(resumed)
            recovered = recovery_notice(live.engine)
            if recovered:
                resumed.append(recovered)
        else:
            live = await asyncio.to_thread(source.start, self.clock, saving, self.new_id)
        self.live = live
        self.engine = live.engine
        self.recorder = Recorder(self.engine, on_refused=self._refused)
        said = " ".join(resumed)
        if not self.engine.state.ended:
            await self._run_session(
                self.recorder, fresh=resume_id is None, said=said, warning=warning
            )
        else:
            if said:  # no cockpit to say it in: the summary comes next
                self.notify(said, title="Resumed", severity="warning" if warning else "information")
        await self._end(self.engine)

    async def _group_free(self) -> bool:
        """One live session per group: while another window holds it, say who and offer to
        try again or open review; False when the facilitator went to review instead."""
        while (held := await asyncio.to_thread(self.source.group_holder)) is not None:
            if await self.push_screen_wait(GroupHeldScreen(held)) == "review":
                self.review_requested = True
                self.exit()
                return False
        return True

    async def _offer(self) -> tuple[UnfinishedSession | None, ResumeChoice | StartChoice]:
        """Every unfinished session of the group, newest first (one discarded is gone from
        the list), or the start screen when there is none."""
        while True:
            unfinished = await asyncio.to_thread(self.source.unfinished)
            if not unfinished:
                preview = await asyncio.to_thread(self.source.preview)
                start: StartChoice = await self.push_screen_wait(
                    StartScreen(preview, notice=self.notice, can_edit=self.source.can_edit_agenda)
                )
                return None, start
            if self.notice:  # the start screen shows it in its box; here, a toast
                self.notify(self.notice, title="Demo", timeout=12)
            screen = ResumeScreen(unfinished)
            choice = await self.push_screen_wait(screen)
            if choice != "discard":
                return screen.unfinished, choice
            await asyncio.to_thread(self.source.discard, screen.unfinished.session_id)
            self.notify("Discarded: nobody was marked present. The access log notes it.")

    async def _run_session(
        self, recorder: Recorder, *, fresh: bool, said: str = "", warning: bool = False
    ) -> None:
        session = SessionScreen(
            recorder, bell=self.bell_enabled, throwaway=self.throwaway, save_status=self.save_status
        )
        ended = asyncio.get_running_loop().create_future()
        await self.push_screen(session, lambda _: ended.set_result(True))
        if said:  # in the status line under the board, never over it
            session.say(said, warning=warning, seconds=RESUMED_SECONDS)
        if fresh:
            await self.push_screen_wait(AttendanceScreen(recorder))
            owed = reminder_owed(recorder.state)
            if owed is not None:
                agenda = recorder.state.agenda
                given = await self.push_screen_wait(
                    ReminderScreen(
                        agenda.confidentiality.reminder, list(agenda.norms.items), owed.message
                    )
                )
                if given:
                    recorder.reminder_given()
            session.update_readings()
        await ended

    async def _end(self, engine: SessionEngine) -> None:
        session_id = engine.session_id
        if not engine.state.attended_members():
            # Never silently finished into the record as "0 of 0 present": ask to discard.
            discard = await self.push_screen_wait(
                ConfirmScreen(
                    "Nobody was marked present. Discard this session?",
                    "It goes into no record and no figure; the discard is noted in the "
                    "vault's access log. No leaves it unfinished in the vault.",
                )
            )
            if discard:
                live = self.live
                assert live is not None
                await asyncio.to_thread(live.flush, FLUSH_BEFORE_FINISH_SECONDS)
                await asyncio.to_thread(self.source.discard, live)
                live.saver.close(timeout=1)
                self.finished = True
                self.exit(message="The session was discarded: nobody was marked present.")
                return
            self.exit(message="The session stays unfinished; run the group again to resume it.")
            return
        kept = await asyncio.to_thread(self.source.load_draft, session_id)
        draft = kept if kept is not None else engine.note_draft().text

        def keep(text: str) -> None:
            self.source.keep_draft(session_id, text)

        summary = engine.summary()
        await self.push_screen_wait(
            SummaryScreen(summary, draft, self._finish, keep=keep, save_status=self.save_status)
        )
        self.sync.start(self.source)  # saved: copy it to the remote, if set; nothing waits
        # Say where the session went, and offer review now (in the demo, before its
        # throwaway vault goes).
        where = f"{summary.group_name}, {summary.started.astimezone():%Y-%m-%d %H:%M}"
        # The check a member's own export makes, said now, while the note is fresh.
        warnings = " ".join(note_check(summary, self._saved_note))
        check = f"\nCheck the note in review: {warnings}" if warnings else ""
        review = await self.push_screen_wait(
            ConfirmScreen(
                "Saved. Open it in review now?",
                f"The session of {where} is in the vault. {self.source.where}. "
                f"`iop-facilitator review` opens it any time.{check}",
            )
        )
        if review:
            self.review_requested = True
        await self.sync.let_finish()
        self.exit(message=f"The session of {where} is saved in the vault.")

    def _finish(self, note: str) -> None:
        """Runs on a worker thread: wait for the journal, then store the finished session."""
        assert self.live is not None
        if not self.live.flush(FLUSH_BEFORE_FINISH_SECONDS):
            raise NotSavedYet("The last actions are not on disk yet.")
        self.source.finish(self.live, note)
        self._saved_note = note
        self.live.saver.close(timeout=1)
        self.finished = True

    # --- saving ---------------------------------------------------------------------------------

    def _save_status_from_thread(self, status: SaveStatus) -> None:
        # Never block the saver on the UI (it may be waiting for the saver to close).
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the app is closing: nobody to tell
                self._loop.call_soon_threadsafe(self._show_save_status, status)

    @property
    def save_status(self) -> SaveStatus:
        """The saver's last report, with the actions waiting counted as they are now."""
        waiting = self.live.unsaved if self.live is not None else self._save_status.waiting
        return replace(self._save_status, waiting=waiting)

    def _show_save_status(self, status: SaveStatus) -> None:
        if status.problem is not None and self._save_status.problem is None:
            # The cockpit says it in its status line (its banner stays while saves fail);
            # any other screen lets it bubble up to a toast.
            self.screen.post_message(
                Say(Notice(f"Not saved: {status.problem}", severity="error", toast_seconds=8))
            )
        self._save_status = status
        now = self.save_status
        for screen in self.screen_stack:  # every screen that shows saving keeps up
            screen.post_message(SaveStatusChanged(now))
        if self._exit_when_saved is not None and self.save_status.waiting == 0:
            result, return_code, message = self._exit_when_saved
            self._exit_when_saved = None
            super().exit(result, return_code, message)

    def _refused(self, reason: str) -> None:
        # A screen with a status line says it there (it covers nothing); else a toast.
        self.screen.post_message(Say(Notice(reason, severity="warning")))

    def on_say(self, message: Say) -> None:
        """No screen said it in a status line: a toast."""
        notice = message.notice
        self.notify(notice.text, severity=notice.severity, timeout=notice.toast_seconds)

    # --- quitting -------------------------------------------------------------------------------

    def action_quit_session(self) -> None:
        # The screen showing says what quitting means there (the cockpit and the summary
        # ask first); a screen that does not handle it lets it bubble up to `on_quit_asked`.
        self.screen.post_message(QuitAsked())

    def on_quit_asked(self, message: QuitAsked) -> None:
        """No screen had its own way of quitting: quit (`exit` still waits for saving)."""
        self.exit()

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Exit the app, but not while recorded actions wait to be saved (the saver's thread
        dies with the program): the app stays open, retrying, and exits once they are saved,
        unless the facilitator chooses to quit without them."""
        live = self.live
        if live is None or self.finished or self.throwaway or live.flush(0.25):
            super().exit(result, return_code, message)
            return
        self._exit_when_saved = (result, return_code, message)
        if self._asking_to_quit_unsaved:
            return

        def answered(quit_anyway: bool | None) -> None:
            self._asking_to_quit_unsaved = False
            asked, self._exit_when_saved = self._exit_when_saved, None
            if quit_anyway and asked is not None:
                super(RunnerApp, self).exit(*asked)

        self._asking_to_quit_unsaved = True
        self.push_screen(SavingBeforeQuitScreen(self.save_status), answered)

    def on_unmount(self) -> None:
        # Whatever is recorded reaches the disk before the program ends, if the disk allows
        # (`exit` waited for it, unless the facilitator chose to quit without it).
        # Once all is saved the journal is closed, giving its lock back.
        if self.live is not None and not self.finished:
            self.live.close(timeout=5)
