"""The registry of the kinds of event: each has its rule and its change, side by side."""

from __future__ import annotations

from typing import get_args

from iop_facilitator.session import events as ev
from iop_facilitator.session.events import Event
from iop_facilitator.session.handling import HANDLING


def test_every_kind_of_event_after_the_start_has_a_rule_and_a_change() -> None:
    kinds = set(get_args(get_args(Event)[0])) - {ev.SessionStarted}
    assert set(HANDLING) == kinds
