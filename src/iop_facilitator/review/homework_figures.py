"""Homework completion: how much of the reviewed homework was done.

Done counts 1, partly 1/2, not done 0; homework never reviewed (or marked "not reviewed")
does not count either way, since nobody knows.
"""

from __future__ import annotations

from collections.abc import Iterable

OUTCOME_WEIGHT = {"done": 1.0, "partly": 0.5, "not-done": 0.0}


def completion_rate(outcomes: Iterable[str]) -> float | None:
    """The mean weight of the reviewed outcomes, 0..1, or None when none was reviewed."""
    weights = [OUTCOME_WEIGHT[o] for o in outcomes if o in OUTCOME_WEIGHT]
    return sum(weights) / len(weights) if weights else None
