"""Draft notes: BIRP by default, DAP on request; a member's note names only that member."""

from __future__ import annotations

import pytest

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.group import Group
from iop_facilitator.session.notes import NoteDraft, minutes_words
from tests.session.session_testing import make_group, start_engine


@pytest.fixture(scope="module")
def ended() -> tuple[SessionEngine, Group]:
    engine, group, clock = start_engine()
    m = [x.id for x in group.members]
    for member_id in m[:7]:
        engine.mark_present(member_id)
    engine.mark_absent(m[7])
    engine.give_reminder()
    engine.start_phase()
    _speak(engine, clock, m[0], 240)  # Maria: 4 min
    _speak(engine, clock, m[1], 60)
    engine.record_checkin(m[0], {"mood": 6, "urges": 2}, "Slept better")
    engine.pass_checkin(m[1])
    engine.next_phase()
    for seconds, who in ((120, m[0]), (120, m[0]), (60, m[0]), (300, m[2]), (100, m[3])):
        _speak(engine, clock, who, seconds)
    engine.raise_flag(m[2], "Said she stopped taking her medication")
    engine.add_note("Maria coached Aisha through the skill", member_id=m[0])
    engine.add_note("Tom W. and Elena listened closely", phase_id=None)
    engine.assign_homework("Paced breathing once a day", from_suggestion=True)
    engine.end_session()
    return engine, group


def _speak(engine: SessionEngine, clock: FakeClock, member_id: str, seconds: float) -> None:
    engine.start_turn(member_id)
    clock.advance(seconds)
    engine.end_turn()


def _draft(ended: tuple[SessionEngine, Group], style: str = "birp") -> NoteDraft:
    return ended[0].note_draft(style)  # type: ignore[arg-type]


def test_birp_is_the_default(ended: tuple[SessionEngine, Group]) -> None:
    titles = [s.title for s in ended[0].note_draft().group_sections]
    assert titles == ["Behavior", "Intervention", "Response", "Plan"]


def test_dap_on_request(ended: tuple[SessionEngine, Group]) -> None:
    titles = [s.title for s in _draft(ended, "dap").members[0].sections]
    assert titles == ["Data", "Assessment", "Plan"]


def test_one_progress_note_per_member_who_attended(ended: tuple[SessionEngine, Group]) -> None:
    group = ended[1]
    assert [m.member_id for m in _draft(ended).members] == [m.id for m in group.members[:7]]


def test_participation_in_words_phase_by_phase(ended: tuple[SessionEngine, Group]) -> None:
    group = ended[1]
    text = _draft(ended).member(group.members[0].id).text
    # Maria: 240 s in the check-in, then 120 + 120 + 60 s in the skill.
    assert "Shared once in Check-in, at length; three times in New skill." in text
    assert "% of member time" not in text and " s," not in text


def test_member_note_carries_their_check_in(ended: tuple[SessionEngine, Group]) -> None:
    group = ended[1]
    text = _draft(ended).member(group.members[0].id).text
    assert 'Checked in with mood 6/10; urges 2/10. In her own words: "Slept better".' in text


def test_member_note_records_a_passed_check_in(ended: tuple[SessionEngine, Group]) -> None:
    group = ended[1]
    text = _draft(ended).member(group.members[1].id).text
    assert "Chose not to give check-in ratings (passed)." in text
    assert "Check-in (shared, without ratings)" in text


def test_member_note_shows_an_open_safety_flag(ended: tuple[SessionEngine, Group]) -> None:
    group = ended[1]
    text = _draft(ended).member(group.members[2].id).text
    assert "medication [OPEN: follow up]" in text


def test_member_note_names_only_that_member(ended: tuple[SessionEngine, Group]) -> None:
    group = ended[1]
    draft = _draft(ended)
    for note in draft.members:
        others = [m.name for m in group.members if m.id != note.member_id]
        assert note.name in note.text
        assert not [name for name in others if name in note.text], note.name


def test_free_text_in_a_member_note_shows_others_as_initials(
    ended: tuple[SessionEngine, Group],
) -> None:
    group = ended[1]
    text = _draft(ended).member(group.members[0].id).text
    assert "Facilitator observed during New skill: Maria coached A.K. through the skill." in text


def test_group_note_names_members_by_initials_only(ended: tuple[SessionEngine, Group]) -> None:
    group = ended[1]
    text = _draft(ended).group_text
    assert "M.L., J.T., A.K." in text
    assert not [m.name for m in group.members if m.name in text]


def test_group_note_carries_session_notes_with_initials(
    ended: tuple[SessionEngine, Group],
) -> None:
    assert "Notes: T.W. and E.G. listened closely." in _draft(ended).group_text


def test_group_note_names_the_phases_not_reached(ended: tuple[SessionEngine, Group]) -> None:
    intervention = ended[0].note_draft().group_sections[1].text
    assert "Phases: Check-in 5 of 15 min; New skill 12 of 30 min." in intervention
    assert "Not reached: Break, Practice, Closing." in intervention


def test_group_note_lists_absence_and_silence(ended: tuple[SessionEngine, Group]) -> None:
    text = _draft(ended).group_text
    assert "absent: S.O." in text and "Did not speak: P.S., T.W., E.G." in text


def test_group_note_plans_the_homework_and_the_follow_up(
    ended: tuple[SessionEngine, Group],
) -> None:
    plan = ended[0].note_draft().group_sections[-1].text
    assert 'Homework: "Paced breathing once a day".' in plan
    assert "Open safety concerns to follow up: A.K." in plan


def test_whole_draft_is_the_group_note_then_each_member(
    ended: tuple[SessionEngine, Group],
) -> None:
    draft = _draft(ended)
    assert draft.text.startswith(draft.group_text) and draft.text.endswith(draft.members[-1].text)


@pytest.mark.parametrize(("seconds", "words"), [(45, "45 s"), (420, "7 min"), (3900, "1 h 05 min")])
def test_durations_in_words(seconds: float, words: str) -> None:
    assert minutes_words(seconds) == words


def test_a_goal_that_ends_with_a_full_stop_gets_no_second_one() -> None:
    group = make_group()
    maria = group.members[0].model_copy(update={"goals": ["Call my sister on Sundays."]})
    group = group.model_copy(update={"members": [maria, *group.members[1:]]})
    engine, _group, _clock = start_engine(group)
    engine.mark_present(maria.id)
    engine.end_session()
    text = engine.note_draft("birp").member(maria.id).text
    assert "Treatment goals addressed: Call my sister on Sundays." in text
    assert "Sundays.." not in text
