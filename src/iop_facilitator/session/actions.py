"""What the facilitator does to a session: every action of `SessionEngine`, one method each.

A mixin so that the engine's module holds how a session is built, read and moved on (the one
way in: `submit`/`submit_all`) and this one the actions, each of which builds its events and
hands them to that way in. Every action returns the event it recorded, or raises
`EventRefused` with nothing changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, TypeVar

from iop_facilitator.agenda.model import PhaseKind
from iop_facilitator.errors import UserError
from iop_facilitator.session import events as ev
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import BaseEvent, Event, HomeworkOutcome, RosterEntry
from iop_facilitator.session.group import IdSource, display_name, initials_of, member_details
from iop_facilitator.session.speaking import SpeakingView
from iop_facilitator.session.state import SessionState
from iop_facilitator.session.timing import BudgetSuggestion

E = TypeVar("E", bound=BaseEvent)


class EngineActions:
    """The facilitator's actions; `SessionEngine` supplies the state, the clock and the way in."""

    _state: SessionState
    _new_id: IdSource

    def now(self) -> float:
        raise NotImplementedError

    def submit_all(self, events: Sequence[Event]) -> tuple[Event, ...]:
        raise NotImplementedError

    def speaking_view(self) -> SpeakingView:
        raise NotImplementedError

    def _build(self, kind: type[E], **fields: object) -> E:
        raise NotImplementedError

    def _submit(self, kind: type[E], **fields: object) -> E:
        raise NotImplementedError

    def _undoable_for(self, action: str, events: Sequence[Event]) -> None:
        raise NotImplementedError

    # --- attendance -----------------------------------------------------------------------------

    def mark_present(self, member_id: str) -> ev.MemberPresent:
        """Mark a member present (at the start; use `mark_late` once the group has begun)."""
        return self._submit(ev.MemberPresent, member_id=member_id)

    def mark_absent(self, member_id: str) -> ev.MemberAbsent:
        """Mark a member absent (refused once they have spoken or checked in)."""
        return self._submit(ev.MemberAbsent, member_id=member_id)

    def mark_arrived(self, member_id: str) -> ev.MemberPresent | ev.MemberArrivedLate:
        """A member is here: present before the group is under way, late once it is (a phase
        has started or been skipped)."""
        if self._state.under_way:
            return self.mark_late(member_id)
        return self.mark_present(member_id)

    def mark_late(self, member_id: str) -> ev.MemberArrivedLate:
        """A member arrives late, now."""
        return self._submit(ev.MemberArrivedLate, member_id=member_id)

    def mark_left_early(self, member_id: str) -> ev.MemberLeftEarly:
        """A member leaves before the end, now; their turn ends if they were speaking."""
        return self._submit(ev.MemberLeftEarly, member_id=member_id)

    def add_member(
        self,
        name: str,
        *,
        pronouns: str = "",
        initials: str = "",
        goals: Sequence[str] = (),
        first_time: bool = True,
    ) -> ev.MemberAdded:
        """A first-time or drop-in member joins, present from now; `event.member.member_id`
        is their new id (the live session adds them to the group's roster when it finishes)."""
        if not name.strip():
            raise EventRefused("A new member needs a name.")
        try:  # the limits of the roster they join when the session finishes
            name = display_name(name)
            kept_goals = member_details(initials, pronouns, goals)
        except UserError as error:
            raise EventRefused(error.message) from error
        entry = RosterEntry(
            member_id=self._new_id(),
            name=name,
            initials=initials.strip() or initials_of(name),
            pronouns=pronouns.strip(),
            goals=tuple(kept_goals),
            first_time=first_time,
        )
        return self._submit(ev.MemberAdded, member=entry)

    # --- phases ---------------------------------------------------------------------------------

    def _running_id(self) -> str:
        phase = self._state.phase
        if phase is None:
            raise EventRefused("No phase is running.")
        return phase.id

    def _next_id(self) -> str:
        upcoming = self._state.next_planned_phase
        if upcoming is None:
            raise EventRefused("Every phase of the agenda has been run or skipped.")
        return upcoming.id

    def start_phase(self, phase_id: str | None = None) -> ev.PhaseStarted:
        """Start a phase (default: the next one not yet run); refused while another runs."""
        return self._submit(ev.PhaseStarted, phase_id=phase_id or self._next_id())

    def end_phase(self) -> ev.PhaseEnded:
        """End the running phase (and the turn in progress, if any)."""
        return self._submit(ev.PhaseEnded, phase_id=self._running_id())

    def next_phase(self) -> Event:
        """End the running phase, if any, and start the next one; returns the last event.

        When no phase is left, only ends the running one (and returns that `PhaseEnded`).
        One action: if the next phase cannot start (the session is paused, say), the running
        one does not end either.
        """
        batch: list[Event] = []
        if self._state.phase is not None:
            batch.append(self._build(ev.PhaseEnded, phase_id=self._state.phase.id))
        upcoming = self._state.next_planned_phase
        if upcoming is not None:
            batch.append(self._build(ev.PhaseStarted, phase_id=upcoming.id))
        if not batch:
            raise EventRefused("Every phase of the agenda has been run or skipped.")
        action = self._ending_words()
        recorded = self.submit_all(batch)
        self._undoable_for(action, recorded)
        return recorded[-1]

    def _ending_words(self) -> str:
        """What ending the running phase does, for the status line and the undo."""
        phase = self._state.phase
        if phase is None:
            return "Started the next phase"
        missing = self.not_checked_in() if phase.spec.kind is PhaseKind.CHECK_IN else []
        if missing:
            return f"Ended {phase.spec.title} with {len(missing)} not checked in"
        return f"Ended {phase.spec.title}"

    def not_checked_in(self) -> list[str]:
        """Ids of members here who have neither checked in nor passed."""
        return [
            m.id
            for m in self._state.members.values()
            if m.here and m.id not in self._state.checkins
        ]

    def skip_phase(self, phase_id: str | None = None) -> ev.PhaseSkipped:
        """Skip a phase not yet started (default: the next one); undoable for a while."""
        skipped = self._submit(ev.PhaseSkipped, phase_id=phase_id or self._next_id())
        title = _title(self._state, skipped.phase_id)
        self._undoable_for(f"Skipped {title}", [skipped])
        return skipped

    def extend_phase(self, minutes: int, phase_id: str | None = None) -> ev.PhaseExtended:
        """Give a phase (default: the running one) `minutes` more."""
        target = phase_id or self._running_id()
        if not 1 <= minutes <= 120:
            raise EventRefused("A phase can be extended by 1 to 120 minutes at a time.")
        return self._submit(ev.PhaseExtended, phase_id=target, minutes=minutes)

    def accept_budget(self, suggestion: BudgetSuggestion | Mapping[str, int]) -> ev.BudgetAccepted:
        """Adopt new planned minutes for phases not yet started (a `budget_suggestion()`)."""
        minutes = suggestion.minutes if isinstance(suggestion, BudgetSuggestion) else suggestion
        return self._submit(ev.BudgetAccepted, minutes=dict(minutes))

    def pause(self) -> ev.SessionPaused:
        """Pause the whole session (phase timers stop; the turn in progress ends)."""
        return self._submit(ev.SessionPaused)

    def resume_session(self) -> ev.SessionResumed:
        """Resume after `pause`."""
        return self._submit(ev.SessionResumed)

    def end_session(self) -> ev.SessionEnded:
        """End the session: the turn and phase in progress end now; nothing more is accepted
        except, for a while, `undo`."""
        ended = self._submit(ev.SessionEnded)
        self._undoable_for("Ended the session", [ended])
        return ended

    # --- confidentiality and norms --------------------------------------------------------------

    def give_reminder(self, *, with_norms: bool = False) -> ev.ConfidentialityReminded:
        """The confidentiality reminder was read aloud, now.

        `with_norms`: the norms were read with it (as the runner's reminder screen shows
        them); recorded as a norms review too when the agenda has norms, in the same action.
        """
        reminded = self._build(ev.ConfidentialityReminded)
        batch: list[Event] = [reminded]
        if with_norms and self._state.agenda.norms.items:
            batch.append(self._build(ev.NormsReviewed))
        self.submit_all(batch)
        return reminded

    def review_norms(self) -> ev.NormsReviewed:
        """The group's norms were reviewed, now."""
        return self._submit(ev.NormsReviewed)

    # --- speaking turns -------------------------------------------------------------------------

    def start_turn(self, speaker_id: str) -> ev.TurnStarted:
        """A member or facilitator starts speaking; the turn in progress, if any, ends."""
        return self._submit(ev.TurnStarted, speaker_id=speaker_id)

    def end_turn(self) -> ev.TurnEnded:
        """The turn in progress ends."""
        return self._submit(ev.TurnEnded)

    def pass_turn(self, member_id: str | None = None) -> ev.TurnPassed:
        """A member passes (default: the suggested next speaker, e.g. in a round).

        In a check-in phase the pass is also their check-in, recorded as passed in the same
        action (unless they have already checked in: a pass never overwrites a check-in).
        """
        target = member_id or self.speaking_view().next_speaker
        if target is None:
            raise EventRefused("Nobody is next, so there is nobody to pass.")
        passed = self._build(ev.TurnPassed, member_id=target)
        batch: list[Event] = [passed]
        phase = self._state.phase
        if (
            phase is not None
            and phase.spec.kind is PhaseKind.CHECK_IN
            and target not in self._state.checkins
        ):
            batch.append(self._build(ev.CheckInRecorded, member_id=target, passed=True))
        self.submit_all(batch)
        return passed

    # --- check-ins ------------------------------------------------------------------------------

    def record_checkin(
        self, member_id: str, values: Mapping[str, int], note: str = ""
    ) -> ev.CheckInRecorded:
        """A member's check-in ratings (the agenda's fields and scale) and an optional note."""
        return self._submit(
            ev.CheckInRecorded, member_id=member_id, values=dict(values), note=note.strip()
        )

    def pass_checkin(self, member_id: str, note: str = "") -> ev.CheckInRecorded:
        """A member passes on the check-in (recorded as a pass)."""
        return self._submit(ev.CheckInRecorded, member_id=member_id, passed=True, note=note.strip())

    def finish_checkin(
        self,
        member_id: str,
        values: Mapping[str, int],
        note: str = "",
        *,
        passed: bool = False,
        homework: Mapping[str, HomeworkOutcome | str] | None = None,
    ) -> ev.CheckInRecorded | ev.CheckInEdited:
        """A member's check-in as the facilitator saves it, in one action: their ratings and
        note (or their pass) and how each carried homework went for them (`homework`: homework
        id -> outcome). A member who has checked in already gets a `CheckInEdited` (a
        correction). Saving never ends or starts a turn: the form is not the turn, so airtime
        goes on while the member is still talking.
        """
        kind: type[ev.CheckInRecorded | ev.CheckInEdited] = (
            ev.CheckInEdited if member_id in self._state.checkins else ev.CheckInRecorded
        )
        if passed:
            checkin = self._build(kind, member_id=member_id, passed=True, note=note.strip())
        else:
            checkin = self._build(kind, member_id=member_id, values=dict(values), note=note.strip())
        batch: list[Event] = [checkin]
        for homework_id, outcome in (homework or {}).items():
            batch.append(
                self._build(
                    ev.HomeworkReviewed,
                    homework_id=homework_id,
                    outcome=_outcome(outcome),
                    member_id=member_id,
                )
            )
        self.submit_all(batch)
        return checkin

    # --- homework, notes, safety ----------------------------------------------------------------

    def assign_homework(
        self, text: str, member_ids: Sequence[str] = (), *, from_suggestion: bool = False
    ) -> ev.HomeworkAssigned:
        """Assign homework to the group (no member ids) or to members; returns the event
        (its `homework_id` is the new assignment's id)."""
        return self._submit(
            ev.HomeworkAssigned,
            homework_id=self._new_id(),
            text=_text(text, "Homework needs some text."),
            member_ids=tuple(member_ids),
            from_suggestion=from_suggestion,
        )

    def review_homework(
        self, homework_id: str, outcome: HomeworkOutcome | str, member_id: str | None = None
    ) -> ev.HomeworkReviewed:
        """Record how carried homework went, for the group or for one member."""
        return self._submit(
            ev.HomeworkReviewed,
            homework_id=homework_id,
            outcome=_outcome(outcome),
            member_id=member_id,
        )

    def add_note(
        self,
        text: str,
        *,
        member_id: str | None = None,
        phase_id: str | Literal["current"] | None = "current",
    ) -> ev.NoteAdded:
        """A free-text note on the session; attached to the running phase unless `phase_id`
        says otherwise (None: the session as a whole), and optionally about one member."""
        if phase_id == "current":
            phase = self._state.phase
            phase_id = phase.id if phase else None
        return self._submit(
            ev.NoteAdded,
            note_id=self._new_id(),
            text=_text(text, "A note needs some text."),
            phase_id=phase_id,
            member_id=member_id,
        )

    def raise_flag(self, member_id: str, note: str) -> ev.SafetyFlagRaised:
        """A safety concern about a member; it stays open until `handle_flag`."""
        return self._submit(
            ev.SafetyFlagRaised,
            flag_id=self._new_id(),
            member_id=member_id,
            note=_text(note, "A safety flag needs a short note saying what the concern is."),
        )

    def handle_flag(
        self, flag_id: str, note: str = "", by: str | None = None
    ) -> ev.SafetyFlagHandled:
        """Mark a flag (raised now or carried from an earlier session) as handled."""
        if by is None:
            by = next(iter(self._state.facilitators), "")
        return self._submit(ev.SafetyFlagHandled, flag_id=flag_id, note=note.strip(), by=by)


def _title(state: SessionState, phase_id: str) -> str:
    phase = state.phase_state(phase_id)
    return phase.spec.title if phase else phase_id


def _outcome(outcome: HomeworkOutcome | str) -> HomeworkOutcome:
    try:
        return HomeworkOutcome(outcome)
    except ValueError:
        raise EventRefused(
            "A homework outcome is done, partly, not-done or not-reviewed."
        ) from None


def _text(text: str, refusal: str) -> str:
    text = text.strip()
    if not text:
        raise EventRefused(refusal)
    return text[:2000]
