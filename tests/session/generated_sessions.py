"""Generated sessions for the note tests: several members whose sessions differ in check-ins
(and their change since last time), notes, passes, speaking and homework outcomes."""

from __future__ import annotations

import random
from datetime import timedelta

from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.events import CarriedHomework, MemberLastSession
from iop_facilitator.session.group import Group
from tests.session.session_testing import make_group, start_engine

OUTCOMES = ("done", "partly", "not-done", "not-reviewed")
NOTES = (
    "Described using paced breathing at work",
    "Became tearful talking about the weekend",
    "Offered support to another member",
    "Said the week felt flat and long",
    "Laughed for the first time in group",
)


def generated_session(seed: int, *, goals: bool = False) -> SessionEngine:
    """A whole, ended session of 3 to 5 members of the demo group (without their goals unless
    `goals`), every member's session different from every other's."""
    rng = random.Random(seed)
    group = make_group()
    if not goals:
        group = group.model_copy(
            update={"members": [m.model_copy(update={"goals": []}) for m in group.members]}
        )
    members = rng.sample(group.members, rng.randint(3, 5))
    here = Group.model_validate({**group.model_dump(), "members": members})
    ids = [m.id for m in members]
    start = start_engine(here)[2].now()
    homework = CarriedHomework(
        homework_id="hw-1",
        text="Practise paced breathing once a day",
        assigned_in="s-0",
        assigned_on=start - timedelta(days=7),
    )
    moods = rng.sample(range(11), len(ids))
    last = [
        MemberLastSession(
            member_id=member_id,
            session_id="s-0",
            on=start - timedelta(days=7),
            checkin={"mood": rng.randint(0, 10), "urges": rng.randint(0, 10)},
            turns=rng.randint(0, 4),
        )
        for member_id in ids
        if rng.random() < 0.8
    ]
    engine, _group, clock = start_engine(here, carried_homework=[homework], last_sessions=last)
    for member_id in ids:
        engine.mark_present(member_id)
    outcomes = rng.sample(OUTCOMES, len(OUTCOMES))
    engine.start_phase()  # check-in
    for i, member_id in enumerate(ids):
        # Four outcomes for at most four members: a fifth passes on the check-in.
        if i == len(ids) - 1 and (i >= len(OUTCOMES) or rng.random() < 0.5):
            engine.pass_checkin(member_id)
            continue
        values = {"mood": moods[i], "urges": rng.randint(0, 10)}
        engine.finish_checkin(
            member_id,
            values,
            rng.choice(("", "Tired but here", "Better than last week")),
            homework={"hw-1": outcomes[i % len(outcomes)]},
        )
        clock.advance(rng.randint(20, 120))
    engine.next_phase()  # the skill
    for i, member_id in enumerate(ids):
        if i % 2 == seed % 2:
            engine.start_turn(member_id)
            clock.advance(rng.randint(15, 300))
            engine.end_turn()
    for i, member_id in enumerate(ids):
        if rng.random() < 0.6:
            engine.add_note(NOTES[(seed + i) % len(NOTES)], member_id=member_id)
    if rng.random() < 0.5:
        engine.raise_flag(ids[0], "Mentioned not feeling safe at home")
    engine.next_phase()  # break
    engine.next_phase()  # practice
    for member_id in rng.sample(ids, rng.randint(1, len(ids))):
        engine.start_turn(member_id)
        clock.advance(rng.randint(15, 400))
        engine.end_turn()
    engine.next_phase()  # closing round: some pass
    for i, member_id in enumerate(ids):
        if (i + seed) % 3 == 0:
            engine.pass_turn(member_id)
        else:
            engine.start_turn(member_id)
            clock.advance(rng.randint(10, 60))
            engine.end_turn()
    engine.assign_homework("Notice one urge a day and rate it", member_ids=(ids[seed % len(ids)],))
    engine.assign_homework("Practise paced breathing once a day")
    engine.end_session()
    return engine
