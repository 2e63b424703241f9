"""A scripted session for the group's view: its agenda shares an exercise, and its private
words (names, notes, flags, check-ins, a member's homework) must never reach the view."""

from __future__ import annotations

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session import FakeClock, Group, SessionEngine
from tests.session.session_testing import counting_ids, make_group

SHARE_AGENDA = Agenda.model_validate(
    {
        "agenda": {"title": "Skills group", "kind": "skills", "minutes": 90},
        "confidentiality": {"reminder": "What is said here stays here."},
        "norms": {"items": ["One person speaks at a time", "It is fine to pass"]},
        "phase": [
            {
                "id": "check-in",
                "title": "Check-in",
                "kind": "check-in",
                "minutes": 15,
                "turns": "round",
                "prompts": ["How are you arriving today?"],
                "checkin": {"scale": [0, 10], "fields": ["mood", "urges"]},
            },
            {
                "id": "skill",
                "title": "New skill: TIPP",
                "kind": "topic",
                "minutes": 25,
                "prompts": ["Where could TIPP help you this week?"],
            },
            {
                "id": "breathing",
                "title": "Practice: paced breathing",
                "kind": "exercise",
                "minutes": 10,
                "turns": "none",
                "prompts": ["Breathe in for four", "Breathe out for six"],
                "share": {"text": "Sit comfortably and let your eyes rest."},
            },
            {"id": "break", "title": "Break", "kind": "break", "minutes": 5, "turns": "none"},
            {
                "id": "closing",
                "title": "Closing",
                "kind": "closing",
                "minutes": 10,
                "turns": "round",
                "prompts": ["Which skill will you practise?"],
                "homework": ["Practise paced breathing once a day"],
            },
        ],
    }
)

FLAG_TEXT = "Mentioned thoughts of self-harm at work"
NOTE_TEXT = "Quiet today, left the camera off"
CHECKIN_NOTE = "Slept badly after the argument"
MEMBER_HOMEWORK = "Call the sponsor twice before Friday"
GROUP_HOMEWORK = "Practise paced breathing once a day"


def scripted_session() -> tuple[SessionEngine, Group, FakeClock]:
    """The session started, everyone present, the reminder given, a check-in with values and
    a note, a note, a flag and a member's homework: every private kind of thing."""
    group = make_group()
    clock = FakeClock()
    engine = SessionEngine.start(
        group=group, agenda=SHARE_AGENDA, clock=clock, session_id="s-1", new_id=counting_ids("e")
    )
    for member in group.members:
        engine.mark_present(member.id)
    engine.give_reminder(with_norms=True)
    clock.advance(30)
    engine.start_phase()
    first = group.members[0]
    engine.start_turn(first.id)
    clock.advance(40)
    engine.record_checkin(first.id, {"mood": 3, "urges": 8}, CHECKIN_NOTE)
    engine.end_turn()
    engine.add_note(NOTE_TEXT, member_id=group.members[1].id)
    engine.raise_flag(group.members[2].id, FLAG_TEXT)
    engine.assign_homework(MEMBER_HOMEWORK, member_ids=(group.members[3].id,))
    return engine, group, clock


def private_words(engine: SessionEngine) -> list[str]:
    """Every word of the scripted session the group must not see."""
    state = engine.state
    words = [m.name for m in state.members.values()]
    words += [f.name for f in state.facilitators.values()]
    words += [FLAG_TEXT, NOTE_TEXT, CHECKIN_NOTE, MEMBER_HOMEWORK, "mood", "urges"]
    return words
