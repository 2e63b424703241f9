"""The state of a session: a pure function of its events.

`replay(events)` builds it from nothing; `apply(state, event)` moves it on by one event. Apply
never refuses: the engine checks every event first (`session.rules.check`), so a journal only
ever holds events that applied cleanly, and replaying it always gives the same state.

The state is a tree of plain dataclasses: cheap to build (a 3,000-event replay is a few
milliseconds) and comparable with `==`, which is what the crash/resume tests rely on. Readers
must treat it as read-only; only `apply` changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from iop_facilitator.agenda.model import Agenda, CheckInSpec, Phase, PhaseKind, TurnMode
from iop_facilitator.session import events as ev
from iop_facilitator.session.events import Event, HomeworkOutcome


class Attendance(StrEnum):
    UNMARKED = "unmarked"
    PRESENT = "present"
    ABSENT = "absent"


class PhaseStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass
class MemberState:
    """A member in this session: who they are (as of the start) and their attendance."""

    id: str
    name: str
    initials: str
    pronouns: str
    goals: tuple[str, ...]
    first_time: bool
    attendance: Attendance = Attendance.UNMARKED
    arrived_at: float | None = None
    late: bool = False
    left_at: float | None = None
    added_in_session: bool = False

    @property
    def here(self) -> bool:
        """Present and not yet gone: may speak, check in, pass."""
        return self.attendance is Attendance.PRESENT and self.left_at is None

    @property
    def attended(self) -> bool:
        """Was present at some point of the session."""
        return self.attendance is Attendance.PRESENT


@dataclass
class FacilitatorState:
    id: str
    name: str
    role: str


@dataclass
class PhaseState:
    """One phase of the agenda and what happened to it."""

    spec: Phase
    planned_seconds: float
    status: PhaseStatus = PhaseStatus.PLANNED
    started_at: float | None = None
    ended_at: float | None = None
    paused_seconds: float = 0.0  # paused time while this phase ran (not counted as used)
    extended_minutes: int = 0

    @property
    def id(self) -> str:
        return self.spec.id

    def used_seconds(self, at: float, paused_since: float | None) -> float:
        """Seconds this phase has run by `at`, pauses excluded."""
        if self.started_at is None:
            return 0.0
        end = self.ended_at if self.ended_at is not None else at
        used = end - self.started_at - self.paused_seconds
        if self.ended_at is None and paused_since is not None:
            used -= at - max(paused_since, self.started_at)
        return max(0.0, used)


@dataclass
class Turn:
    """One turn: a member or facilitator speaking, or a member passing (no time)."""

    speaker_id: str
    phase_id: str | None
    started_at: float
    ended_at: float | None = None
    passed: bool = False
    limit_seconds: int | None = None

    def seconds(self, at: float) -> float:
        """How long the turn has lasted by `at` (its end if it has ended)."""
        end = self.ended_at if self.ended_at is not None else at
        return max(0.0, end - self.started_at)

    def over_limit(self, at: float) -> bool:
        """True when the turn ran past the phase's soft per-turn limit."""
        return self.limit_seconds is not None and self.seconds(at) > self.limit_seconds


@dataclass
class CheckIn:
    member_id: str
    at: float
    values: dict[str, int]
    note: str
    passed: bool


@dataclass
class Homework:
    """An assignment: given in this session, or carried from an earlier one to be reviewed."""

    id: str
    text: str
    member_ids: tuple[str, ...]
    carried: bool
    assigned_in: str
    assigned_wall: datetime
    from_suggestion: bool = False
    # member id (or None for the group as a whole) -> outcome
    reviews: dict[str | None, HomeworkOutcome] = field(default_factory=dict)

    def reviewed_for(self, member_id: str) -> bool:
        """Whether `member_id` has a real outcome (done, partly or not done): their own, or
        the group's as a whole."""
        return any(
            self.reviews.get(who, HomeworkOutcome.NOT_REVIEWED) is not HomeworkOutcome.NOT_REVIEWED
            for who in (member_id, None)
        )


@dataclass
class Note:
    id: str
    at: float
    text: str
    phase_id: str | None
    member_id: str | None


@dataclass
class SafetyFlag:
    """A concern about a member; it stays open (and carried) until marked handled."""

    id: str
    member_id: str
    note: str
    raised_in: str
    raised_wall: datetime
    carried: bool
    handled: bool = False
    handled_note: str = ""
    handled_by: str = ""
    handled_wall: datetime | None = None


