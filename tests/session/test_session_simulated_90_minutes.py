"""A whole 90-minute group session simulated on the fake clock, every figure checked to the second.

The script (seconds since the session started; m0..m7 are the demo members in roster order):

- 0: m0..m5 present, m6 absent (m7, a first-time member, is not there yet); 60: reminder, norms.
- 120-1200 check-in (15 min planned, runs 18): round of turns m0 120 s (over the 90 s limit),
  m1 60 s, m2 passes, m3 90 s, lead 30 s, m4 80 s; m5 speaks from 500 while m7, a first-time
  member, arrives late at 600; reminder again at 610 as m7 takes over (m5: 110 s), m7 60 s.
- 1200-3600 skill (30 min, open): lead 300, m1 300, m0 100, co 60, m3 140; paused 2100-2400;
  m4 100; m7 leaves at 2600; a flag about m1 and a note; runs 35 min of phase time.
- 3600: the re-budget suggestion is accepted; the break is skipped.
- 3600-4800 practice (19 min after re-budget, +2 extension): m2 300, m5 100.
- 4800-5100 closing (7 min after re-budget, round): m0 30, m1 passes, homework, lead 60.
- 5100: the session ends (85 min).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.group import Group
from tests.session.session_testing import make_group, start_engine

START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@dataclass
class Simulated:
    engine: SessionEngine
    group: Group
    seen: dict[str, Any] = field(default_factory=dict)

    def m(self, i: int) -> str:
        return self.group.members[i].id

    @property
    def lead(self) -> str:
        return self.group.facilitators[0].id

    @property
    def co(self) -> str:
        return self.group.facilitators[1].id


@pytest.fixture(scope="module")
def sim() -> Simulated:
    group = make_group()
    m7 = group.members[7].id  # a first-time member
    engine, group, clock = start_engine(group, first_time=[m7])
    s = Simulated(engine, group)
    e, m = engine, s.m

    def at(t: float) -> None:
        clock.advance(t - e.now())

    for i in range(6):
        e.mark_present(m(i))
    e.mark_absent(m(6))
    s.seen["reminder_at_0"] = e.reminder_owed()
    at(60)
    e.give_reminder()
    e.review_norms()
    s.seen["reminder_at_60"] = e.reminder_owed()
    at(120)
    e.start_phase()
    s.seen["next_at_120"] = e.speaking_view().next_speaker
    e.start_turn(m(0))
    at(200)
    s.seen["speaking_at_200"] = e.speaking_view()
    at(240)
    e.record_checkin(m(0), {"mood": 6, "urges": 2})
    e.start_turn(m(1))
    at(300)
    e.record_checkin(m(1), {"mood": 4}, "Rough week")
    s.seen["next_at_300"] = e.speaking_view().next_speaker
    e.pass_turn()  # m2, the next in the round
    e.pass_checkin(m(2))
    e.start_turn(m(3))
    at(390)
    e.start_turn(s.lead)
    at(420)
    e.start_turn(m(4))
    at(500)
    e.start_turn(m(5))
    at(600)
    e.mark_late(m7)
    s.seen["reminder_at_600"] = e.reminder_owed()
    at(610)
    e.give_reminder()
    s.seen["reminder_at_610"] = e.reminder_owed()
    e.start_turn(m7)
    at(670)
    e.end_turn()
    s.seen["next_at_670"] = e.speaking_view().next_speaker
    at(1100)
    s.seen["clock_at_1100"] = e.clock_view()
    at(1200)
    e.next_phase()  # check-in ends, the skill phase starts
    s.seen["clock_at_1200"] = e.clock_view()
    e.start_turn(s.lead)
    at(1500)
    e.start_turn(m(1))
    at(1800)
    e.start_turn(m(0))
    at(1900)
    e.start_turn(s.co)
    at(1960)
    e.start_turn(m(3))
    at(2100)
    e.pause()
    at(2250)
    s.seen["clock_at_2250"] = e.clock_view()
    at(2400)
    e.resume_session()
    e.start_turn(m(4))
    at(2500)
    e.end_turn()
    s.seen["speaking_at_2500"] = e.speaking_view()
    at(2600)
    e.mark_left_early(m7)
    s.seen["flag"] = e.raise_flag(m(1), "Mentioned not sleeping and feeling hopeless")
    e.add_note("Group engaged with the TIPP demonstration")
    at(3600)
    s.seen["clock_at_3600"] = e.clock_view()
    s.seen["budget_at_3600"] = e.budget_suggestion()
    e.end_phase()
    e.accept_budget(s.seen["budget_at_3600"])
    e.skip_phase()  # the break
    e.start_phase()  # practice
    e.start_turn(m(2))
    at(3900)
    e.start_turn(m(5))
    at(4000)
    e.end_turn()
    e.extend_phase(2)
    at(4800)
    s.seen["clock_at_4800"] = e.clock_view()
    e.next_phase()  # closing
    e.start_turn(m(0))
    at(4830)
    e.pass_turn(m(1))
    s.seen["next_at_4830"] = e.speaking_view().next_speaker
    s.seen["group_homework"] = e.assign_homework(
        "Practise paced breathing once a day", from_suggestion=True
    )
    s.seen["own_homework"] = e.assign_homework("Keep a sleep diary", [m(1)])
    e.start_turn(s.lead)
    at(4890)
    e.end_turn()
    at(5100)
    e.end_session()
    return s


def test_start_of_session_owes_the_reminder(sim: Simulated) -> None:
    assert sim.seen["reminder_at_0"].reason == "start"


def test_reminder_given_at_start_settles_it(sim: Simulated) -> None:
    assert sim.seen["reminder_at_60"] is None


def test_first_time_member_arriving_owes_the_reminder_again(sim: Simulated) -> None:
    owed = sim.seen["reminder_at_600"]
    assert (owed.reason, owed.member_ids) == ("new-member", (sim.m(7),))


def test_reminder_for_the_newcomer_settles_it(sim: Simulated) -> None:
    assert sim.seen["reminder_at_610"] is None


def test_round_starts_with_the_first_member_here(sim: Simulated) -> None:
    assert sim.seen["next_at_120"] == sim.m(0)


def test_round_suggests_the_member_after_the_last_speaker(sim: Simulated) -> None:
    assert sim.seen["next_at_300"] == sim.m(2)


def test_round_is_complete_when_everyone_here_spoke_or_passed(sim: Simulated) -> None:
    assert sim.seen["next_at_670"] is None


def test_round_after_a_pass_suggests_the_next_member(sim: Simulated) -> None:
    assert sim.seen["next_at_4830"] == sim.m(2)


def test_live_turn_figures_mid_turn(sim: Simulated) -> None:
    view = sim.seen["speaking_at_200"]
    assert (view.speaking_now, view.current_turn_seconds, view.current_turn_over_limit) == (
        sim.m(0),
        80.0,
        False,
    )


def test_overrunning_phase_reads_zero_left_and_the_overrun(sim: Simulated) -> None:
    view = sim.seen["clock_at_1100"]
    assert (view.phase_id, view.phase_used_seconds, view.time_left_seconds) == (
        "check-in",
        980.0,
        0.0,
    )
    assert view.overrun_seconds == 80.0


def test_projected_end_adds_the_phases_to_come(sim: Simulated) -> None:
    # 1100 s gone + 1800 + 300 + 1500 + 600 planned = 5300 s after 15:00.
    assert sim.seen["clock_at_1100"].projected_end == datetime(2026, 11, 23, 16, 28, 20, tzinfo=UTC)


def test_new_phase_starts_with_its_whole_plan(sim: Simulated) -> None:
    view = sim.seen["clock_at_1200"]
    assert (view.phase_id, view.time_left_seconds, view.elapsed_seconds) == (
        "skill",
        1800.0,
        1200.0,
    )


def test_pause_stops_the_phase_timer(sim: Simulated) -> None:
    view = sim.seen["clock_at_2250"]
    assert (view.paused, view.phase_used_seconds, view.elapsed_seconds) == (True, 900.0, 2250.0)


def test_clock_at_the_end_of_the_long_phase(sim: Simulated) -> None:
    view = sim.seen["clock_at_3600"]
    assert (view.phase_used_seconds, view.overrun_seconds, view.late_by_seconds) == (
        2100.0,
        300.0,
        600.0,
    )


def test_budget_suggestion_is_proportional_within_floors(sim: Simulated) -> None:
    suggestion = sim.seen["budget_at_3600"]
    assert suggestion.minutes == {"break": 4, "practice": 19, "closing": 7}
    assert (suggestion.saves_minutes, suggestion.fits) == (10, True)


def test_extension_adds_to_the_rebudgeted_plan(sim: Simulated) -> None:
    view = sim.seen["clock_at_4800"]
    assert (view.phase_planned_seconds, view.phase_used_seconds, view.time_left_seconds) == (
        1260.0,
        1200.0,
        60.0,
    )


def test_time_since_last_spoke(sim: Simulated) -> None:
    figures = sim.seen["speaking_at_2500"].figures(sim.m(7))
    assert figures.since_last_spoke_seconds == 1830.0


def test_open_discussion_suggests_the_member_with_least_airtime(sim: Simulated) -> None:
    assert sim.seen["speaking_at_2500"].next_speaker == sim.m(2)


def test_not_spoken_in_phase_lists_members_here_without_a_turn(sim: Simulated) -> None:
    view = sim.seen["speaking_at_2500"]
    assert view.not_spoken_in_phase == (sim.m(2), sim.m(5), sim.m(7))


def test_not_spoken_in_session_counts_a_pass_as_not_speaking(sim: Simulated) -> None:
    assert sim.seen["speaking_at_2500"].not_spoken_in_session == (sim.m(2),)


AIRTIME = {0: 250.0, 1: 360.0, 2: 300.0, 3: 230.0, 4: 180.0, 5: 210.0, 7: 60.0}
TURNS = {0: 3, 1: 2, 2: 1, 3: 2, 4: 2, 5: 2, 7: 1}
LONGEST = {0: 120.0, 1: 300.0, 2: 300.0, 3: 140.0, 4: 100.0, 5: 110.0, 7: 60.0}


def test_member_airtime_to_the_second(sim: Simulated) -> None:
    view = sim.engine.speaking_view()
    assert {i: view.figures(sim.m(i)).airtime_seconds for i in AIRTIME} == AIRTIME


def test_member_turns_leave_out_passes(sim: Simulated) -> None:
    view = sim.engine.speaking_view()
    assert {i: view.figures(sim.m(i)).turns for i in TURNS} == TURNS
    assert (view.figures(sim.m(1)).passes, view.figures(sim.m(2)).passes) == (1, 1)


def test_longest_turns(sim: Simulated) -> None:
    view = sim.engine.speaking_view()
    assert {i: view.figures(sim.m(i)).longest_turn_seconds for i in LONGEST} == LONGEST


def test_turns_over_the_soft_limit_are_counted(sim: Simulated) -> None:
    view = sim.engine.speaking_view()
    over = {f.speaker_id: f.turns_over_limit for f in view.speakers if f.turns_over_limit}
    assert over == {sim.m(0): 1, sim.m(5): 1, sim.lead: 1}


def test_facilitator_airtime_counts_the_co_facilitator(sim: Simulated) -> None:
    view = sim.engine.speaking_view()
    assert (view.figures(sim.lead).airtime_seconds, view.figures(sim.co).airtime_seconds) == (
        390.0,
        60.0,
    )
    assert view.facilitator_airtime_seconds == 450.0


def test_facilitator_share_of_all_airtime(sim: Simulated) -> None:
    assert sim.engine.speaking_view().facilitator_share == pytest.approx(450 / 2040)


def test_member_share_is_of_member_time(sim: Simulated) -> None:
    view = sim.engine.speaking_view()
    assert view.figures(sim.m(1)).member_share == pytest.approx(360 / 1590)


def _gini_by_pairs(values: list[float]) -> float:
    n, mean = len(values), sum(values) / len(values)
    return sum(abs(a - b) for a in values for b in values) / (2 * n * n * mean)


def test_equity_index_is_the_gini_of_attending_members_airtime(sim: Simulated) -> None:
    expected = _gini_by_pairs(list(AIRTIME.values()))
    assert sim.engine.speaking_view().equity_gini == pytest.approx(expected)


def test_absent_member_is_not_on_the_board(sim: Simulated) -> None:
    with pytest.raises(KeyError):
        sim.engine.speaking_view().figures(sim.m(6))


def test_summary_attendance(sim: Simulated) -> None:
    summary = sim.engine.summary()
    statuses = [a.status for a in summary.attendance]
    assert statuses == ["present"] * 6 + ["absent", "late-and-left-early"]
    line = summary.member(sim.m(7))
    assert (line.arrived_minute, line.left_minute, line.first_time) == (10.0, 43.33, True)


def test_summary_planned_versus_actual_minutes(sim: Simulated) -> None:
    phases = {
        p.phase_id: (p.status, p.agenda_minutes, p.planned_minutes, p.actual_minutes)
        for p in sim.engine.summary().phases
    }
    assert phases == {
        "check-in": ("done", 15, 15.0, 18.0),
        "skill": ("done", 30, 30.0, 35.0),
        "break": ("skipped", 5, 4.0, 0.0),
        "practice": ("done", 25, 21.0, 20.0),
        "closing": ("done", 10, 7.0, 5.0),
    }


def test_summary_elapsed_and_end(sim: Simulated) -> None:
    summary = sim.engine.summary()
    assert (summary.elapsed_minutes, summary.ended, summary.finished) == (
        85.0,
        datetime(2026, 11, 23, 16, 25, tzinfo=UTC),
        True,
    )


def test_summary_check_ins_with_a_pass(sim: Simulated) -> None:
    checkins = {c.member_id: (c.values, c.note, c.passed) for c in sim.engine.summary().checkins}
    assert checkins == {
        sim.m(0): ({"mood": 6, "urges": 2}, "", False),
        sim.m(1): ({"mood": 4}, "Rough week", False),
        sim.m(2): ({}, "", True),
    }


def test_summary_homework_given(sim: Simulated) -> None:
    given = [(h.text, h.member_ids, h.from_suggestion) for h in sim.engine.summary().homework_given]
    assert given == [
        ("Practise paced breathing once a day", (), True),
        ("Keep a sleep diary", (sim.m(1),), False),
    ]


def test_summary_keeps_the_open_flag(sim: Simulated) -> None:
    flags = sim.engine.summary().open_flags
    assert [(f.member_id, f.handled) for f in flags] == [(sim.m(1), False)]


def test_summary_note_is_attached_to_its_phase(sim: Simulated) -> None:
    notes = [(n.text, n.phase_id, n.minute) for n in sim.engine.summary().notes]
    assert notes == [("Group engaged with the TIPP demonstration", "skill", 43.33)]


def test_summary_reminders_and_norms(sim: Simulated) -> None:
    summary = sim.engine.summary()
    assert (summary.reminders_given, summary.norms_reviewed) == (2, True)


def test_every_attending_member_spoke(sim: Simulated) -> None:
    assert sim.engine.summary().not_spoken == ()


def test_nothing_is_recorded_after_the_end(sim: Simulated) -> None:
    assert sim.engine.state.ended and sim.engine.state.open_turn is None
