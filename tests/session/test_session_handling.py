"""The registry of the kinds of event: each has its rule and its change, side by side."""

from __future__ import annotations

from typing import get_args

from iop_facilitator.session import events as ev
from iop_facilitator.session.events import Event
from iop_facilitator.session.handling import HANDLING


def test_every_kind_of_event_after_the_start_has_a_rule_and_a_change() -> None:
    kinds = set(get_args(get_args(Event)[0])) - {ev.SessionStarted}
    assert set(HANDLING) == kinds


def test_the_old_homes_of_replay_and_check_still_work() -> None:
    from iop_facilitator.session import handling
    from iop_facilitator.session.rules import check
    from iop_facilitator.session.state import apply, replay

    assert (check, apply, replay) == (handling.check, handling.apply, handling.replay)