@dataclass
class SessionState:
    """Everything that is true of a session after some events."""

    session_id: str
    group_id: str
    group_name: str
    agenda: Agenda
    started_wall: datetime
    members: dict[str, MemberState]
    facilitators: dict[str, FacilitatorState]
    phases: list[PhaseState]
    current_phase: int | None = None
    turns: list[Turn] = field(default_factory=list)
    checkins: dict[str, CheckIn] = field(default_factory=dict)
    homework: dict[str, Homework] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    flags: dict[str, SafetyFlag] = field(default_factory=dict)
    reminders_at: list[float] = field(default_factory=list)
    norms_reviewed_at: list[float] = field(default_factory=list)
    paused_since: float | None = None
    pauses: list[tuple[float, float]] = field(default_factory=list)
    recoveries: list[tuple[float, float]] = field(default_factory=list)  # (crashed_after, at)
    ended_at: float | None = None
    ended_wall: datetime | None = None
    last_at: float = 0.0
    last_wall: datetime | None = None
    event_count: int = 0

    # --- convenient readings (all pure) --------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def paused(self) -> bool:
        return self.paused_since is not None

    @property
    def phase(self) -> PhaseState | None:
        """The running phase, if any."""
        return self.phases[self.current_phase] if self.current_phase is not None else None

    @property
    def open_turn(self) -> Turn | None:
        """The turn in progress (someone is speaking now), if any."""
        if self.turns and self.turns[-1].ended_at is None:
            return self.turns[-1]
        return None

    @property
    def under_way(self) -> bool:
        """Whether the group has begun: a phase has started or been skipped (someone who
        arrives from then on arrives late)."""
        return any(p.status is not PhaseStatus.PLANNED for p in self.phases)

    def homework_assignees(self, homework: Homework) -> tuple[str, ...]:
        """Who `homework` is due from: the members it was given to, or for the group's
        homework every member of the group but those who joined in this session (they were
        not in the group when it was given)."""
        if homework.member_ids:
            return homework.member_ids
        return tuple(m.id for m in self.members.values() if not m.added_in_session)

    def homework_awaiting(self, homework: Homework) -> tuple[str, ...]:
        """The assignees `homework` still has no real outcome for (none: it is closed)."""
        return tuple(m for m in self.homework_assignees(homework) if not homework.reviewed_for(m))

    def open_homework(self) -> list[tuple[Homework, tuple[str, ...]]]:
        """The homework to carry to the next session, each with the members to carry it for:
        as given (empty: the group) when no assignee has an outcome yet, else the assignees
        still without a real one. Homework that every assignee (or the group as a whole) has
        a real outcome for is closed and left out."""
        carried = []
        for h in self.homework.values():
            awaiting = self.homework_awaiting(h)
            if not awaiting:
                continue
            untouched = len(awaiting) == len(self.homework_assignees(h))
            carried.append((h, h.member_ids if untouched else awaiting))
        return carried

    @property
    def next_planned_phase(self) -> PhaseState | None:
        """The first phase not yet started or skipped."""
        for p in self.phases:
            if p.status is PhaseStatus.PLANNED:
                return p
        return None

    @property
    def checkin_spec(self) -> CheckInSpec | None:
        """The agenda's check-in fields and scale (from its first check-in phase), if any."""
        for p in self.agenda.phases:
            if p.kind is PhaseKind.CHECK_IN:
                return p.checkin or CheckInSpec()
        return None

    def phase_state(self, phase_id: str) -> PhaseState | None:
        for p in self.phases:
            if p.id == phase_id:
                return p
        return None

    def present_members(self) -> list[MemberState]:
        """Members here now, in roster order."""
        return [m for m in self.members.values() if m.here]

    def attended_members(self) -> list[MemberState]:
        """Members present at some point, in roster order."""
        return [m for m in self.members.values() if m.attended]

    def is_facilitator(self, speaker_id: str) -> bool:
        return speaker_id in self.facilitators

    def speaker_name(self, speaker_id: str) -> str:
        if speaker_id in self.members:
            return self.members[speaker_id].name
        if speaker_id in self.facilitators:
            return self.facilitators[speaker_id].name
        return "?"


# --- apply ---------------------------------------------------------------------------------------


def start(event: ev.SessionStarted) -> SessionState:
    """The state right after `event`, the first event of every session."""
    members = {
        r.member_id: MemberState(
            id=r.member_id,
            name=r.name,
            initials=r.initials,
            pronouns=r.pronouns,
            goals=r.goals,
            first_time=r.first_time,
        )
        for r in event.members
    }
    facilitators = {
        f.facilitator_id: FacilitatorState(id=f.facilitator_id, name=f.name, role=f.role)
        for f in event.facilitators
    }
    state = SessionState(
        session_id=event.session_id,
        group_id=event.group_id,
        group_name=event.group_name,
        agenda=event.agenda,
        started_wall=event.wall,
        members=members,
        facilitators=facilitators,
        phases=[PhaseState(spec=p, planned_seconds=p.minutes * 60.0) for p in event.agenda.phases],
        last_at=event.at,
        last_wall=event.wall,
        event_count=1,
    )
    for h in event.carried_homework:
        state.homework[h.homework_id] = Homework(
            id=h.homework_id,
            text=h.text,
            member_ids=h.member_ids,
            carried=True,
            assigned_in=h.assigned_in,
            assigned_wall=h.assigned_on,
        )
    for f in event.open_flags:
        state.flags[f.flag_id] = SafetyFlag(
            id=f.flag_id,
            member_id=f.member_id,
            note=f.note,
            raised_in=f.raised_in,
            raised_wall=f.raised_on,
            carried=True,
        )
    return state


