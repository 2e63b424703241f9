"""Each wrong event is refused with a clear reason, and a refusal changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from iop_facilitator.errors import ExitCode, UserError
from iop_facilitator.session import events as ev
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.group import Group
from tests.session.session_testing import AGENDA


def refused(action: object, *args: object, **kwargs: object) -> str:
    assert callable(action)
    with pytest.raises(EventRefused) as caught:
        action(*args, **kwargs)
    return str(caught.value)


def test_refusal_is_a_user_error_with_the_invalid_input_code() -> None:
    assert issubclass(EventRefused, UserError)
    assert EventRefused.exit_code is ExitCode.INVALID_INPUT


def test_refused_event_is_not_recorded_or_applied(group: Group, clock: FakeClock) -> None:
    recorded: list[ev.Event] = []
    engine = SessionEngine.start(group=group, agenda=AGENDA, clock=clock, record=recorded.append)
    before = (len(recorded), engine.state.turns[:], engine.state.event_count)
    refused(engine.start_turn, group.members[0].id)
    assert (len(recorded), engine.state.turns, engine.state.event_count) == before


def test_turn_for_an_absent_member(engine: SessionEngine, group: Group) -> None:
    m = group.members[0]
    engine.mark_absent(m.id)
    engine.mark_present(group.members[1].id)
    engine.start_phase()
    assert (
        refused(engine.start_turn, m.id)
        == f"{m.name} is not marked present, so they cannot take a turn."
    )


def test_turn_for_a_member_not_yet_marked(engine: SessionEngine, group: Group) -> None:
    engine.start_phase()
    assert "not marked present" in refused(engine.start_turn, group.members[0].id)


def test_turn_for_a_member_who_left(present: SessionEngine, group: Group) -> None:
    m = group.members[0]
    present.mark_left_early(m.id)
    assert (
        refused(present.start_turn, m.id)
        == f"{m.name} has left the session, so they cannot take a turn."
    )


def test_turn_for_someone_not_on_the_roster(present: SessionEngine) -> None:
    assert refused(present.start_turn, "nobody") == "That person is not on this session's roster."


def test_turn_before_any_phase(engine: SessionEngine, group: Group) -> None:
    engine.mark_present(group.members[0].id)
    assert (
        refused(engine.start_turn, group.members[0].id) == "Start a phase before recording turns."
    )


def test_turn_in_a_phase_without_turns(present: SessionEngine, group: Group) -> None:
    present.end_phase()
    present.skip_phase("skill")
    present.start_phase("break")
    assert refused(present.start_turn, group.members[0].id) == "Turns are not tracked in 'Break'."


def test_turn_while_paused(present: SessionEngine, group: Group) -> None:
    present.pause()
    assert "paused" in refused(present.start_turn, group.members[0].id)


def test_same_speaker_starting_again(present: SessionEngine, group: Group) -> None:
    m = group.members[0]
    present.start_turn(m.id)
    assert refused(present.start_turn, m.id) == f"{m.name} is already speaking."


def test_ending_a_turn_when_nobody_speaks(present: SessionEngine) -> None:
    assert refused(present.end_turn) == "Nobody is speaking, so there is no turn to end."


def test_ending_a_phase_twice(present: SessionEngine) -> None:
    present.end_phase()
    with pytest.raises(EventRefused, match="'Check-in' has already ended"):
        present.submit(ev.PhaseEnded(at=present.now(), wall=_wall(present), phase_id="check-in"))


def test_ending_a_phase_that_never_started(present: SessionEngine) -> None:
    with pytest.raises(EventRefused, match="'Closing' has not started"):
        present.submit(ev.PhaseEnded(at=present.now(), wall=_wall(present), phase_id="closing"))


def test_ending_when_no_phase_runs(engine: SessionEngine) -> None:
    assert refused(engine.end_phase) == "No phase is running."


def test_starting_a_phase_while_another_runs(present: SessionEngine) -> None:
    assert refused(present.start_phase, "skill") == "End 'Check-in' before starting 'New skill'."


def test_starting_a_phase_that_ended(present: SessionEngine) -> None:
    present.end_phase()
    assert refused(present.start_phase, "check-in") == "'Check-in' has already ended."


def test_starting_a_phase_the_agenda_lacks(engine: SessionEngine) -> None:
    assert refused(engine.start_phase, "yoga") == "The agenda has no phase 'yoga'."


def test_skipping_a_phase_that_started(present: SessionEngine) -> None:
    assert "cannot be skipped" in refused(present.skip_phase, "check-in")


def test_next_phase_when_none_is_left(present: SessionEngine) -> None:
    for _ in range(4):
        present.next_phase()
    present.end_phase()
    assert refused(present.next_phase) == "Every phase of the agenda has been run or skipped."


def test_check_in_value_above_the_scale(present: SessionEngine, group: Group) -> None:
    message = refused(present.record_checkin, group.members[0].id, {"mood": 11})
    assert message == "Mood must be between 0 and 10."


def test_check_in_value_below_the_scale(present: SessionEngine, group: Group) -> None:
    assert "between 0 and 10" in refused(present.record_checkin, group.members[0].id, {"urges": -1})


def test_check_in_field_the_agenda_lacks(present: SessionEngine, group: Group) -> None:
    message = refused(present.record_checkin, group.members[0].id, {"sleep": 5})
    assert (
        message == "'sleep' is not a check-in field of this agenda (the fields are: mood, urges)."
    )


def test_check_in_with_nothing_in_it(present: SessionEngine, group: Group) -> None:
    assert "record a pass" in refused(present.record_checkin, group.members[0].id, {})


def test_passed_check_in_with_ratings(present: SessionEngine, group: Group) -> None:
    event = ev.CheckInRecorded(
        at=present.now(),
        wall=_wall(present),
        member_id=group.members[0].id,
        values={"mood": 3},
        passed=True,
    )
    with pytest.raises(EventRefused, match="A passed check-in carries no ratings"):
        present.submit(event)


def test_check_in_for_an_absent_member(engine: SessionEngine, group: Group) -> None:
    engine.mark_absent(group.members[0].id)
    assert "cannot check in" in refused(engine.record_checkin, group.members[0].id, {"mood": 5})


def test_marking_present_twice(engine: SessionEngine, group: Group) -> None:
    m = group.members[0]
    engine.mark_present(m.id)
    assert refused(engine.mark_present, m.id) == f"{m.name} is already marked present."


def test_marking_absent_someone_who_spoke(present: SessionEngine, group: Group) -> None:
    m = group.members[0]
    present.start_turn(m.id)
    assert "mark them as having left instead" in refused(present.mark_absent, m.id)


def test_arriving_after_leaving(present: SessionEngine, group: Group) -> None:
    m = group.members[0]
    present.mark_left_early(m.id)
    assert refused(present.mark_late, m.id) == f"{m.name} has already left this session."


def test_adding_a_member_without_a_name(engine: SessionEngine) -> None:
    assert refused(engine.add_member, "   ") == "A new member needs a name."


def test_extending_by_more_than_two_hours(present: SessionEngine) -> None:
    present.extend_phase(100)
    assert "more than two hours" in refused(present.extend_phase, 30)


def test_budget_below_a_phase_floor(present: SessionEngine) -> None:
    assert (
        refused(present.accept_budget, {"practice": 10})
        == "'Practice' needs at least 15 minutes (and at most 240)."
    )


def test_budget_for_a_started_phase(present: SessionEngine) -> None:
    assert "keeps its time" in refused(present.accept_budget, {"check-in": 10})


def test_pausing_twice(present: SessionEngine) -> None:
    present.pause()
    assert refused(present.pause) == "The session is already paused."


def test_resuming_when_not_paused(present: SessionEngine) -> None:
    assert refused(present.resume_session) == "The session is not paused."


def test_reviewing_homework_given_in_the_same_session(present: SessionEngine) -> None:
    given = present.assign_homework("Breathe")
    assert "next session" in refused(present.review_homework, given.homework_id, "done")


def test_reviewing_unknown_homework(present: SessionEngine) -> None:
    assert (
        refused(present.review_homework, "nope", "done") == "There is no such homework to review."
    )


def test_reviewing_with_an_unknown_outcome(present: SessionEngine) -> None:
    assert "done, partly, not-done or not-reviewed" in refused(
        present.review_homework, "x", "great"
    )


def test_homework_for_someone_not_on_the_roster(present: SessionEngine) -> None:
    assert "not on this session's roster" in refused(present.assign_homework, "Walk", ["nobody"])


def test_flag_without_a_note(present: SessionEngine, group: Group) -> None:
    assert "short note" in refused(present.raise_flag, group.members[0].id, "  ")


def test_handling_a_flag_twice(present: SessionEngine, group: Group) -> None:
    flag = present.raise_flag(group.members[0].id, "Worried")
    present.handle_flag(flag.flag_id, "Called after group")
    assert (
        refused(present.handle_flag, flag.flag_id) == "That safety flag is already marked handled."
    )


def test_note_without_text(present: SessionEngine) -> None:
    assert refused(present.add_note, "") == "A note needs some text."


def test_anything_after_the_end(present: SessionEngine) -> None:
    present.end_session()
    assert (
        refused(present.give_reminder)
        == "This session has ended; nothing more can be recorded in it."
    )


def test_event_earlier_than_the_last(present: SessionEngine, clock: FakeClock) -> None:
    clock.advance(10)
    present.give_reminder()
    with pytest.raises(EventRefused, match="earlier than the one before"):
        present.submit(ev.NormsReviewed(at=1.0, wall=clock.now()))


def test_second_session_start(present: SessionEngine) -> None:
    first = present.events[0]
    with pytest.raises(EventRefused, match="already started"):
        present.submit(first)


def _wall(engine: SessionEngine) -> datetime:
    return engine.state.started_wall + timedelta(seconds=engine.now())


def test_a_value_of_the_wrong_kind_is_refused_as_a_sentence(
    present: SessionEngine, group: Group
) -> None:
    message = refused(present.record_checkin, group.members[0].id, {"mood": "high"})
    assert message.startswith("The values mood is not valid:")


def test_an_overlong_check_in_note_is_refused(present: SessionEngine, group: Group) -> None:
    assert "not valid" in refused(present.record_checkin, group.members[0].id, {}, "x" * 2001)
