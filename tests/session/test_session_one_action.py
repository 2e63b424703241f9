"""One action of the facilitator is one engine call: all of its events, or (refused) none."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session import events as ev
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import CarriedHomework, Event, HomeworkOutcome
from iop_facilitator.session.group import Group
from iop_facilitator.session.handling import replay
from tests.session.session_testing import AGENDA, start_engine


def _kinds(events: tuple[Event, ...]) -> list[str]:
    return [e.type for e in events]


def _assert_refusal_changes_nothing(engine: SessionEngine, action: object, *args: object) -> None:
    before = engine.events
    assert callable(action)
    with pytest.raises(EventRefused):
        action(*args)
    assert engine.events == before
    assert engine.state == replay(before)


def test_next_phase_while_paused_is_refused_and_the_phase_keeps_running(
    present: SessionEngine,
) -> None:
    present.pause()
    _assert_refusal_changes_nothing(present, present.next_phase)
    assert present.state.phase is not None and present.state.phase.id == "check-in"


def test_next_phase_ends_the_running_phase_and_starts_the_next(present: SessionEngine) -> None:
    count = len(present.events)
    present.next_phase()
    assert _kinds(present.events[count:]) == ["phase-ended", "phase-started"]


def test_submit_all_refused_part_way_records_nothing(
    present: SessionEngine, clock: FakeClock
) -> None:
    recorded: list[Event] = []
    engine = SessionEngine(present.events, clock, record=recorded.append)
    at, wall = engine.now(), clock.now()
    batch: list[Event] = [
        ev.PhaseEnded(at=at, wall=wall, phase_id="check-in"),
        ev.PhaseEnded(at=at, wall=wall, phase_id="check-in"),
    ]
    _assert_refusal_changes_nothing(engine, engine.submit_all, batch)
    assert recorded == []


def test_reminder_with_the_norms_records_the_norms_review_in_the_same_action(
    engine: SessionEngine,
) -> None:
    count = len(engine.events)
    engine.give_reminder(with_norms=True)
    assert _kinds(engine.events[count:]) == ["confidentiality-reminded", "norms-reviewed"]


def test_reminder_with_the_norms_on_an_agenda_without_norms_records_the_reminder_only(
    group: Group,
) -> None:
    bare = Agenda.model_validate({**AGENDA.model_dump(), "norms": {"items": []}})
    engine = SessionEngine.start(group=group, agenda=bare, clock=FakeClock())
    engine.give_reminder(with_norms=True)
    assert _kinds(engine.events[1:]) == ["confidentiality-reminded"]


def test_pass_in_a_check_in_phase_is_also_a_passed_check_in(present: SessionEngine) -> None:
    member = present.pass_turn().member_id
    assert present.state.checkins[member].passed


def test_pass_never_overwrites_a_check_in(present: SessionEngine, group: Group) -> None:
    member = group.members[0].id
    present.record_checkin(member, {"mood": 6})
    present.pass_turn(member)
    assert present.state.checkins[member].values == {"mood": 6}


def test_pass_outside_a_check_in_phase_records_no_check_in(
    present: SessionEngine, group: Group
) -> None:
    present.next_phase()  # open discussion
    present.pass_turn(group.members[0].id)
    assert present.state.checkins == {}


def test_refused_pass_records_nothing(present: SessionEngine, group: Group) -> None:
    present.mark_left_early(group.members[0].id)
    _assert_refusal_changes_nothing(present, present.pass_turn, group.members[0].id)


def test_saving_a_check_in_leaves_someone_elses_turn_running(
    present: SessionEngine, group: Group
) -> None:
    present.start_turn(group.members[1].id)
    present.finish_checkin(group.members[0].id, {"mood": 6})
    turn = present.state.open_turn
    assert turn is not None and turn.speaker_id == group.members[1].id


def _with_homework(group: Group) -> tuple[SessionEngine, str]:
    carried = CarriedHomework(
        homework_id="hw-1",
        text="Keep a sleep diary",
        member_ids=(group.members[0].id,),
        assigned_in="s-0",
        assigned_on=FakeClock().now() - timedelta(days=7),
    )
    engine = start_engine(group, carried_homework=[carried])[0]
    for m in group.members:
        engine.mark_present(m.id)
    engine.start_phase()
    return engine, carried.homework_id


def test_saving_a_check_in_records_the_members_homework_review(group: Group) -> None:
    engine, homework_id = _with_homework(group)
    member = group.members[0].id
    engine.finish_checkin(member, {"mood": 6}, homework={homework_id: "done"})
    assert engine.state.homework[homework_id].reviews == {member: HomeworkOutcome.DONE}


def test_check_in_with_a_refused_homework_review_records_nothing(group: Group) -> None:
    engine, homework_id = _with_homework(group)
    other = group.members[1].id  # the homework is not theirs
    engine.start_turn(other)
    _assert_refusal_changes_nothing(
        engine, lambda: engine.finish_checkin(other, {"mood": 6}, homework={homework_id: "done"})
    )
    assert other not in engine.state.checkins and engine.state.open_turn is not None


def test_arriving_before_the_group_is_under_way_is_being_present(
    engine: SessionEngine, group: Group
) -> None:
    assert engine.mark_arrived(group.members[0].id).type == "member-present"


def test_arriving_once_a_phase_has_started_is_arriving_late(
    engine: SessionEngine, group: Group
) -> None:
    engine.start_phase()
    arrived = engine.mark_arrived(group.members[0].id)
    assert arrived.type == "member-arrived-late" and engine.state.members[arrived.member_id].late