def _end_turn(s: SessionState, at: float) -> None:
    turn = s.open_turn
    if turn is not None:
        turn.ended_at = at


def _end_phase(s: SessionState, at: float) -> None:
    phase = s.phase
    if phase is None:
        return
    if s.paused_since is not None and phase.started_at is not None:
        # The pause so far belongs to this phase; the rest of it (if any) to no phase.
        phase.paused_seconds += at - max(s.paused_since, phase.started_at)
    phase.status = PhaseStatus.DONE
    phase.ended_at = at
    s.current_phase = None


def _present(s: SessionState, e: ev.MemberPresent) -> None:
    m = s.members[e.member_id]
    m.attendance, m.arrived_at, m.left_at = Attendance.PRESENT, e.at, None


def _absent(s: SessionState, e: ev.MemberAbsent) -> None:
    m = s.members[e.member_id]
    m.attendance, m.arrived_at, m.late = Attendance.ABSENT, None, False


def _late(s: SessionState, e: ev.MemberArrivedLate) -> None:
    m = s.members[e.member_id]
    m.attendance, m.arrived_at, m.late, m.left_at = Attendance.PRESENT, e.at, True, None


def _left(s: SessionState, e: ev.MemberLeftEarly) -> None:
    turn = s.open_turn
    if turn is not None and turn.speaker_id == e.member_id:
        turn.ended_at = e.at
    s.members[e.member_id].left_at = e.at


def _added(s: SessionState, e: ev.MemberAdded) -> None:
    r = e.member
    s.members[r.member_id] = MemberState(
        id=r.member_id,
        name=r.name,
        initials=r.initials,
        pronouns=r.pronouns,
        goals=r.goals,
        first_time=r.first_time,
        attendance=Attendance.PRESENT,
        arrived_at=e.at,
        late=s.under_way,
        added_in_session=True,
    )


def _phase_started(s: SessionState, e: ev.PhaseStarted) -> None:
    for i, p in enumerate(s.phases):
        if p.id == e.phase_id:
            p.status, p.started_at = PhaseStatus.RUNNING, e.at
            s.current_phase = i
            return


def _phase_ended(s: SessionState, e: ev.PhaseEnded) -> None:
    _end_turn(s, e.at)
    _end_phase(s, e.at)


def _phase_skipped(s: SessionState, e: ev.PhaseSkipped) -> None:
    p = s.phase_state(e.phase_id)
    if p is not None:
        p.status = PhaseStatus.SKIPPED


def _phase_extended(s: SessionState, e: ev.PhaseExtended) -> None:
    p = s.phase_state(e.phase_id)
    if p is not None:
        p.planned_seconds += e.minutes * 60.0
        p.extended_minutes += e.minutes


def _budget(s: SessionState, e: ev.BudgetAccepted) -> None:
    for phase_id, minutes in e.minutes.items():
        p = s.phase_state(phase_id)
        if p is not None:
            p.planned_seconds = minutes * 60.0


def _paused(s: SessionState, e: ev.SessionPaused) -> None:
    _end_turn(s, e.at)
    s.paused_since = e.at


def _resumed(s: SessionState, e: ev.SessionResumed) -> None:
    since = s.paused_since if s.paused_since is not None else e.at
    phase = s.phase
    if phase is not None and phase.started_at is not None:
        phase.paused_seconds += e.at - max(since, phase.started_at)
    s.pauses.append((since, e.at))
    s.paused_since = None


def _recovered(s: SessionState, e: ev.SessionRecovered) -> None:
    turn = s.open_turn
    if turn is not None and not e.turn_continues:
        turn.ended_at = e.crashed_after
    s.recoveries.append((e.crashed_after, e.at))


def _ended(s: SessionState, e: ev.SessionEnded) -> None:
    _end_turn(s, e.at)
    _end_phase(s, e.at)
    if s.paused_since is not None:
        s.pauses.append((s.paused_since, e.at))
        s.paused_since = None
    s.ended_at, s.ended_wall = e.at, e.wall


def _reminded(s: SessionState, e: ev.ConfidentialityReminded) -> None:
    s.reminders_at.append(e.at)


def _norms(s: SessionState, e: ev.NormsReviewed) -> None:
    s.norms_reviewed_at.append(e.at)


