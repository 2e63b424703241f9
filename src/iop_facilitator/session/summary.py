"""The summary of a session: what happened, in figures and lines, for the end screen and review.

A pydantic model because it crosses into the review app and the exports; built by `summarise`,
a pure function of the state (and a time, while the session is still running).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from iop_facilitator.session.attendance import AttendanceStatus as AttendanceStatus
from iop_facilitator.session.speaking import SpeakerFigures, speaking_view
from iop_facilitator.session.state import PhaseStatus, SafetyFlag, SessionState


class _Line(BaseModel):
    model_config = ConfigDict(frozen=True)


class AttendanceLine(_Line):
    member_id: str
    name: str
    initials: str
    pronouns: str
    goals: tuple[str, ...]
    status: AttendanceStatus
    arrived_minute: float | None  # minutes since the session started
    left_minute: float | None
    first_time: bool
    added_in_session: bool

    @property
    def attended(self) -> bool:
        return self.status.attended

    def minutes_attended(self, session_minutes: float) -> float:
        """Minutes this member was in the session: from the start (or their late arrival)
        to the end (or when they left early); 0 when they did not attend. What billing and a
        chart need; pauses count, as the member stayed on the call."""
        if not self.attended:
            return 0.0
        came = self.arrived_minute if self.status.late and self.arrived_minute else 0.0
        went = self.left_minute if self.status.left_early and self.left_minute else None
        end = session_minutes if went is None else min(went, session_minutes)
        return max(0.0, end - came)


class CheckInLine(_Line):
    member_id: str
    name: str
    values: dict[str, int]
    note: str
    passed: bool


class SpeakerLine(_Line):
    speaker_id: str
    name: str
    is_facilitator: bool
    airtime_seconds: float
    share: float
    member_share: float | None
    turns: int
    passes: int
    longest_turn_seconds: float
    turns_over_limit: int = 0

    @classmethod
    def of(cls, figures: SpeakerFigures) -> SpeakerLine:
        """The lasting part of a speaker's figures (not who is speaking or quiet now)."""
        return cls(
            speaker_id=figures.speaker_id,
            name=figures.name,
            is_facilitator=figures.is_facilitator,
            airtime_seconds=figures.airtime_seconds,
            share=figures.share,
            member_share=figures.member_share,
            turns=figures.turns,
            passes=figures.passes,
            longest_turn_seconds=figures.longest_turn_seconds,
            turns_over_limit=figures.turns_over_limit,
        )


class HomeworkLine(_Line):
    homework_id: str
    text: str
    member_ids: tuple[str, ...]  # empty: the whole group
    carried: bool  # True: from an earlier session, reviewed in this one
    from_suggestion: bool
    outcomes: dict[str, str]  # member id, or "group", -> outcome
    # Members who joined after it was given (first-time or added): never asked, never charted.
    not_due_from: tuple[str, ...] = ()


class NoteLine(_Line):
    note_id: str
    minute: float
    text: str
    phase_id: str | None
    phase_title: str | None
    member_id: str | None


class FlagLine(_Line):
    flag_id: str
    member_id: str
    member_name: str
    note: str
    raised_in: str
    raised_on: datetime
    carried: bool
    handled: bool
    handled_note: str
    handled_on: datetime | None
    handled_by: str = ""  # the facilitator's name, when handled in the session

    @classmethod
    def of(cls, flag: SafetyFlag, member_name: str, handled_by: str = "") -> FlagLine:
        """`flag` as the summary tells it, about the member called `member_name`, handled (if
        it was in the session) by the facilitator called `handled_by`."""
        return cls(
            flag_id=flag.id,
            member_id=flag.member_id,
            member_name=member_name,
            note=flag.note,
            raised_in=flag.raised_in,
            raised_on=flag.raised_wall,
            carried=flag.carried,
            handled=flag.handled,
            handled_note=flag.handled_note,
            handled_on=flag.handled_wall,
            handled_by=handled_by,
        )


class PhaseLine(_Line):
    phase_id: str
    title: str
    status: str
    agenda_minutes: int  # as the agenda planned it
    planned_minutes: float  # after extensions and an accepted re-budget
    actual_minutes: float  # time it ran, pauses excluded (0 if skipped or never started)
    extended_minutes: int = 0  # given during the session (`PhaseExtended`)

    @property
    def rebudgeted_minutes(self) -> float:
        """How an accepted re-budget changed the plan (negative: shortened), extensions aside."""
        return round(self.planned_minutes - self.agenda_minutes - self.extended_minutes, 2)

    def plan_changes(self) -> str:
        """What changed the agenda's plan, beside it: "+5 extended", "re-budgeted -3", or ""."""
        parts = []
        if self.extended_minutes:
            parts.append(f"+{self.extended_minutes} extended")
        if abs(self.rebudgeted_minutes) >= 0.5:
            sign = "+" if self.rebudgeted_minutes > 0 else "-"
            parts.append(f"re-budgeted {sign}{round(abs(self.rebudgeted_minutes))}")
        return ", ".join(parts)


