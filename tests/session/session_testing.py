"""Shared builders for the session tests: a fixed 90-minute agenda, a group, ids and a clock."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.demo import demo_group
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.group import Group

AGENDA = Agenda.model_validate(
    {
        "agenda": {"title": "Skills group", "kind": "skills", "minutes": 90},
        "confidentiality": {"reminder": "What is said here stays here."},
        "norms": {"items": ["One person speaks at a time"]},
        "phase": [
            {
                "id": "check-in",
                "title": "Check-in",
                "kind": "check-in",
                "minutes": 15,
                "turns": "round",
                "turn_seconds": 90,
                "checkin": {"scale": [0, 10], "fields": ["mood", "urges"]},
            },
            {"id": "skill", "title": "New skill", "kind": "topic", "minutes": 30, "turns": "open"},
            {"id": "break", "title": "Break", "kind": "break", "minutes": 5, "turns": "none"},
            {
                "id": "practice",
                "title": "Practice",
                "kind": "discussion",
                "minutes": 25,
                "turns": "open",
                "min_minutes": 15,
            },
            {
                "id": "closing",
                "title": "Closing",
                "kind": "closing",
                "minutes": 10,
                "turns": "round",
                "turn_seconds": 45,
                "homework": ["Practise paced breathing once a day"],
            },
        ],
    }
)

PASSPHRASE = "correct horse battery staple"


def counting_ids(prefix: str = "id") -> Callable[[], str]:
    """Deterministic ids: id-1, id-2, ..."""
    counter = itertools.count(1)
    return lambda: f"{prefix}-{next(counter)}"


def make_group(new_id: Callable[[], str] | None = None) -> Group:
    """The demo group (eight members, two facilitators) with deterministic ids."""
    return demo_group(on=date(2026, 11, 1), new_id=new_id or counting_ids("g"))


def start_engine(
    group: Group | None = None, clock: FakeClock | None = None, **kwargs: object
) -> tuple[SessionEngine, Group, FakeClock]:
    """A session of the demo group on AGENDA, started at 15:00 UTC on the fake clock."""
    group = group or make_group()
    clock = clock or FakeClock()
    engine = SessionEngine.start(
        group=group,
        agenda=AGENDA,
        clock=clock,
        session_id="s-1",
        new_id=counting_ids("e"),
        **kwargs,  # type: ignore[arg-type]
    )
    return engine, group, clock


def all_present(engine: SessionEngine, group: Group) -> None:
    for m in group.members:
        engine.mark_present(m.id)
