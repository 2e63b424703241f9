"""Events cross the journal as JSON and come back as the same events."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.events import (
    TurnStarted,
    event_to_json,
    events_to_json,
    parse_event,
    parse_events,
)


def test_every_event_round_trips(present: SessionEngine) -> None:
    member = next(iter(present.state.members))
    present.start_turn(member)
    present.raise_flag(member, "Concern")
    assert [parse_event(event_to_json(e)) for e in present.events] == list(present.events)


def test_a_list_of_events_round_trips(present: SessionEngine) -> None:
    events = list(present.events)
    assert parse_events(events_to_json(events)) == events


def test_the_type_field_chooses_the_class(present: SessionEngine) -> None:
    raw = b'{"type": "turn-started", "at": 1.5, "wall": "2026-11-23T15:00:01Z", "speaker_id": "x"}'
    assert isinstance(parse_event(raw), TurnStarted)


def test_an_unknown_type_is_rejected() -> None:
    with pytest.raises(ValidationError):
        parse_event(b'{"type": "telepathy", "at": 0, "wall": "2026-11-23T15:00:00Z"}')


def test_events_are_frozen(present: SessionEngine) -> None:
    with pytest.raises(ValidationError):
        present.events[-1].at = 5.0  # type: ignore[misc]
