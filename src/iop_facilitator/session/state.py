"""The state of a session: a pure function of its events.

This module is the model: what is true of a session after some events, and readings of it.
`replay(events)` builds it from nothing and `apply(state, event)` moves it on by one event
(both in `session.handling`, which imports this module); what each kind of event changes is in
`session.changes`. Apply never refuses: the engine checks every event first
(`session.handling.check`), so a journal only ever holds events that applied cleanly, and
replaying it always gives the same state.

The state is a tree of plain dataclasses: cheap to build (a 3,000-event replay is a few
milliseconds) and comparable with `==`, which is what the crash/resume tests rely on. Readers
must treat it as read-only; only `apply` changes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from iop_facilitator.agenda.model import Agenda, CheckInSpec, Phase, PhaseKind, TurnMode
from iop_facilitator.session.events import HomeworkOutcome


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
    edited_at: float | None = None  # when it was last corrected (`CheckInEdited`)


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

    @property
    def awaiting(self) -> tuple[str, ...]:
        """The members it was given to who have no real outcome yet (none for the group's)."""
        return tuple(m for m in self.member_ids if not self.reviewed_for(m))

    @property
    def closed(self) -> bool:
        """Not carried again: every member it was given to, or the group as a whole, has a real
        outcome. The group's homework (given to nobody in particular) closes with any real
        outcome, the group's or a member's."""
        if self.member_ids:
            return not self.awaiting
        return any(o is not HomeworkOutcome.NOT_REVIEWED for o in self.reviews.values())

    @property
    def carried_for(self) -> tuple[str, ...]:
        """Whom to carry it for while it is open: as given (empty: the group) until someone
        has an outcome, then the members still without one."""
        return self.awaiting if self.member_ids else ()


@dataclass(frozen=True)
class FormDraft:
    """A form left open with unsaved text (`events.FormDrafted`): which form, about whom, and
    its fields as typed."""

    form: str
    member_id: str | None
    fields: dict[str, str]
    at: float


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
    draft: FormDraft | None = None  # an open form's unsaved text, kept through a crash

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

    def homework_due(self, member_id: str) -> list[Homework]:
        """The carried homework to ask `member_id` about: given to them, or to the group.

        Never homework given before they joined: a first-time member, or one added during
        this session, was not there when the group's homework was given (`joined_after`)."""
        return [
            h
            for h in self.homework.values()
            if (h.carried and member_id in h.member_ids)
            or (h.carried and not h.member_ids and not self.joined_after(member_id, h))
        ]

    def joined_after(self, member_id: str, homework: Homework) -> bool:
        """Whether the member joined the group after `homework` was given (carried homework
        only: this session's own homework was given with them here)."""
        member = self.members.get(member_id)
        if member is None or not homework.carried:
            return False
        return member.first_time or member.added_in_session

    def open_homework(self) -> list[tuple[Homework, tuple[str, ...]]]:
        """The homework to carry to the next session (not `closed`), each with the members to
        carry it for (`Homework.carried_for`; empty: the group)."""
        return [(h, h.carried_for) for h in self.homework.values() if not h.closed]

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
]
