"""The editor's timeline: when each phase starts for a chosen start time, the phases' sum
against the agenda's minutes, and where a late session would find time.

Works on the draft, so it shows what it can while some numbers are still being typed: a phase
whose minutes are not a whole number yet counts as 0 and is said to be unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from iop_facilitator.agenda.draft import DraftAgenda, DraftPhase, number_or_text

_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def start_minute(clock: str) -> int | None:
    """Minutes after midnight of `clock` (`18:30`), or None if it is not a time of day."""
    found = _CLOCK.match(clock.strip())
    return int(found.group(1)) * 60 + int(found.group(2)) if found else None


def clock_at(minute: int) -> str:
    """`minute` after midnight as a clock (wrapping past midnight)."""
    minute %= 24 * 60
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _minutes(phase: DraftPhase) -> int | None:
    value = number_or_text(phase.minutes)
    return value if type(value) is int and value > 0 else None


def _floor(phase: DraftPhase, minutes: int) -> int:
    least = number_or_text(phase.min_minutes)
    return least if type(least) is int and 0 < least <= minutes else max(1, minutes // 2)


@dataclass(frozen=True)
class Timeline:
    """What the preview shows (see the module)."""

    starts: list[str]  # per phase, its start clock
    planned: int  # the phases' minutes added up
    minutes: int | None  # the agenda's minutes, if a whole number yet
    unknown: list[str]  # phases whose minutes are not a whole number yet
    squeezed_first: list[tuple[str, int]]  # (title, minutes it could go down to)

    @property
    def spare(self) -> int | None:
        """Minutes left over (negative: over), once the agenda's minutes are a number."""
        return None if self.minutes is None else self.minutes - self.planned

    def in_words(self) -> str:
        """The sum against the agenda's minutes, in one sentence."""
        if self.minutes is None:
            return f"Phases: {self.planned} min; the agenda's minutes are not a number yet."
        spare = self.minutes - self.planned
        if spare > 0:
            said = f"{spare} min spare"
        elif spare == 0:
            said = "exactly on time"
        else:
            said = f"{-spare} min over: shorten phases or lengthen the session"
        return f"Phases {self.planned} of {self.minutes} min: {said}."


def timeline(draft: DraftAgenda, start: str = "") -> Timeline:
    """The timeline of `draft` for a session starting at `start` (`18:30`); without a time
    of day, the clocks count from 0:00."""
    clock = start_minute(start)
    elapsed = 0
    starts: list[str] = []
    unknown: list[str] = []
    room: list[tuple[int, str, int]] = []
    for phase in draft.phases:
        starts.append(
            clock_at(clock + elapsed)
            if clock is not None
            else f"{elapsed // 60}:{elapsed % 60:02d}"
        )
        minutes = _minutes(phase)
        if minutes is None:
            unknown.append(phase.title or phase.id)
            continue
        elapsed += minutes
        floor = _floor(phase, minutes)
        if floor < minutes:
            room.append((minutes - floor, phase.title or phase.id, floor))
    room.sort(key=lambda item: -item[0])
    return Timeline(
        starts=starts,
        planned=elapsed,
        minutes=draft.typed_minutes,
        unknown=unknown,
        squeezed_first=[(title, floor) for _, title, floor in room[:2]],
    )
