"""The clock and re-budget readings in the corners the 90-minute script does not reach."""

from __future__ import annotations

from datetime import UTC, datetime

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.timing import _proportional


def test_on_time_session_gets_no_suggestion(present: SessionEngine, clock: FakeClock) -> None:
    clock.advance(10 * 60)
    assert present.budget_suggestion() is None


def test_late_by_less_than_a_minute_gets_no_suggestion(
    present: SessionEngine, clock: FakeClock
) -> None:
    clock.advance(15 * 60 + 5 * 60 + 50)  # check-in over by 5:50, plus a 5-minute slack
    assert present.clock_view().late_by_seconds == 50.0
    assert present.budget_suggestion() is None


def test_when_floors_cannot_fit_every_phase_gets_its_floor(
    present: SessionEngine, clock: FakeClock
) -> None:
    clock.advance(60 * 60)  # the 15-minute check-in has run an hour
    suggestion = present.budget_suggestion()
    assert suggestion is not None
    assert suggestion.minutes == {"skill": 15, "break": 2, "practice": 15, "closing": 5}
    assert suggestion.fits is False


def test_accepted_budget_moves_the_projected_end(present: SessionEngine, clock: FakeClock) -> None:
    clock.advance(30 * 60)
    suggestion = present.budget_suggestion()
    assert suggestion is not None
    present.accept_budget(suggestion)
    # Ending the check-in now leaves exactly the minutes until 16:30.
    assert present.clock_view().projected_end == datetime(2026, 11, 23, 16, 30, tzinfo=UTC)


def test_proportional_shares_keep_whole_minutes_and_the_total() -> None:
    planned = {"a": 10, "b": 20, "c": 30}
    result = _proportional(planned, {"a": 5, "b": 10, "c": 15}, 40)
    assert (sum(result.values()), all(v <= planned[k] for k, v in result.items())) == (40, True)


def test_proportional_never_goes_below_a_floor() -> None:
    result = _proportional({"a": 10, "b": 30}, {"a": 8, "b": 5}, 20)
    assert result == {"a": 8, "b": 12}


def test_paused_session_reads_as_paused_with_the_timer_held(
    present: SessionEngine, clock: FakeClock
) -> None:
    clock.advance(120)
    present.pause()
    clock.advance(600)
    view = present.clock_view()
    assert (view.paused, view.phase_used_seconds, view.elapsed_seconds) == (True, 120.0, 720.0)


def test_ending_the_session_while_paused_closes_the_pause(
    present: SessionEngine, clock: FakeClock
) -> None:
    clock.advance(120)
    present.pause()
    clock.advance(60)
    present.end_session()
    assert (present.state.pauses, present.state.phases[0].used_seconds(999, None)) == (
        [(120.0, 180.0)],
        120.0,
    )


def test_clock_after_the_end_reads_as_of_the_end(present: SessionEngine, clock: FakeClock) -> None:
    clock.advance(300)
    present.end_session()
    clock.advance(3600)
    assert present.clock_view().elapsed_seconds == 300.0


def test_turn_over_the_soft_limit_is_marked(present: SessionEngine, clock: FakeClock) -> None:
    member = next(iter(present.state.members))
    present.start_turn(member)
    clock.advance(91)
    assert present.speaking_view().current_turn_over_limit is True


def test_turn_at_the_soft_limit_is_not_marked(present: SessionEngine, clock: FakeClock) -> None:
    member = next(iter(present.state.members))
    present.start_turn(member)
    clock.advance(90)
    assert present.speaking_view().current_turn_over_limit is False


def test_homework_suggestions_come_from_the_agenda(present: SessionEngine) -> None:
    assert present.homework_suggestions() == ["Practise paced breathing once a day"]
