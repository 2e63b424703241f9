"""What each widget shows, read off the session's state at one moment.

Pure functions from the engine's derived views (`timing.clock_view`, `speaking.speaking_view`,
`reminders.reminder_owed`) to the small dataclasses the widgets take, so the widgets never see
the engine and the engine never sees a widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.agenda.model import PhaseKind, TurnMode
from iop_facilitator.session import (
    AttendanceStatus,
    ClockView,
    PhaseStatus,
    SessionState,
    SpeakingView,
    clock_view,
    reminder_owed,
    speaking_view,
    suggest_budget,
)
from iop_facilitator.tui.runner.views import (
    BoardTotals,
    CountdownState,
    MemberRow,
    PhaseProgress,
    PhaseRow,
    SpeakingState,
    member_key,
)
from iop_facilitator.wording import clock_text, full_stop


def member_keys(state: SessionState) -> dict[str, str]:
    """Member id → key, by roster position, so a late arrival never moves anyone's key."""
    by_member: dict[str, str] = {}
    for position, member_id in enumerate(state.members):
        key = member_key(position)
        if key is not None:
            by_member[member_id] = key
    return by_member


def member_at_key(state: SessionState, position: int) -> str | None:
    """The member id whose key is the `position`-th member key, if any."""
    ids = list(state.members)
    return ids[position] if position < len(ids) else None


@dataclass(frozen=True)
class Readings:
    """Everything the cockpit shows at one moment."""

    clock: ClockView
    speaking: SpeakingView
    countdown: CountdownState
    rows: list[MemberRow]
    totals: BoardTotals
    now: SpeakingState
    phases: list[PhaseRow]
    bar: str
    notices: list[str]


def read(state: SessionState, at: float) -> Readings:
    """The cockpit's readings at `at` (seconds since the session started)."""
    clock = clock_view(state, at)
    speaking = speaking_view(state, at)
    return Readings(
        clock=clock,
        speaking=speaking,
        countdown=_countdown(state, clock),
        rows=_rows(state, speaking),
        totals=BoardTotals(
            equity=speaking.equity_gini,
            facilitator_share=speaking.facilitator_share,
            facilitator_airtime=speaking.facilitator_airtime_seconds,
        ),
        now=_now(state, speaking),
        phases=_phases(state, clock),
        bar=_bar(state, clock),
        notices=notices(state, clock, speaking),
    )


def _countdown(state: SessionState, clock: ClockView) -> CountdownState:
    if clock.phase_title is None:
        upcoming = state.next_planned_phase
        title = f"Next: {upcoming.spec.title}" if upcoming else "All phases done"
        if state.ended:
            title = "Session ended"
        return CountdownState(
            title=title,
            remaining=upcoming.planned_seconds if upcoming else 0.0,
            waiting=True,
            paused=clock.paused,
        )
    remaining = clock.time_left_seconds if not clock.overrunning else -clock.overrun_seconds
    return CountdownState(title=clock.phase_title, remaining=remaining, paused=clock.paused)


def _rows(state: SessionState, speaking: SpeakingView) -> list[MemberRow]:
    key_of = member_keys(state)
    figures = {f.speaker_id: f for f in speaking.speakers}
    not_yet = set(speaking.not_spoken_in_phase)
    turns_tracked = state.phase is not None and state.phase.spec.turns is not TurnMode.NONE
    passed: dict[str, bool] = {}  # whether each member's last turn in this phase was a pass
    if state.phase is not None:
        for turn in state.turns:
            if turn.phase_id == state.phase.id:
                passed[turn.speaker_id] = turn.passed
        if state.phase.spec.kind is PhaseKind.CHECK_IN:  # a check-in passed (Ctrl+X) too
            passed |= {m: True for m, c in state.checkins.items() if c.passed}
    flagged = {f.member_id for f in state.flags.values() if not f.handled}
    rows: list[MemberRow] = []
    for member in state.members.values():
        f = figures.get(member.id)
        status = ""
        if member.id in flagged:
            status = "flag"  # an open safety concern outranks every other mark
        elif member.left_at is not None:
            status = "left"
        elif passed.get(member.id, False):
            status = "pass"
        elif member.first_time:
            status = "new"
        elif member.late:
            status = "late"
        rows.append(
            MemberRow(
                key=key_of.get(member.id) if member.here else None,
                name=member.name,
                initials=member.initials,
                present=member.here,
                status=status
                if member.here or member.left_at is not None
                else AttendanceStatus.of(member).label,
                speaking=speaking.speaking_now == member.id,
                is_next=speaking.speaking_now is None and speaking.next_speaker == member.id,
                airtime=f.airtime_seconds if f else 0.0,
                share=f.member_share or 0.0 if f else 0.0,
                turns=f.turns if f else 0,
                not_yet_in_phase=turns_tracked and member.id in not_yet,
            )
        )
    return rows


