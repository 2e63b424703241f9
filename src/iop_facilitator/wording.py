"""The one home of the words and numbers a person reads, in both apps, the notes and every
export: plurals and full stops, dates and times, durations, shares, bars and the equity index.

No UI here (the apps and the exports both import it). Attendance words are the attendance
enum's own (`session.attendance.AttendanceStatus.label`).
"""

from __future__ import annotations

import math
from datetime import datetime

# --- English ------------------------------------------------------------------------------------


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, plural unless it is one: "1 session", "3 sessions", "1 hit"."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {plural or noun + 's'}"


def full_stop(text: str) -> str:
    """`text` ending with exactly one full stop, also after a name or initials that end with
    one ("S.O." stays "S.O.", never "S.O..")."""
    return text if text.endswith((".", "!", "?")) else text + "."


POSSESSIVES = {"she": "her", "he": "his", "they": "their", "it": "its", "xe": "xyr", "ze": "zir"}


def possessive(name: str, pronouns: str) -> str:
    """The word for "their" of a person with these pronouns ("she/her" -> "her"; none given:
    "their"); pronouns this does not know give the name instead ("Sam O.'s")."""
    first = pronouns.replace(",", "/").split("/")[0].strip().casefold()
    if not first:
        return "their"
    return POSSESSIVES.get(first, f"{name}'s")


# --- dates and times ----------------------------------------------------------------------------


def when(moment: datetime) -> str:
    """A date and time in the computer's own zone: `2026-11-03 18:00`."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def day(moment: datetime) -> str:
    """A date in the computer's own zone: `2026-11-03`."""
    return moment.astimezone().strftime("%Y-%m-%d")


def clock_text(seconds: float) -> str:
    """`m:ss` (or `h:mm:ss` past an hour) of a non-negative duration, rounded down.

    Rounding down means a countdown shows 0:00 only when the time is really up.
    """
    whole = max(0, math.floor(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def countdown_text(remaining: float) -> str:
    """What the countdown shows: time left, rounded up so it reaches 0:00 at the deadline."""
    return clock_text(math.ceil(remaining)) if remaining > 0 else "0:00"


def minutes(value: float) -> str:
    """Whole minutes (`12`) for tables and figures, the unit given by the heading."""
    return f"{value:.0f}"


# --- shares and figures -------------------------------------------------------------------------

NO_FIGURE = "—"
"""Where a figure does not exist (no airtime of an absent member, no rate without sessions)."""


def percent(share: float | None) -> str:
    """A share in [0, 1] as a whole percentage (`14%`); None as `—`."""
    return NO_FIGURE if share is None else f"{round(share * 100)}%"


def bar_text(share: float, width: int) -> str:
    """A horizontal bar of `width` cells filled in proportion to `share`, with eighth blocks."""
    if width <= 0:
        return ""
    share = min(1.0, max(0.0, share))
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    return ("█" * full + partial).ljust(width, "·")


EQUITY_MEANS = "0 = equal airtime"
"""What the equity index (the Gini coefficient of members' airtime) means, said wherever it
is shown."""


def equity(gini: float) -> str:
    """The equity index with its meaning: `equity index 0.23 (0 = equal airtime)`."""
    return f"equity index {gini:.2f} ({EQUITY_MEANS})"


def equity_brief(gini: float) -> str:
    """The same where a line has little room (the cockpit's board): `equity 0.23 (0 = equal)`."""
    return f"equity {gini:.2f} (0 = equal)"


BARS = "▁▂▃▄▅▆▇█"


def scaled_bars(values: list[float], low: float, high: float, width: int) -> str:
    """A sparkline drawn on the measure's real range (0 to 100 %, 0 to 1, the check-in
    scale), not on the values' own min and max: a flat line at 9 of 10 stays high, and a
    change of 0.01 is not drawn as a cliff. Longer series are averaged into `width` bars."""
    if not values or high <= low:
        return ""
    buckets = min(width, len(values))
    bars = []
    for i in range(buckets):
        part = values[i * len(values) // buckets : (i + 1) * len(values) // buckets]
        value = sum(part) / len(part)
        share = (min(max(value, low), high) - low) / (high - low)
        bars.append(BARS[min(len(BARS) - 1, int(share * len(BARS)))])
    return "".join(bars)
