"""The session engine: what the runner calls for everything the facilitator does.

Every action builds its event stamped with the injected clock, then

1. **validates** it against the state (`handling.check`, by `rules`; a wrong one raises
   `EventRefused` and nothing changes),
2. **records** it (the `record` callback: the live session queues it for the journal), then
3. **applies** it to the state (`handling.apply`).

Every action returns the event it recorded. One action of the facilitator is one call, even when
it records several events (`next_phase`, `give_reminder(with_norms=True)`, a pass in a check-in
phase, `finish_checkin`): every event is checked, in order, against a copy of the state before
the first is recorded (`submit_all`), so a refused action changes nothing. The views
(`clock_view`, `speaking_view`, ...) are pure readings of the state at the clock's current time;
call them as often as the screen refreshes.

Time: `now()` is seconds since the session started, from the monotonic clock. After a crash,
`resume` continues the session from its events: the wall-clock gap since the last saved event
counts as session time (the group went on on the video call meanwhile) and is recorded in a
`SessionRecovered` event, so replaying the journal later gives the same timers. A turn in
progress keeps running through a short interruption (`SHORT_INTERRUPTION_SECONDS`) and ends at
the last saved event after a longer one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal, TypeVar, cast

from pydantic import ValidationError

from iop_facilitator.agenda.model import Agenda, PhaseKind
from iop_facilitator.session import events as ev
from iop_facilitator.session.clock import Clock
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import (
    SHORT_INTERRUPTION_SECONDS,
    BaseEvent,
    CarriedFlag,
    CarriedHomework,
    Event,
    FacilitatorEntry,
    HomeworkOutcome,
    MemberLastSession,
    RosterEntry,
)
from iop_facilitator.session.group import Group, IdSource, initials_of, new_id
from iop_facilitator.session.handling import apply, check, replay
from iop_facilitator.session.notes import NoteDraft, NoteFormat, note_draft
from iop_facilitator.session.reminders import ReminderOwed, reminder_owed
from iop_facilitator.session.speaking import SpeakingView, speaking_view
from iop_facilitator.session.state import SessionState
from iop_facilitator.session.summary import SessionSummary, summarise
from iop_facilitator.session.timing import BudgetSuggestion, ClockView, clock_view, suggest_budget

E = TypeVar("E", bound=BaseEvent)

Recorder = Callable[[Event], None]
"""Called with each accepted event before it is applied (the live session queues it)."""


def _ignore(event: Event) -> None:
    return None


class SessionEngine:
    """One session in progress: its events, its state and the actions that move it on.

    Build one with `SessionEngine.start(...)` or `SessionEngine.resume(events, ...)`.
    Not thread-safe: call it from the UI thread only.
    """

    def __init__(
        self,
        events: Sequence[Event],
        clock: Clock,
        *,
        record: Recorder | None = None,
        new_id: IdSource = new_id,
    ) -> None:
        """An engine over `events` already recorded (use `start` or `resume` instead)."""
        self._events: list[Event] = list(events)
        self._state = replay(self._events)
        self._clock = clock
        self._record = record or _ignore
        self._new_id = new_id
        # now() = _origin_at + (monotonic - _origin_mono): the session clock is pinned to the
        # monotonic clock at the moment this engine was built.
        self._origin_at = self._state.last_at
        self._origin_mono = clock.monotonic()

    # --- building -------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        *,
        group: Group,
        agenda: Agenda,
        clock: Clock,
        session_id: str | None = None,
        first_time: Iterable[str] = (),
        carried_homework: Iterable[CarriedHomework] = (),
        open_flags: Iterable[CarriedFlag] = (),
        last_sessions: Iterable[MemberLastSession] = (),
        record: Recorder | None = None,
        new_id: IdSource = new_id,
    ) -> SessionEngine:
        """Start a session of `group` on a frozen copy of `agenda`; records `SessionStarted`.

        `first_time` holds the ids of members who have never attended (the reminder is owed
        again when one of them is here). `carried_homework` and `open_flags` come from the
        group's earlier sessions (`Records.carried_from_previous`); `last_sessions` holds
        each member's previous session (`session.last_session`), for their progress notes.
        """
        first = set(first_time)
        started = ev.SessionStarted(
            at=0.0,
            wall=clock.now(),
            session_id=session_id or new_id(),
            group_id=group.id,
            group_name=group.name,
            agenda=agenda,
            members=tuple(
                RosterEntry(
                    member_id=m.id,
                    name=m.name,
                    initials=m.shown_initials,
                    pronouns=m.pronouns,
                    goals=tuple(m.goals),
                    first_time=m.id in first,
                )
                for m in group.active_members
            ),
            facilitators=tuple(
                FacilitatorEntry(facilitator_id=f.id, name=f.name, role=f.role)
                for f in group.facilitators
            ),
            carried_homework=tuple(carried_homework),
            open_flags=tuple(open_flags),
            last_sessions=tuple(last_sessions),
        )
        (record or _ignore)(started)
        return cls([started], clock, record=record, new_id=new_id)

    @classmethod
    def resume(
        cls,
        events: Sequence[Event],
        clock: Clock,
        *,
        record: Recorder | None = None,
        new_id: IdSource = new_id,
    ) -> SessionEngine:
        """Continue a session from its saved events after a crash or a reboot.

        Unless the session had ended, records a `SessionRecovered` event whose time is the last
        saved event's time plus the wall-clock gap since it (never negative): timers continue
        as if the program had kept running. A turn in progress keeps running when the gap is
        at most `SHORT_INTERRUPTION_SECONDS` (the facilitator ends it as usual); after a longer
        gap it ends at the last saved event.
        """
        engine = cls(events, clock, record=record, new_id=new_id)
        state = engine._state
        if not state.ended and state.last_wall is not None:
            gap = max(0.0, (clock.now() - state.last_wall).total_seconds())
            engine._origin_at = state.last_at + gap
            engine.submit(
                ev.SessionRecovered(
                    at=state.last_at + gap,
                    wall=clock.now(),
                    crashed_after=state.last_at,
                    gap_seconds=gap,
                    turn_continues=state.open_turn is not None
                    and gap <= SHORT_INTERRUPTION_SECONDS,
                )
            )
        return engine

    # --- reading --------------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        """The current state (read-only: change it only through the actions)."""
        return self._state

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event recorded so far, oldest first."""
        return tuple(self._events)

    @property
    def session_id(self) -> str:
        return self._state.session_id

    def now(self) -> float:
        """Seconds since the session started, by the injected monotonic clock."""
        at = self._origin_at + (self._clock.monotonic() - self._origin_mono)
        return max(at, self._state.last_at)

    def clock_view(self) -> ClockView:
        """The countdown, the session's elapsed time and projected end, now."""
        return clock_view(self._state, self.now())

    def speaking_view(self) -> SpeakingView:
        """The members board: airtime, shares, turns, equity and the suggested next speaker."""
        return speaking_view(self._state, self.now())

    def budget_suggestion(self) -> BudgetSuggestion | None:
        """A re-budget of the phases to come when the session runs late, else None."""
        return suggest_budget(self._state, self.now())

    def reminder_owed(self) -> ReminderOwed | None:
        """The confidentiality reminder, when it is owed now; else None."""
        return reminder_owed(self._state)

    def homework_suggestions(self) -> list[str]:
        """The agenda's homework suggestions: the running phase's first, then the others'."""
        phase = self._state.phase
        first = list(phase.spec.homework) if phase else []
        rest = [h for p in self._state.agenda.phases for h in p.homework if h not in first]
        return first + list(dict.fromkeys(rest))

    def summary(self) -> SessionSummary:
        """The session summary (complete once the session has ended)."""
        return summarise(self._state, self.now())

    def note_draft(self, style: NoteFormat | str = NoteFormat.BIRP) -> NoteDraft:
        """The draft group note and progress notes per member (BIRP by default; any format)."""
        return note_draft(self.summary(), style)

    # --- the one way in -------------------------------------------------------------------------

    def submit(self, event: Event) -> Event:
        """Validate, record and apply `event`; raise `EventRefused` (nothing changed) if wrong."""
        check(self._state, event)
        self._keep(event)
        return event

    def submit_all(self, events: Sequence[Event]) -> tuple[Event, ...]:
        """Submit `events` as one action: all of them, or none.

        Each is checked against a copy of the state as the ones before it leave it; only when
        every one passes are they recorded and applied, in order. Raises `EventRefused`
        (nothing recorded, nothing changed) if any one is refused.
        """
        if len(events) > 1:
            trial = self._trial_state()
            for event in events:
                check(trial, event)
                apply(trial, event)
        elif events:
            check(self._state, events[0])
        for event in events:
            self._keep(event)
        return tuple(events)

    def _trial_state(self) -> SessionState:
        """A copy of the state to try events on; the agenda (frozen) is shared, not copied."""
        shared: dict[int, object] = {id(self._state.agenda): self._state.agenda}
        shared |= {id(p.spec): p.spec for p in self._state.phases}
        return copy.deepcopy(self._state, shared)

    def _keep(self, event: Event) -> None:
        """Record, then apply, an event already checked."""
        self._record(event)
        apply(self._state, event)
        self._events.append(event)

    def _build(self, kind: type[E], **fields: object) -> E:
        """An event of `kind` stamped now (refused, as a sentence, if a field is invalid)."""
        try:
            return kind.model_validate({"at": self.now(), "wall": self._clock.now(), **fields})
        except ValidationError as error:
            raise EventRefused(_sentence(error)) from None

    def _submit(self, kind: type[E], **fields: object) -> E:
        """Build an event of `kind` stamped now, then submit it."""
        event = self._build(kind, **fields)
        self.submit(cast(Event, event))
        return event

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
        name = name.strip()
        if not name:
            raise EventRefused("A new member needs a name.")
        entry = RosterEntry(
            member_id=self._new_id(),
            name=name,
            initials=initials or initials_of(name),
            pronouns=pronouns,
            goals=tuple(goals),
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
        return self.submit_all(batch)[-1]

    def skip_phase(self, phase_id: str | None = None) -> ev.PhaseSkipped:
        """Skip a phase not yet started (default: the next one)."""
        return self._submit(ev.PhaseSkipped, phase_id=phase_id or self._next_id())

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
        """End the session: the turn and phase in progress end now; nothing more is accepted."""
        return self._submit(ev.SessionEnded)

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
    ) -> ev.CheckInRecorded:
        """A member's check-in as the facilitator saves it, in one action: their ratings and
        note (or their pass), how each carried homework went for them (`homework`: homework
        id -> outcome), and, if they are speaking, the end of their turn (the round moves on).
        """
        if passed:
            checkin = self._build(
                ev.CheckInRecorded, member_id=member_id, passed=True, note=note.strip()
            )
        else:
            checkin = self._build(
                ev.CheckInRecorded, member_id=member_id, values=dict(values), note=note.strip()
            )
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
        turn = self._state.open_turn
        if turn is not None and turn.speaker_id == member_id:
            batch.append(self._build(ev.TurnEnded))
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


def _sentence(error: ValidationError) -> str:
    """The first problem pydantic found, as a sentence for the facilitator."""
    problem = error.errors()[0]
    where = " ".join(str(part).replace("_", " ") for part in problem["loc"])
    return f"The {where} is not valid: {problem['msg'].lower()}."


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
