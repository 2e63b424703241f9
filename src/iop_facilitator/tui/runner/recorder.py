"""Every action of the facilitator goes through the session engine; refusals become sentences.

The engine validates each event, hands it to its `record` callback (the live session's
threaded `Saver`, which saves it on its own thread) and applies it to the state, so the screen
shows it at once and marks it saved when the journal confirms. A refused action changes
nothing; its reason goes to `on_refused`, one sentence for the facilitator.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import ParamSpec, TypeVar

from iop_facilitator.session import (
    DraftForm,
    EventRefused,
    HomeworkOutcome,
    SessionEngine,
    SessionState,
)

P = ParamSpec("P")
R = TypeVar("R")


class Recorder:
    """The one way the runner changes a session: each method returns False if refused."""

    def __init__(self, engine: SessionEngine, *, on_refused: Callable[[str], None]) -> None:
        self.engine = engine
        self._on_refused = on_refused

    @property
    def state(self) -> SessionState:
        """The session's state (read it; change it only through this recorder)."""
        return self.engine.state

    def at(self) -> float:
        """Seconds since the session started, by the injected clock."""
        return self.engine.now()

    def _try(self, action: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> bool:
        try:
            action(*args, **kwargs)
        except EventRefused as refusal:
            self._on_refused(str(refusal))
            return False
        return True

    # --- attendance -----------------------------------------------------------------------------

    def mark_attendance(self, member_id: str, mark: str) -> bool:
        """`present` (late once the group is under way: the engine decides), `absent`,
        `late` (arrived now) or `left` (left early now)."""
        actions = {
            "present": self.engine.mark_arrived,
            "absent": self.engine.mark_absent,
            "late": self.engine.mark_late,
            "left": self.engine.mark_left_early,
        }
        return self._try(actions[mark], member_id)

    def add_member(self, name: str, *, first_time: bool) -> bool:
        """A first-time or drop-in member, present from now."""
        return self._try(self.engine.add_member, name, first_time=first_time)

    # --- confidentiality ------------------------------------------------------------------------

    def reminder_given(self) -> bool:
        """The reminder was read, with the norms (recorded when the agenda has any)."""
        return self._try(self.engine.give_reminder, with_norms=True)

    # --- phases and the session -----------------------------------------------------------------

    def next_phase(self) -> bool:
        """End the running phase, if any, and start the next planned one, if any."""
        return self._try(self.engine.next_phase)

    def skip_next_phase(self) -> bool:
        """Skip the next phase not yet started."""
        return self._try(self.engine.skip_phase)

    def extend(self, minutes: int) -> bool:
        """Give the running phase `minutes` more."""
        return self._try(self.engine.extend_phase, minutes)

    def toggle_pause(self) -> bool:
        """Pause the whole session, or resume it."""
        if self.state.paused:
            return self._try(self.engine.resume_session)
        return self._try(self.engine.pause)

    def accept_budget(self) -> bool:
        """Accept the engine's re-budget of the phases to come, if it has one now."""
        suggestion = self.engine.budget_suggestion()
        if suggestion is None:
            self._on_refused("The session is on time: there is nothing to re-budget.")
            return False
        return self._try(self.engine.accept_budget, suggestion)

    def end_session(self) -> bool:
        """End the session (the running phase and turn end with it)."""
        return self._try(self.engine.end_session)

    def undo_words(self) -> str | None:
        """The status line's offer while the last action can be undone, else None."""
        offer = self.engine.undo_offer()
        return f"{offer.action} — z undoes" if offer is not None else None

    def undo(self) -> str | None:
        """Undo the last action while it is offered; what was undone, or None (refused)."""
        try:
            return self.engine.undo().action
        except EventRefused as refusal:
            self._on_refused(str(refusal))
            return None

    # --- drafts of open forms -------------------------------------------------------------------

    def keep_draft(
        self, form: DraftForm, fields: Mapping[str, str], member_id: str | None = None
    ) -> None:
        """What is typed in an open form (throttled by the engine; never refused aloud: a
        draft that cannot be kept must not interrupt the typing)."""
        with contextlib.suppress(EventRefused):
            self.engine.keep_draft(form, fields, member_id=member_id)

    def flush_draft_now(self) -> None:
        """Journal the draft waiting, now (a form left for later keeps what was typed)."""
        with contextlib.suppress(EventRefused):
            self.engine.flush_draft(now=True)

    def flush_draft(self) -> None:
        """Journal a draft that waited for its turn (the screen's tick calls this)."""
        with contextlib.suppress(EventRefused):
            self.engine.flush_draft()

    # --- turns ----------------------------------------------------------------------------------

    def start_turn(self, speaker_id: str) -> bool:
        """`speaker_id` (a member or a facilitator) has the floor from now."""
        return self._try(self.engine.start_turn, speaker_id)

    def end_turn(self) -> bool:
        """Whoever is speaking has finished."""
        if self.state.open_turn is None:
            self._on_refused("Nobody is speaking.")
            return False
        return self._try(self.engine.end_turn)

    def pass_turn(self, member_id: str | None = None) -> bool:
        """`member_id` (default: whoever is next) passes; in a check-in phase that is also
        their check-in, recorded as passed."""
        return self._try(self.engine.pass_turn, member_id)

    # --- capture --------------------------------------------------------------------------------

    def note(self, text: str, *, phase_id: str | None, member_id: str | None) -> bool:
        """A note to the session (no phase), a phase, or a member."""
        self.engine.drop_draft()  # saving clears the form's draft; a late one must not follow
        return self._try(self.engine.add_note, text, member_id=member_id, phase_id=phase_id)

    def flag(self, member_id: str, note: str) -> bool:
        """A safety concern about a member."""
        self.engine.drop_draft()  # saving clears the form's draft; a late one must not follow
        return self._try(self.engine.raise_flag, member_id, note)

    def homework(self, text: str, member_ids: tuple[str, ...], *, from_suggestion: bool) -> bool:
        """Homework for the group (no ids) or for members."""
        self.engine.drop_draft()  # saving clears the form's draft; a late one must not follow
        return self._try(
            self.engine.assign_homework, text, member_ids, from_suggestion=from_suggestion
        )

    def check_in(
        self,
        member_id: str,
        values: dict[str, int],
        note: str,
        *,
        passed: bool = False,
        homework: dict[str, HomeworkOutcome] | None = None,
    ) -> bool:
        """A member's check-in, or their pass, with how their carried homework went (a
        correction if they checked in already). The turn goes on: the form is not the turn.
        All of it, or (refused) none."""
        self.engine.drop_draft()  # saving clears the form's draft; a late one must not follow
        return self._try(
            self.engine.finish_checkin, member_id, values, note, passed=passed, homework=homework
        )