def _turn_started(s: SessionState, e: ev.TurnStarted) -> None:
    _end_turn(s, e.at)
    phase = s.phase
    s.turns.append(
        Turn(
            speaker_id=e.speaker_id,
            phase_id=phase.id if phase else None,
            started_at=e.at,
            limit_seconds=phase.spec.turn_seconds if phase else None,
        )
    )


def _turn_ended(s: SessionState, e: ev.TurnEnded) -> None:
    _end_turn(s, e.at)


def _turn_passed(s: SessionState, e: ev.TurnPassed) -> None:
    _end_turn(s, e.at)
    phase = s.phase
    s.turns.append(
        Turn(
            speaker_id=e.member_id,
            phase_id=phase.id if phase else None,
            started_at=e.at,
            ended_at=e.at,
            passed=True,
        )
    )


def _checkin(s: SessionState, e: ev.CheckInRecorded) -> None:
    s.checkins[e.member_id] = CheckIn(
        member_id=e.member_id, at=e.at, values=dict(e.values), note=e.note, passed=e.passed
    )


def _homework(s: SessionState, e: ev.HomeworkAssigned) -> None:
    s.homework[e.homework_id] = Homework(
        id=e.homework_id,
        text=e.text,
        member_ids=e.member_ids,
        carried=False,
        assigned_in=s.session_id,
        assigned_wall=e.wall,
        from_suggestion=e.from_suggestion,
    )


def _reviewed(s: SessionState, e: ev.HomeworkReviewed) -> None:
    s.homework[e.homework_id].reviews[e.member_id] = e.outcome


def _note(s: SessionState, e: ev.NoteAdded) -> None:
    s.notes.append(
        Note(id=e.note_id, at=e.at, text=e.text, phase_id=e.phase_id, member_id=e.member_id)
    )


def _flag(s: SessionState, e: ev.SafetyFlagRaised) -> None:
    s.flags[e.flag_id] = SafetyFlag(
        id=e.flag_id,
        member_id=e.member_id,
        note=e.note,
        raised_in=s.session_id,
        raised_wall=e.wall,
        carried=False,
    )


def _handled(s: SessionState, e: ev.SafetyFlagHandled) -> None:
    f = s.flags[e.flag_id]
    f.handled, f.handled_note, f.handled_by, f.handled_wall = True, e.note, e.by, e.wall


_APPLY: dict[type[Any], Callable[[SessionState, Any], None]] = {
    ev.MemberPresent: _present,
    ev.MemberAbsent: _absent,
    ev.MemberArrivedLate: _late,
    ev.MemberLeftEarly: _left,
    ev.MemberAdded: _added,
    ev.PhaseStarted: _phase_started,
    ev.PhaseEnded: _phase_ended,
    ev.PhaseSkipped: _phase_skipped,
    ev.PhaseExtended: _phase_extended,
    ev.BudgetAccepted: _budget,
    ev.SessionPaused: _paused,
    ev.SessionResumed: _resumed,
    ev.SessionRecovered: _recovered,
    ev.SessionEnded: _ended,
    ev.ConfidentialityReminded: _reminded,
    ev.NormsReviewed: _norms,
    ev.TurnStarted: _turn_started,
    ev.TurnEnded: _turn_ended,
    ev.TurnPassed: _turn_passed,
    ev.CheckInRecorded: _checkin,
    ev.HomeworkAssigned: _homework,
    ev.HomeworkReviewed: _reviewed,
    ev.NoteAdded: _note,
    ev.SafetyFlagRaised: _flag,
    ev.SafetyFlagHandled: _handled,
}


def apply(state: SessionState, event: Event) -> None:
    """Move `state` on by one event that `rules.check` accepted (changes `state` in place)."""
    _APPLY[type(event)](state, event)
    state.last_at = event.at
    state.last_wall = event.wall
    state.event_count += 1


def replay(events: Iterable[Event]) -> SessionState:
    """The state of a session after `events` (the first must be `SessionStarted`).

    Deterministic: the same events always give an equal state. Raises `ValueError` if the
    sequence does not begin with `SessionStarted` or holds a second one.
    """
    iterator = iter(events)
    first = next(iterator, None)
    if not isinstance(first, ev.SessionStarted):
        raise ValueError("a session's events must begin with session-started")
    state = start(first)
    for event in iterator:
        if isinstance(event, ev.SessionStarted):
            raise ValueError("a session's events hold a second session-started")
        apply(state, event)
    return state


__all__ = [
    "Attendance",
    "CheckIn",
    "FacilitatorState",
    "Homework",
    "MemberState",
    "Note",
    "PhaseState",
    "PhaseStatus",
    "SafetyFlag",
    "SessionState",
    "Turn",
    "TurnMode",
    "apply",
    "replay",
    "start",
]
