"""The group's view as a pure reading of the session: what each slide shows."""

from __future__ import annotations

from datetime import timedelta

from iop_facilitator.agenda.model import Phase
from iop_facilitator.session import Slide, group_view
from tests.share.share_testing import GROUP_HOMEWORK, scripted_session


def test_the_agreements_show_while_the_reminder_is_owed_before_the_first_phase() -> None:
    engine, group, _clock = scripted_session()
    fresh = type(engine).start(
        group=group, agenda=engine.state.agenda, clock=_clock, session_id="s-2"
    )
    view = group_view(fresh.state, fresh.now())
    assert view.slide is Slide.REMINDER
    assert view.items == ("One person speaks at a time", "It is fine to pass")
    assert view.text == "What is said here stays here."


def test_a_topic_shows_its_title_only_by_default() -> None:
    engine, _group, clock = scripted_session()
    clock.advance(200)
    engine.next_phase()
    view = group_view(engine.state, engine.now())
    assert (view.slide, view.heading) == (Slide.PHASE, "New skill: TIPP")
    assert view.countdown is None
    assert view.items == ()


def test_an_exercise_shows_its_countdown_prompts_and_shared_text() -> None:
    engine, _group, clock = scripted_session()
    engine.skip_phase("skill")
    engine.next_phase()
    clock.advance(61)
    view = group_view(engine.state, engine.now())
    assert view.heading == "Practice: paced breathing"
    assert (view.countdown, view.countdown_words) == ("8:59", "left")
    assert view.items == ("Breathe in for four", "Breathe out for six")
    assert view.text == "Sit comfortably and let your eyes rest."


def test_a_pause_and_an_extension_show_in_the_countdown() -> None:
    engine, _group, clock = scripted_session()
    engine.skip_phase("skill")
    engine.next_phase()
    engine.pause()
    clock.advance(120)
    paused = group_view(engine.state, engine.now())
    assert (paused.countdown, paused.countdown_words, paused.paused) == ("10:00", "Paused", True)
    engine.resume_session()
    engine.extend_phase(5)
    assert group_view(engine.state, engine.now()).countdown == "15:00"


def test_running_over_is_said_in_words() -> None:
    engine, _group, clock = scripted_session()
    engine.skip_phase("skill")
    engine.next_phase()
    clock.advance(10 * 60 + 65)
    view = group_view(engine.state, engine.now())
    assert (view.countdown, view.countdown_words) == ("0:00", "over time by 1:05")


def test_a_break_says_when_the_group_is_back() -> None:
    engine, _group, _clock = scripted_session()
    for phase in ("skill", "breathing"):
        engine.skip_phase(phase)
    engine.next_phase()
    view = group_view(engine.state, engine.now())
    assert view.slide is Slide.BREAK
    # 70 s into the session, then the break's five minutes, in the computer's own zone.
    back = (engine.state.started_wall + timedelta(seconds=70 + 5 * 60)).astimezone()
    assert view.subheading == f"Break — back at {back:%H:%M}"
    assert view.countdown == "5:00"


def test_the_closing_shows_the_groups_homework_only() -> None:
    engine, _group, _clock = scripted_session()
    engine.assign_homework(GROUP_HOMEWORK)
    for phase in ("skill", "breathing", "break"):
        engine.skip_phase(phase)
    engine.next_phase()
    view = group_view(engine.state, engine.now())
    assert (view.list_title, view.items) == ("Homework for the group", (GROUP_HOMEWORK,))


def test_the_end_says_so() -> None:
    engine, _group, _clock = scripted_session()
    engine.end_session()
    assert group_view(engine.state, engine.now()).slide is Slide.ENDED


def test_share_settings_override_the_kinds_default() -> None:
    shown = Phase.model_validate(
        {"id": "t", "title": "T", "kind": "topic", "minutes": 5, "share": {"countdown": True}}
    )
    hidden = Phase.model_validate(
        {"id": "b", "title": "B", "kind": "break", "minutes": 5, "share": {"prompts": False}}
    )
    assert (shown.shows_countdown, shown.shows_prompts) == (True, False)
    assert (hidden.shows_countdown, hidden.shows_prompts) == (True, False)