def _now(state: SessionState, speaking: SpeakingView) -> SpeakingState:
    phase = state.phase
    round_phase = phase is not None and phase.spec.turns is TurnMode.ROUND
    if speaking.speaking_now is not None:
        return SpeakingState(
            speaker=state.speaker_name(speaking.speaking_now),
            seconds=speaking.current_turn_seconds,
            limit=speaking.turn_limit_seconds,
            round_phase=round_phase,
        )
    nxt = speaking.next_speaker
    return SpeakingState(
        speaker=None,
        next_name=state.speaker_name(nxt) if nxt else None,
        next_key=member_keys(state).get(nxt) if nxt else None,
        round_phase=round_phase,
        limit=speaking.turn_limit_seconds,
    )


def _phases(state: SessionState, clock: ClockView) -> list[PhaseRow]:
    rows = []
    for phase in state.phases:
        if phase.status is PhaseStatus.RUNNING:
            progress, actual = PhaseProgress.CURRENT, clock.phase_used_seconds / 60
        elif phase.status is PhaseStatus.DONE:
            progress = PhaseProgress.DONE
            actual = phase.used_seconds(clock.at, state.paused_since) / 60
        elif phase.status is PhaseStatus.SKIPPED:
            progress, actual = PhaseProgress.SKIPPED, None
        else:
            progress, actual = PhaseProgress.TO_COME, None
        rows.append(PhaseRow(phase.spec.title, phase.planned_seconds / 60, actual, progress))
    return rows


def _bar(state: SessionState, clock: ClockView) -> str:
    position = ""
    if state.current_phase is not None:
        position = f"{state.current_phase + 1}/{len(state.phases)} · "
    late = clock.late_by_seconds
    # The planned end always stands beside the projected one, so a drift is seen at once.
    plan = f"{clock.planned_end.astimezone():%H:%M}"
    beside = f" (plan {plan}, +{round(late / 60)}m)" if late >= 60 else f" (plan {plan})"
    return (
        f"{position}{clock_text(clock.elapsed_seconds)} in · "
        f"ends {clock.projected_end.astimezone():%H:%M}{beside}"
    )


def notices(state: SessionState, clock: ClockView, speaking: SpeakingView) -> list[str]:
    """What the facilitator should know now, most pressing first, each one sentence."""
    found: list[str] = []
    owed = reminder_owed(state)
    if owed is not None:
        found.append(f"{owed.message} (c)")
    if clock.paused:
        found.append("The session is paused (P resumes).")
    if clock.overrunning:
        found.append(
            f"{clock.phase_title} is over its time by {clock_text(clock.overrun_seconds)}."
        )
    elif clock.phase_title is not None and 0 < clock.time_left_seconds <= 120:
        found.append(f"Two minutes or less left in {clock.phase_title}.")
    suggestion = suggest_budget(state, clock.at)
    if suggestion is not None:
        found.append(
            f"Running {round(suggestion.late_by_seconds / 60)} min late: r shortens the "
            f"phases to come by {suggestion.saves_minutes} min."
        )
    quiet = [state.speaker_name(member_id) for member_id in speaking.not_heard_from]
    if quiet:
        found.append(full_stop(f"Not heard from for a while: {', '.join(quiet[:4])}"))
    return found
