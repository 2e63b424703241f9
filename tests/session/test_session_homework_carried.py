"""Homework given to members stays open, and is carried for those still without an outcome,
until every one of them (or the group as a whole) has one."""

from __future__ import annotations

from datetime import timedelta

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.events import CarriedHomework
from iop_facilitator.session.group import Group
from iop_facilitator.session.records import index_entry
from tests.session.session_testing import start_engine


def _session_reviewing(group: Group, member_ids: tuple[str, ...]) -> SessionEngine:
    """A session carrying homework `hw-1` given to `member_ids` (none: the group)."""
    carried = CarriedHomework(
        homework_id="hw-1",
        text="Practise paced breathing once a day",
        member_ids=member_ids,
        assigned_in="s-0",
        assigned_on=FakeClock().now() - timedelta(days=7),
    )
    engine = start_engine(group, carried_homework=[carried])[0]
    for m in group.members:
        engine.mark_present(m.id)
    return engine


def _carried_for(engine: SessionEngine) -> dict[str, tuple[str, ...]]:
    return {h.homework_id: h.member_ids for h in index_entry(engine.state).open_homework}


def test_homework_of_two_members_is_carried_for_the_one_not_yet_reviewed(group: Group) -> None:
    a, b = group.members[0].id, group.members[1].id
    engine = _session_reviewing(group, (a, b))
    engine.review_homework("hw-1", "done", a)
    assert _carried_for(engine) == {"hw-1": (b,)}


def test_homework_closes_once_every_assignee_has_an_outcome(group: Group) -> None:
    a, b = group.members[0].id, group.members[1].id
    engine = _session_reviewing(group, (a, b))
    engine.review_homework("hw-1", "done", a)
    engine.review_homework("hw-1", "not-done", b)
    assert _carried_for(engine) == {}


def test_not_reviewed_is_no_outcome(group: Group) -> None:
    a, b = group.members[0].id, group.members[1].id
    engine = _session_reviewing(group, (a, b))
    engine.review_homework("hw-1", "partly", a)
    engine.review_homework("hw-1", "not-reviewed", b)
    assert _carried_for(engine) == {"hw-1": (b,)}


def test_an_outcome_for_the_group_as_a_whole_closes_it(group: Group) -> None:
    engine = _session_reviewing(group, (group.members[0].id, group.members[1].id))
    engine.review_homework("hw-1", "done")
    assert _carried_for(engine) == {}


def test_group_homework_closes_with_any_real_outcome(group: Group) -> None:
    engine = _session_reviewing(group, ())
    engine.review_homework("hw-1", "partly", group.members[0].id)
    assert _carried_for(engine) == {}


def test_unreviewed_homework_is_carried_as_it_was_given(group: Group) -> None:
    engine = _session_reviewing(group, ())
    assert _carried_for(engine) == {"hw-1": ()}
