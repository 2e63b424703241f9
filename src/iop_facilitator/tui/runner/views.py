"""What the runner's widgets show, as small frozen dataclasses: no Textual here.

`readings` computes these from the session's state at one moment and each widget takes one, so
the widgets never see the engine, the engine never sees a widget, and reading the state for a
test or a benchmark never loads Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from iop_facilitator.wording import clock_text, countdown_text

# Members get a key each in board order: digits first (the common case of up to ten people),
# then letters that no command uses, so a larger group still needs one keystroke per person.
MEMBER_KEYS: tuple[str, ...] = tuple("1234567890") + tuple("bdgijklmotuvwy")


def member_key(position: int) -> str | None:
    """The key for the member at `position` (0-based) on the board, or None past the last key."""
    return MEMBER_KEYS[position] if position < len(MEMBER_KEYS) else None


WARNING_SECONDS = 120
"""Two minutes left: the facilitator starts wrapping up."""


class PhaseTiming(StrEnum):
    RUNNING = "running"
    WARNING = "warning"
    OVER = "over"
    PAUSED = "paused"
    WAITING = "waiting"


@dataclass(frozen=True)
class CountdownState:
    """What the countdown shows: the phase, the seconds left (negative once over) and whether
    the session is paused or between phases."""

    title: str
    remaining: float
    paused: bool = False
    waiting: bool = False

    @property
    def timing(self) -> PhaseTiming:
        if self.waiting:
            return PhaseTiming.WAITING
        if self.paused:
            return PhaseTiming.PAUSED
        if self.remaining < 0:
            return PhaseTiming.OVER
        if self.remaining <= WARNING_SECONDS:
            return PhaseTiming.WARNING
        return PhaseTiming.RUNNING

    @property
    def words(self) -> str:
        """The state in words, so colour is never the only signal."""
        timing = self.timing
        if timing is PhaseTiming.WAITING:
            return "NOT STARTED  ] starts it"
        if timing is PhaseTiming.OVER:
            return f"OVER {clock_text(-self.remaining)}"
        left = f"{countdown_text(self.remaining)} LEFT"
        if timing is PhaseTiming.PAUSED:
            return f"PAUSED · {left}"
        if timing is PhaseTiming.WARNING:
            return f"WRAP UP · {left}"
        return left


@dataclass(frozen=True)
class MemberRow:
    """One line of the board; `share` is of all member airtime this session, in [0, 1]."""

    key: str | None
    name: str
    present: bool = True
    initials: str = ""  # shown when the name cannot be told apart in the room there is
    status: str = ""
    speaking: bool = False
    is_next: bool = False
    airtime: float = 0.0
    share: float = 0.0
    turns: int = 0
    not_yet_in_phase: bool = False


@dataclass(frozen=True)
class BoardTotals:
    """The line under the members: fairness at a glance."""

    equity: float
    facilitator_share: float
    facilitator_airtime: float = 0.0


class PhaseProgress(StrEnum):
    DONE = "done"
    CURRENT = "current"
    SKIPPED = "skipped"
    TO_COME = "to-come"


@dataclass(frozen=True)
class PhaseRow:
    """One phase: its plan in minutes (after any extension or re-budget) and the minutes it
    actually took or has taken so far."""

    title: str
    planned_minutes: float
    actual_minutes: float | None
    progress: PhaseProgress


@dataclass(frozen=True)
class SpeakingState:
    """`speaker` is None when nobody has the floor; `limit` is the soft per-turn limit."""

    speaker: str | None
    seconds: float = 0.0
    limit: float | None = None
    next_name: str | None = None
    next_key: str | None = None
    round_phase: bool = False

    @property
    def over_limit(self) -> bool:
        return self.speaker is not None and self.limit is not None and self.seconds > self.limit

    def words(self) -> str:
        """One line, the same information in words whatever the colour."""
        if self.speaker is not None:
            limit = f" / {clock_text(self.limit)}" if self.limit is not None else ""
            over = "  OVER LIMIT" if self.over_limit else ""
            return f"Speaking: {self.speaker}  {clock_text(self.seconds)}{limit}{over}"
        if self.next_name is not None:
            who = "Next in round" if self.round_phase else "Suggested"
            key = f" ({self.next_key} or Enter)" if self.next_key else " (Enter)"
            limit = f" · {clock_text(self.limit)} each" if self.limit is not None else ""
            return f"{who}: {self.next_name}{key}{limit} · nobody speaking"
        return "Nobody speaking"
