"""In open discussion, a member quiet for ten minutes since they last spoke or arrived (pauses
left out) is named as not heard from."""

from __future__ import annotations

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.group import Group
from iop_facilitator.session.speaking import NOT_HEARD_FROM_SECONDS
from tests.session.session_testing import start_engine


def _open_discussion(group: Group, *, away: str | None = None) -> tuple[SessionEngine, FakeClock]:
    """Everyone but `away` present, the check-in done, the open skill phase running."""
    engine, _, clock = start_engine(group)
    for m in group.members:
        if m.id != away:
            engine.mark_present(m.id)
    engine.start_phase()
    engine.next_phase()
    return engine, clock


def test_member_quiet_for_ten_minutes_is_not_heard_from(group: Group) -> None:
    engine, clock = _open_discussion(group)
    clock.advance(NOT_HEARD_FROM_SECONDS + 1)
    assert group.members[0].id in engine.speaking_view().not_heard_from


def test_quiet_counts_from_when_they_last_spoke(group: Group) -> None:
    engine, clock = _open_discussion(group)
    first = group.members[0].id
    clock.advance(NOT_HEARD_FROM_SECONDS)
    engine.start_turn(first)
    clock.advance(30)
    engine.end_turn()
    clock.advance(60)
    assert first not in engine.speaking_view().not_heard_from


def test_late_arrival_is_not_flagged_the_moment_they_arrive(group: Group) -> None:
    late = group.members[0].id
    engine, clock = _open_discussion(group, away=late)
    clock.advance(NOT_HEARD_FROM_SECONDS + 60)
    engine.mark_late(late)
    assert late not in engine.speaking_view().not_heard_from


def test_late_arrival_quiet_for_ten_minutes_after_arriving_is_not_heard_from(
    group: Group,
) -> None:
    late = group.members[0].id
    engine, clock = _open_discussion(group, away=late)
    clock.advance(300)
    engine.mark_late(late)
    clock.advance(NOT_HEARD_FROM_SECONDS + 1)
    assert late in engine.speaking_view().not_heard_from


def test_paused_time_does_not_count_as_quiet(group: Group) -> None:
    engine, clock = _open_discussion(group)
    clock.advance(60)
    engine.pause()
    clock.advance(NOT_HEARD_FROM_SECONDS)
    engine.resume_session()
    clock.advance(60)
    assert engine.speaking_view().not_heard_from == ()


def test_nobody_is_named_while_someone_is_speaking(group: Group) -> None:
    engine, clock = _open_discussion(group)
    engine.start_turn(group.members[0].id)
    clock.advance(NOT_HEARD_FROM_SECONDS + 1)
    assert engine.speaking_view().not_heard_from == ()


def test_nobody_is_named_in_a_round(group: Group) -> None:
    engine, _, clock = start_engine(group)
    for m in group.members:
        engine.mark_present(m.id)
    engine.start_phase()  # the check-in round
    clock.advance(NOT_HEARD_FROM_SECONDS + 1)
    assert engine.speaking_view().not_heard_from == ()
