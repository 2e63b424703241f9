"""Issue 10, engine side: undoable slips (3), the check-in form is not the turn (4), and
first-time members are never asked about homework given before they joined (5)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iop_facilitator.session import events as ev
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import UNDO_SECONDS, SessionEngine
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import CarriedHomework, event_to_json, parse_event
from iop_facilitator.session.group import Group
from iop_facilitator.session.handling import replay
from iop_facilitator.session.state import PhaseStatus
from tests.session.session_testing import start_engine

# --- 3: skip, ending a round early and ending the session can be undone -----------------------


def test_a_skipped_phase_can_be_undone_and_the_undo_is_an_event(present: SessionEngine) -> None:
    present.skip_phase("skill")
    offer = present.undo_offer()
    assert offer is not None and offer.action == "Skipped New skill"
    undo = present.undo()
    skill = present.state.phase_state("skill")
    assert skill is not None and skill.status is PhaseStatus.PLANNED
    kinds = [e.type for e in present.events]
    assert kinds[-2:] == ["phase-skipped", "action-undone"] and undo.events == 1


def test_replaying_a_journal_with_an_undo_gives_the_same_state(present: SessionEngine) -> None:
    present.skip_phase("skill")
    present.undo()
    again = [parse_event(event_to_json(e)) for e in present.events]
    assert replay(again) == present.state


def test_ending_the_check_in_round_with_members_missing_says_so_and_can_be_undone(
    present: SessionEngine, group: Group
) -> None:
    present.finish_checkin(group.members[0].id, {"mood": 5})
    present.next_phase()
    offer = present.undo_offer()
    assert offer is not None and offer.action == "Ended Check-in with 7 not checked in"
    present.undo()
    phase = present.state.phase
    assert phase is not None and phase.id == "check-in" and phase.ended_at is None


def test_an_ended_session_can_be_undone_and_goes_on(present: SessionEngine) -> None:
    present.end_session()
    assert present.state.ended
    present.undo()
    assert not present.state.ended
    present.start_turn(next(iter(present.state.members)))


def test_undo_is_offered_only_for_a_while(present: SessionEngine, clock: FakeClock) -> None:
    present.skip_phase("skill")
    clock.advance(UNDO_SECONDS + 1)
    assert present.undo_offer() is None
    with pytest.raises(EventRefused, match="nothing to undo"):
        present.undo()


def test_undo_is_offered_only_until_the_next_action(present: SessionEngine, group: Group) -> None:
    present.skip_phase("skill")
    present.start_turn(group.members[0].id)
    assert present.undo_offer() is None


# --- 4: the check-in form is not the turn --------------------------------------------------------


def test_saving_a_check_in_leaves_the_members_turn_running(
    present: SessionEngine, group: Group, clock: FakeClock
) -> None:
    member = group.members[0].id
    present.start_turn(member)
    clock.advance(30)
    present.finish_checkin(member, {"mood": 6})
    clock.advance(30)
    turn = present.state.open_turn
    assert turn is not None and turn.speaker_id == member
    assert present.speaking_view().current_turn_seconds == pytest.approx(60)


def test_correcting_a_saved_check_in_is_an_edit_not_a_turn(
    present: SessionEngine, group: Group
) -> None:
    member = group.members[0].id
    present.finish_checkin(member, {"mood": 6})
    turns = len(present.state.turns)
    edit = present.finish_checkin(member, {"mood": 3}, "said more after")
    assert isinstance(edit, ev.CheckInEdited)
    saved = present.state.checkins[member]
    assert saved.values == {"mood": 3} and saved.edited_at is not None
    assert len(present.state.turns) == turns


def test_an_edit_of_a_check_in_never_saved_is_refused(present: SessionEngine, group: Group) -> None:
    with pytest.raises(EventRefused, match="nothing to correct"):
        present.submit(
            ev.CheckInEdited(
                at=present.now(),
                wall=FakeClock().now(),
                member_id=group.members[0].id,
                values={"mood": 2},
            )
        )


# --- 5: homework given before a member joined ----------------------------------------------------


def _with_group_homework(group: Group) -> SessionEngine:
    carried = CarriedHomework(
        homework_id="hw-1",
        text="Practise paced breathing",
        assigned_in="s-0",
        assigned_on=FakeClock().now() - timedelta(days=7),
    )
    engine = start_engine(group, carried_homework=[carried], first_time=[group.members[0].id])[0]
    for m in group.members:
        engine.mark_present(m.id)
    engine.start_phase()
    return engine


def test_a_first_time_member_is_not_asked_about_earlier_homework(group: Group) -> None:
    engine = _with_group_homework(group)
    assert engine.state.homework_due(group.members[0].id) == []
    assert [h.id for h in engine.state.homework_due(group.members[1].id)] == ["hw-1"]


def test_a_member_added_in_the_session_is_not_asked_about_earlier_homework(
    group: Group,
) -> None:
    engine = _with_group_homework(group)
    added = engine.add_member("Sam Okafor").member.member_id
    assert engine.state.homework_due(added) == []


def test_a_first_time_members_homework_review_is_refused(group: Group) -> None:
    engine = _with_group_homework(group)
    with pytest.raises(EventRefused, match="joined after that homework was given"):
        engine.review_homework("hw-1", "done", group.members[0].id)


def test_a_first_time_members_note_charts_no_earlier_homework(group: Group) -> None:
    engine = _with_group_homework(group)
    engine.review_homework("hw-1", "done")
    engine.end_session()
    notes = {m.member_id: m.text for m in engine.note_draft().members}
    assert "Practise paced breathing" not in notes[group.members[0].id]
    assert "Practise paced breathing" in notes[group.members[1].id]


# --- 8: the plan column and the sentences -------------------------------------------------------


def test_the_summary_keeps_the_agendas_plan_and_says_what_changed_it(
    present: SessionEngine, clock: FakeClock
) -> None:
    present.extend_phase(5)
    phase = next(p for p in present.summary().phases if p.phase_id == "check-in")
    assert (phase.agenda_minutes, phase.extended_minutes) == (15, 5)
    assert phase.plan_changes() == "+5 extended"


def test_a_late_arrival_reads_as_a_clinician_writes_it(
    engine: SessionEngine, group: Group, clock: FakeClock
) -> None:
    for m in group.members[1:]:
        engine.mark_present(m.id)
    engine.start_phase()
    clock.advance(120)
    engine.mark_late(group.members[0].id)
    engine.end_session()
    notes = {m.member_id: m.text for m in engine.note_draft().members}
    assert "arrived late, at minute 2" in notes[group.members[0].id]
