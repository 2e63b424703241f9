"""A demo group of eight members, for `iop-facilitator demo`, screenshots and tests.

Invented people: first names and a last initial, as groups on a video call often show them.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from iop_facilitator.agenda.model import Agenda, CheckInSpec, PhaseKind, TurnMode
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.group import Facilitator, Group, IdSource, Member, new_id
from iop_facilitator.session.records import Records

DEMO_MEMBERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Maria L.", "she/her", ("Use TIPP before urges peak", "Sleep before midnight")),
    ("James T.", "he/him", ("Call sponsor twice a week", "Name feelings instead of isolating")),
    ("Aisha K.", "she/her", ("Practise a thought record daily",)),
    ("Daniel R.", "he/him", ("Attend every session this month", "Walk 20 minutes a day")),
    ("Priya S.", "she/they", ("Set one boundary at work",)),
    ("Tom W.", "he/him", ("Track cravings in the app", "Reach out before a lapse, not after")),
    ("Elena G.", "she/her", ("Use opposite action for avoidance",)),
    ("Sam O.", "they/them", ("Reconnect with one friend", "Keep a mood log")),
)

DEMO_FACILITATORS: tuple[tuple[str, str], ...] = (("Dr. Rivera", "lead"), ("Jordan M.", "co"))


def demo_group(
    *, name: str = "Tuesday evening IOP", on: date | None = None, new_id: IdSource = new_id
) -> Group:
    """A group of eight invented members (names, initials, pronouns, goals) and two
    facilitators, created on `on` (default: today)."""
    day = on or date.today()
    return Group(
        id=new_id(),
        name=name,
        created=day,
        members=[
            Member(id=new_id(), name=n, pronouns=p, goals=list(g), joined=day)
            for n, p, g in DEMO_MEMBERS
        ],
        facilitators=[
            Facilitator(id=new_id(), name=n, role="lead" if r == "lead" else "co")
            for n, r in DEMO_FACILITATORS
        ],
    )


# --- earlier sessions, so the demo shows what a group with a history shows ----------------------

FIRST_TIMER = "Sam O."
"""The demo member who has never attended: the reminder is owed again when they arrive."""

_FLAG_NOTE = "Said evenings alone are the hardest this week; check in about the safety plan."
_MEMBER_HOMEWORK = "Call your sponsor twice before next group"


def seed_demo_history(
    records: Records, group: Group, agenda: Agenda, *, before: datetime, weeks: int = 2
) -> None:
    """Run `weeks` earlier sessions of `group` on `agenda`, one a week ending a week before
    `before`, through the real engine, and store them finished (no journal: nothing to crash).

    Every member but `FIRST_TIMER` attends (one misses the first week). Each session reviews
    the homework it carried and assigns new homework (an agenda suggestion to the group, a
    task to one member); the last one also leaves a safety flag open, so the next session
    reviews its homework at check-in and carries the flag.
    """
    # The first-timer joined this week: earlier rosters do not hold them.
    earlier = group.model_copy(
        update={"members": [m for m in group.members if m.name != FIRST_TIMER]}
    )
    for week in range(weeks, 0, -1):
        clock = FakeClock(start=before - timedelta(weeks=week))
        homework, flags = records.carried_from_previous(group.id)
        engine = SessionEngine.start(
            group=earlier,
            agenda=agenda,
            clock=clock,
            first_time=records.first_timers(earlier),
            carried_homework=homework,
            open_flags=flags,
        )
        _run_past_session(engine, clock, earlier, weeks_ago=week, first=week == weeks)
        records.finish(engine)


def _run_past_session(
    engine: SessionEngine, clock: FakeClock, group: Group, *, weeks_ago: int, first: bool
) -> None:
    """Attendance, the reminder, each phase with check-ins, turns and homework, then the end."""
    members = [m for m in group.active_members if m.name != FIRST_TIMER]
    here = [m.id for i, m in enumerate(members) if not (first and i == len(members) - 1)]
    for m in group.active_members:
        (engine.mark_present if m.id in here else engine.mark_absent)(m.id)
    engine.give_reminder()
    speaker = itertools.cycle(here)
    to_review = any(h.carried for h in engine.state.homework.values())
    for phase in engine.state.agenda.phases:
        engine.start_phase(phase.id)
        if phase.kind is PhaseKind.CHECK_IN:
            _check_in(engine, clock, here, weeks_ago)
        elif to_review and phase.turns is TurnMode.ROUND:
            _review_homework(engine, clock, here)
            to_review = False
        elif phase.turns is not TurnMode.NONE:
            for n in range(3 if phase.turns is TurnMode.OPEN else len(here)):
                engine.start_turn(next(speaker))
                clock.advance(40 + 25 * (n % 4))
            engine.end_turn()
        if phase.kind is PhaseKind.CLOSING:
            _assign_homework(engine, here, weeks_ago)
            if weeks_ago == 1:
                engine.raise_flag(here[1 % len(here)], _FLAG_NOTE)
        clock.advance(max(0.0, phase.minutes * 60 - (engine.now() - _started(engine))))
        engine.end_phase()
    engine.end_session()


def _started(engine: SessionEngine) -> float:
    phase = engine.state.phase
    return phase.started_at if phase is not None and phase.started_at is not None else 0.0


# Where each check-in field sits on its scale, on the whole (mood fair, distress and urges
# lowish), so the demo's charts look like a group's and not like noise.
_LEVELS = (0.6, 0.4, 0.25, 0.5)


def _check_in(engine: SessionEngine, clock: FakeClock, here: list[str], weeks_ago: int) -> None:
    spec = engine.state.checkin_spec or CheckInSpec()
    low, high = spec.scale
    for i, member_id in enumerate(here):
        engine.start_turn(member_id)
        clock.advance(60 + 10 * (i % 3))
        if i == 2 and weeks_ago == 1:
            engine.pass_checkin(member_id)
            continue
        values = {}
        for j, field in enumerate(spec.fields):
            wobble = ((i * 7 + weeks_ago * 3 + j * 2) % 5 - 2) / 10  # -0.2 .. 0.2
            level = min(1.0, max(0.0, _LEVELS[j % len(_LEVELS)] + wobble))
            values[field] = low + round(level * (high - low))
        engine.record_checkin(member_id, values, "Slept badly" if i == 0 else "")
    engine.end_turn()


def _review_homework(engine: SessionEngine, clock: FakeClock, here: list[str]) -> None:
    outcomes = ("done", "partly", "done", "not-done")
    carried = [h for h in engine.state.homework.values() if h.carried]
    for i, member_id in enumerate(here):
        engine.start_turn(member_id)
        clock.advance(70)
        for h in engine.state.homework_due(member_id):
            engine.review_homework(h.id, outcomes[i % len(outcomes)], member_id=member_id)
    engine.end_turn()
    for h in carried:
        if not h.member_ids:  # and the group's as a whole, which closes it
            engine.review_homework(h.id, "partly")


def _assign_homework(engine: SessionEngine, here: list[str], weeks_ago: int) -> None:
    """The agenda's suggestions, one a week (the latest week gets the first), to the group;
    and a task of the first member's own."""
    suggestions = engine.homework_suggestions()
    if suggestions:
        text = suggestions[(weeks_ago - 1) % len(suggestions)]
        engine.assign_homework(text, from_suggestion=True)
    else:
        engine.assign_homework("Practise this week's skill once a day")
    engine.assign_homework(_MEMBER_HOMEWORK, [here[0]])
