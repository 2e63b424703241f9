"""The session clock as the facilitator reads it, and the re-budget suggestion.

Pure functions of the state and a time `at` (seconds since the session started). The planned end
is the session's start plus the agenda's `minutes`; the projected end adds what is left of the
running phase and the planned minutes of the phases not yet started.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from iop_facilitator.session.state import PhaseState, PhaseStatus, SessionState

# Late by less than this, and the suggestion would only shuffle seconds: say nothing.
SUGGEST_WHEN_LATE_BY_SECONDS = 60.0


@dataclass(frozen=True)
class ClockView:
    """Everything the countdown and the session bar show, at one moment."""

    at: float
    elapsed_seconds: float  # since the session started, pauses included
    paused: bool
    phase_id: str | None
    phase_title: str | None
    phase_planned_seconds: float
    phase_used_seconds: float
    time_left_seconds: float  # never negative
    overrun_seconds: float  # never negative
    next_phase_id: str | None
    planned_end: datetime
    projected_end: datetime

    @property
    def late_by_seconds(self) -> float:
        """How far the projected end is past the planned end (0 when on time or early)."""
        return max(0.0, (self.projected_end - self.planned_end).total_seconds())

    @property
    def overrunning(self) -> bool:
        return self.overrun_seconds > 0


def _planned_minutes(p: PhaseState) -> int:
    return round(p.planned_seconds / 60)


def remaining_seconds(state: SessionState, at: float) -> float:
    """Planned seconds still to run: the rest of the running phase plus the phases to come."""
    rest = 0.0
    running = state.phase
    if running is not None:
        rest += max(0.0, running.planned_seconds - running.used_seconds(at, state.paused_since))
    rest += sum(p.planned_seconds for p in state.phases if p.status is PhaseStatus.PLANNED)
    return rest


def clock_view(state: SessionState, at: float) -> ClockView:
    """The clock at `at` (after the session ended, everything reads as of its end)."""
    if state.ended_at is not None:
        at = state.ended_at
    running = state.phase
    used = running.used_seconds(at, state.paused_since) if running else 0.0
    planned = running.planned_seconds if running else 0.0
    upcoming = state.next_planned_phase
    start = state.started_wall
    projected = start + timedelta(seconds=at + remaining_seconds(state, at))
    return ClockView(
        at=at,
        elapsed_seconds=at,
        paused=state.paused,
        phase_id=running.id if running else None,
        phase_title=running.spec.title if running else None,
        phase_planned_seconds=planned,
        phase_used_seconds=used,
        time_left_seconds=max(0.0, planned - used),
        overrun_seconds=max(0.0, used - planned) if running else 0.0,
        next_phase_id=upcoming.id if upcoming else None,
        planned_end=start + timedelta(minutes=state.agenda.planned_minutes),
        projected_end=projected,
    )


@dataclass(frozen=True)
class BudgetSuggestion:
    """New minutes for the phases not yet started, so the session ends on time.

    `fits` is False when even every phase at its minimum cannot end on time; the suggestion
    then gives every phase its minimum. Accept it with `SessionEngine.accept_budget`.
    """

    minutes: dict[str, int]
    planned_minutes: dict[str, int]
    late_by_seconds: float
    fits: bool

    @property
    def saves_minutes(self) -> int:
        return sum(self.planned_minutes.values()) - sum(self.minutes.values())


def _proportional(planned: dict[str, int], floors: dict[str, int], target: int) -> dict[str, int]:
    """Scale `planned` down to add up to `target`, no phase below its floor (whole minutes)."""
    fixed: dict[str, int] = {}
    while True:
        free = {k: v for k, v in planned.items() if k not in fixed}
        budget = target - sum(fixed.values())
        total = sum(free.values())
        scale = budget / total if total else 0.0
        newly = {k: floors[k] for k, v in free.items() if v * scale < floors[k]}
        if not newly:
            break
        fixed.update(newly)
    raw = {k: v * scale for k, v in free.items()}
    result = {k: max(floors[k], math.floor(x)) for k, x in raw.items()}
    leftover = budget - sum(result.values())
    # Largest remainders first; ties keep agenda order (dicts keep insertion order).
    for k in sorted(raw, key=lambda k: raw[k] - math.floor(raw[k]), reverse=True):
        if leftover <= 0:
            break
        if result[k] < planned[k]:
            result[k] += 1
            leftover -= 1
    result.update(fixed)
    return {k: result[k] for k in planned}


def suggest_budget(state: SessionState, at: float) -> BudgetSuggestion | None:
    """A re-budget of the phases not yet started, or None when the session is on time.

    Proportional to each phase's current plan, never below its `floor_minutes`; the phases'
    new minutes add up to the whole minutes left before the planned end once the running
    phase has had its planned time.
    """
    if state.ended:
        return None
    view = clock_view(state, at)
    if view.late_by_seconds < SUGGEST_WHEN_LATE_BY_SECONDS:
        return None
    upcoming = [p for p in state.phases if p.status is PhaseStatus.PLANNED]
    if not upcoming:
        return None
    planned = {p.id: _planned_minutes(p) for p in upcoming}
    floors = {p.id: min(p.spec.floor_minutes, planned[p.id]) for p in upcoming}
    after_running = at + view.time_left_seconds
    available = (view.planned_end - state.started_wall).total_seconds() - after_running
    target = max(0, math.floor(available / 60))
    if sum(floors.values()) >= target:
        minutes, fits = dict(floors), sum(floors.values()) <= target
    else:
        minutes, fits = _proportional(planned, floors, target), True
    if minutes == planned:
        return None  # nothing left to shorten: a suggestion would change nothing
    return BudgetSuggestion(
        minutes=minutes, planned_minutes=planned, late_by_seconds=view.late_by_seconds, fits=fits
    )