class SessionSummary(_Line):
    session_id: str
    group_id: str
    group_name: str
    agenda_title: str
    agenda_kind: str
    started: datetime
    ended: datetime | None
    finished: bool
    elapsed_minutes: float
    planned_minutes: int
    attendance: tuple[AttendanceLine, ...]
    checkin_fields: tuple[str, ...]
    checkin_scale: tuple[int, int] | None
    checkins: tuple[CheckInLine, ...]
    speakers: tuple[SpeakerLine, ...]
    member_airtime_seconds: float
    facilitator_share: float
    equity_gini: float
    not_spoken: tuple[str, ...]  # ids of members who attended and never spoke
    homework_given: tuple[HomeworkLine, ...]
    homework_reviewed: tuple[HomeworkLine, ...]
    notes: tuple[NoteLine, ...]
    flags: tuple[FlagLine, ...]
    phases: tuple[PhaseLine, ...]
    reminders_given: int
    norms_reviewed: bool
    recoveries: int
    # "Dr. Rivera (lead)", ...: who ran the session, for the chart (not only those who spoke).
    facilitators: tuple[str, ...] = ()

    def member(self, member_id: str) -> AttendanceLine:
        """The attendance line of one member; raises KeyError if not on the roster."""
        for line in self.attendance:
            if line.member_id == member_id:
                return line
        raise KeyError(member_id)

    def speaker(self, speaker_id: str) -> SpeakerLine | None:
        for line in self.speakers:
            if line.speaker_id == speaker_id:
                return line
        return None

    @property
    def present_count(self) -> int:
        return sum(1 for a in self.attendance if a.attended)

    @property
    def absent_count(self) -> int:
        return sum(1 for a in self.attendance if a.status is AttendanceStatus.ABSENT)

    @property
    def open_flags(self) -> tuple[FlagLine, ...]:
        return tuple(f for f in self.flags if not f.handled)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 2)


def summarise(state: SessionState, at: float) -> SessionSummary:
    """The summary of `state` at `at` (as of its end once the session has ended)."""
    if state.ended_at is not None:
        at = state.ended_at
    speaking = speaking_view(state, at)
    titles = {p.id: p.spec.title for p in state.phases}
    spec = state.checkin_spec
    names = {m.id: m.name for m in state.members.values()}
    return SessionSummary(
        session_id=state.session_id,
        group_id=state.group_id,
        group_name=state.group_name,
        agenda_title=state.agenda.title,
        agenda_kind=state.agenda.agenda.kind.value,
        started=state.started_wall,
        ended=state.ended_wall,
        finished=state.ended,
        elapsed_minutes=round(at / 60, 2),
        planned_minutes=state.agenda.planned_minutes,
        attendance=tuple(
            AttendanceLine(
                member_id=m.id,
                name=m.name,
                initials=m.initials,
                pronouns=m.pronouns,
                goals=m.goals,
                status=AttendanceStatus.of(m),
                arrived_minute=_minutes(m.arrived_at),
                left_minute=_minutes(m.left_at),
                first_time=m.first_time,
                added_in_session=m.added_in_session,
            )
            for m in state.members.values()
        ),
        checkin_fields=tuple(spec.fields) if spec else (),
        checkin_scale=spec.scale if spec else None,
        checkins=tuple(
            CheckInLine(
                member_id=c.member_id,
                name=names[c.member_id],
                values=c.values,
                note=c.note,
                passed=c.passed,
            )
            for member_id in state.members
            if (c := state.checkins.get(member_id)) is not None
        ),
        speakers=tuple(SpeakerLine.of(f) for f in speaking.speakers),
        member_airtime_seconds=speaking.member_airtime_seconds,
        facilitator_share=speaking.facilitator_share,
        equity_gini=speaking.equity_gini,
        not_spoken=tuple(
            f.speaker_id
            for f in speaking.speakers
            if not f.is_facilitator and not f.spoke_in_session
        ),
        homework_given=tuple(_homework_lines(state, carried=False)),
        homework_reviewed=tuple(_homework_lines(state, carried=True)),
        notes=tuple(
            NoteLine(
                note_id=n.id,
                minute=round(n.at / 60, 2),
                text=n.text,
                phase_id=n.phase_id,
                phase_title=titles.get(n.phase_id) if n.phase_id else None,
                member_id=n.member_id,
            )
            for n in state.notes
        ),
        flags=tuple(
            FlagLine.of(
                f,
                names.get(f.member_id, "a former member"),
                state.facilitators[f.handled_by].name if f.handled_by in state.facilitators else "",
            )
            for f in state.flags.values()
        ),
        phases=tuple(
            PhaseLine(
                phase_id=p.id,
                title=p.spec.title,
                status=p.status.value,
                agenda_minutes=p.spec.minutes,
                planned_minutes=round(p.planned_seconds / 60, 2),
                actual_minutes=round(p.used_seconds(at, state.paused_since) / 60, 2)
                if p.status is not PhaseStatus.SKIPPED
                else 0.0,
                extended_minutes=p.extended_minutes,
            )
            for p in state.phases
        ),
        reminders_given=len(state.reminders_at),
        norms_reviewed=bool(state.norms_reviewed_at),
        recoveries=len(state.recoveries),
        facilitators=tuple(f"{f.name} ({f.role})" for f in state.facilitators.values()),
    )


def _homework_lines(state: SessionState, *, carried: bool) -> list[HomeworkLine]:
    return [
        HomeworkLine(
            homework_id=h.id,
            text=h.text,
            member_ids=h.member_ids,
            carried=h.carried,
            from_suggestion=h.from_suggestion,
            outcomes={(k or "group"): v.value for k, v in h.reviews.items()},
            not_due_from=tuple(m for m in state.members if state.joined_after(m, h)),
        )
        for h in state.homework.values()
        if h.carried is carried
    ]


def ended_wall(summary: SessionSummary) -> datetime:
    """When the session ended, or would have by its elapsed time if it has not."""
    return summary.ended or summary.started + timedelta(minutes=summary.elapsed_minutes)
