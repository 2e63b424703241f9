"""Property tests: random sequences of facilitator actions never break an invariant.

Hypothesis draws actions (some invalid: those are refused and skipped, as the runner would, and
a refused action must have recorded nothing), with random pauses of the clock between them;
after every accepted action the derived figures must hold, and at the end replaying the events
(also through JSON) must give the same state.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import (
    SHORT_INTERRUPTION_SECONDS,
    event_to_json,
    parse_event,
)
from iop_facilitator.session.group import Group
from iop_facilitator.session.handling import replay
from iop_facilitator.session.speaking import SpeakingView
from tests.session.session_testing import make_group, start_engine

ACTIONS = (
    *("present",) * 3,
    "absent",
    "late",
    "left",
    "start_phase",
    "end_phase",
    "next_phase",
    "skip_phase",
    "extend",
    "pause",
    *("resume",) * 2,
    *("turn",) * 8,
    "facilitator_turn",
    "end_turn",
    "pass",
    "checkin",
    "homework",
    "note",
    "flag",
    "budget",
    "add_member",
    "reminder",
    "arrived",
    "checkin_saved",
    "end_session",
)

step = st.tuples(
    st.sampled_from(ACTIONS),
    st.integers(min_value=0, max_value=9),
    st.floats(min_value=0, max_value=900, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-2, max_value=12),
)


def _act(engine: SessionEngine, group: Group, action: str, who: int, value: int) -> None:
    members = list(engine.state.members)
    member = members[who % len(members)]
    facilitator = group.facilitators[who % 2].id
    match action:
        case "present":
            engine.mark_present(member)
        case "absent":
            if value < 4:
                engine.mark_absent(member)
        case "late":
            engine.mark_late(member)
        case "left":
            if value > 8:
                engine.mark_left_early(member)
        case "start_phase":
            engine.start_phase()
        case "end_phase":
            if value > 9:
                engine.end_phase()
        case "next_phase":
            if value > 5 or engine.state.phase is None:
                engine.next_phase()
        case "skip_phase":
            if value > 9:  # rare: a sequence that skips everything tests little
                engine.skip_phase()
        case "extend":
            engine.extend_phase(max(1, value))
        case "pause":
            if value > 8:
                engine.pause()
        case "resume":
            engine.resume_session()
        case "turn":
            engine.start_turn(member)
        case "facilitator_turn":
            engine.start_turn(facilitator)
        case "end_turn":
            engine.end_turn()
        case "pass":
            engine.pass_turn(member if value % 2 else None)
        case "checkin":
            engine.record_checkin(member, {"mood": value})
        case "homework":
            engine.assign_homework("Practise", [member] if value % 2 else [])
        case "note":
            engine.add_note("A note", member_id=member if value % 2 else None)
        case "flag":
            engine.raise_flag(member, "A concern")
        case "budget":
            suggestion = engine.budget_suggestion()
            if suggestion is not None:
                engine.accept_budget(suggestion)
        case "add_member":
            engine.add_member(f"Drop-in {value}")
        case "reminder":
            engine.give_reminder(with_norms=value % 2 == 0)
        case "arrived":
            engine.mark_arrived(member)
        case "checkin_saved":
            engine.finish_checkin(member, {"mood": value}, passed=value % 3 == 0)
        case "end_session":
            if value == 12:  # rare: most sequences should keep going
                engine.end_session()


def _begin(away: set[int]) -> tuple[SessionEngine, Group, FakeClock]:
    """A session where every member but those in `away` was marked present at the start."""
    engine, group, clock = start_engine(make_group())
    for i, m in enumerate(group.members):
        if i not in away:
            engine.mark_present(m.id)
    return engine, group, clock


away = st.sets(st.integers(min_value=0, max_value=7), max_size=3)


def _check_invariants(engine: SessionEngine) -> None:
    state = engine.state
    speaking = engine.speaking_view()
    clock = engine.clock_view()
    if speaking.total_airtime_seconds > 0:
        assert abs(sum(f.share for f in speaking.speakers) - 1.0) < 1e-9
        members = [f.member_share for f in speaking.speakers if f.member_share is not None]
        if speaking.member_airtime_seconds > 0:
            assert abs(sum(members) - 1.0) < 1e-9
    assert all(f.airtime_seconds >= 0 and f.longest_turn_seconds >= 0 for f in speaking.speakers)
    assert all((f.since_last_spoke_seconds or 0) >= 0 for f in speaking.speakers)
    assert 0.0 <= speaking.equity_gini < 1.0
    assert 0.0 <= speaking.facilitator_share <= 1.0
    assert sum(1 for t in state.turns if t.ended_at is None) <= 1
    assert all(t.ended_at is None or t.ended_at >= t.started_at for t in state.turns)
    assert min(clock.time_left_seconds, clock.overrun_seconds, clock.phase_used_seconds) >= 0
    assert clock.elapsed_seconds >= 0
    for p in state.phases:
        assert p.used_seconds(clock.at, state.paused_since) >= 0
    if speaking.speaking_now is not None:
        speaker = state.members.get(speaking.speaking_now)
        assert speaker is None or speaker.here


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(away, st.lists(step, min_size=1, max_size=80))
# next_phase while paused: once ended the running phase before its start was refused
@example(set(), [("start_phase", 0, 0.0, 0), ("pause", 0, 0.0, 9), ("next_phase", 0, 0.0, 6)])
def test_random_sessions_keep_every_invariant(
    absent: set[int], steps: list[tuple[str, int, float, int]]
) -> None:
    engine, group, clock = _begin(absent)
    for action, who, seconds, value in steps:
        clock.advance(seconds)
        before = engine.events
        try:
            _act(engine, group, action, who, value)
        except EventRefused:
            assert engine.events == before, f"{action} was refused after changing the session"
            continue
        _check_invariants(engine)


@settings(max_examples=80, deadline=None)
@given(away, st.lists(step, min_size=1, max_size=60))
def test_replay_gives_the_same_state(
    absent: set[int], steps: list[tuple[str, int, float, int]]
) -> None:
    engine, group, clock = _begin(absent)
    for action, who, seconds, value in steps:
        clock.advance(seconds)
        try:
            _act(engine, group, action, who, value)
        except EventRefused:
            continue
    assert replay(engine.events) == engine.state
    assert replay(parse_event(event_to_json(e)) for e in engine.events) == engine.state


def _check_the_turn_through_the_crash(
    engine: SessionEngine, before: SpeakingView, downtime: float
) -> None:
    """A turn in progress at the crash runs on through a short interruption, with the
    downtime counted, and stops at the last saved event after a long one."""
    speaker = before.speaking_now
    if speaker is None:
        assert engine.speaking_view().speaking_now is None
        return
    # The downtime counts from the last saved event; the clock may have run on since it.
    gap = engine.state.recoveries[-1][1] - engine.state.recoveries[-1][0]
    after = engine.speaking_view()
    if gap <= SHORT_INTERRUPTION_SECONDS:
        assert after.speaking_now == speaker
        assert after.current_turn_seconds >= before.current_turn_seconds + downtime - 1e-6
    else:
        assert after.speaking_now is None
        assert engine.state.turns[-1].ended_at == engine.state.recoveries[-1][0]


@settings(max_examples=60, deadline=None)
@given(
    away,
    st.lists(step, min_size=1, max_size=60),
    st.integers(min_value=0, max_value=59),
    st.floats(min_value=0, max_value=3600, allow_nan=False),
)
def test_a_crash_anywhere_resumes_to_the_same_state(
    absent: set[int], steps: list[tuple[str, int, float, int]], crash_at: int, downtime: float
) -> None:
    engine, group, clock = _begin(absent)
    for i, (action, who, seconds, value) in enumerate(steps):
        if i == crash_at:
            before = engine.state
            speaking_before = engine.speaking_view()
            clock.advance(downtime)
            engine = SessionEngine.resume(engine.events, clock)
            assert replay(engine.events[: before.event_count]) == before
            _check_the_turn_through_the_crash(engine, speaking_before, downtime)
        clock.advance(seconds)
        try:
            _act(engine, group, action, who, value)
        except EventRefused:
            continue
        _check_invariants(engine)
    assert replay(engine.events) == engine.state
