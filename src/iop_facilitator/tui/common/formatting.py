"""How times and shares read on screen: short, fixed-width where it matters, never ambiguous."""

from __future__ import annotations

import math


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


def minutes_text(seconds: float) -> str:
    """Whole minutes for tables (`12`), the unit given by the column heading."""
    return str(round(seconds / 60))


def percent_text(share: float) -> str:
    """A share in [0, 1] as a whole percentage (`14%`)."""
    return f"{round(share * 100)}%"


def bar_text(share: float, width: int) -> str:
    """A horizontal bar of `width` cells filled in proportion to `share`, with eighth blocks."""
    if width <= 0:
        return ""
    share = min(1.0, max(0.0, share))
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    return ("█" * full + partial).ljust(width, "·")
