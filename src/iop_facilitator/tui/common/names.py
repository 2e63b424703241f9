"""Fitting members' names into the room a window has, without losing who is who."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

MIN_NAME_WIDTH = 6
"""Under this, names become initials (an ellipsis after three letters tells nobody apart)."""


def fit_names(names: Sequence[str], initials: Sequence[str], width: int) -> list[str]:
    """Each name in at most `width` cells: whole when it fits, else cut with an ellipsis, and
    initials when the room is too small for a cut to say anything. Two names that would
    look the same once cut (two Christophers) are shown by their initials instead, so members
    stay distinguishable."""
    if width < MIN_NAME_WIDTH:
        return [i[:width] for i in initials]
    shown = [n if len(n) <= width else n[: width - 1].rstrip() + "…" for n in names]
    twice = {s for s, n in Counter(shown).items() if n > 1}
    return [
        (i[:width] if s in twice and s != name else s)
        for s, name, i in zip(shown, names, initials, strict=True)
    ]
