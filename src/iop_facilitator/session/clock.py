"""The clock the session engine and the UI read time from.

Injected everywhere so that a 90-minute session can be simulated in milliseconds in tests and
so that timers are always computed from a clock reading, never by counting ticks.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Two readings: a monotonic one for durations and a wall-clock one for the record."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin; never goes backwards."""
        ...

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware (UTC)."""
        ...


# Linux's CLOCK_MONOTONIC stops while the laptop is suspended, but the group on the call does
# not: a lid closed through a break must not put every timer ten minutes behind. BOOTTIME keeps
# counting through suspend; macOS's CLOCK_MONOTONIC already does.
_SESSION_CLOCK_ID: int | None = getattr(time, "CLOCK_BOOTTIME", None)


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        if _SESSION_CLOCK_ID is not None:
            return time.clock_gettime(_SESSION_CLOCK_ID)
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to: for tests, benchmarks and snapshots."""

    def __init__(
        self,
        start: datetime | None = None,
        monotonic_start: float = 1000.0,
    ) -> None:
        self._wall = start or datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
        self._mono = monotonic_start

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        """Move both readings forward by `seconds`."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)
