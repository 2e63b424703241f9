"""A vault of real sessions, run through the real engine with a fake clock, for review tests.

Two groups over three weeks, with late arrivals, absences, check-ins and a pass, turns,
homework given and reviewed, notes and safety flags (one handled in session, one open). Ids
and times are fixed, so exports of these sessions can be compared with golden files.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from iop_facilitator.agenda.loader import parse_agenda
from iop_facilitator.agenda.model import Agenda
from iop_facilitator.review.archive import Archive
from iop_facilitator.review.library import Library
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.events import CarriedFlag, CarriedHomework, MemberLastSession
from iop_facilitator.session.group import Facilitator, Group, Member
from iop_facilitator.session.records import Records
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.vault import KdfParams, Vault

AGENDA_TOML = """
[agenda]
title = "DBT skills: distress tolerance"
kind = "skills"
minutes = 60

[confidentiality]
reminder = "What is said here stays here."

[norms]
items = ["One person speaks at a time"]

[[phase]]
id = "check-in"
title = "Check-in"
kind = "check-in"
minutes = 15
turns = "round"
checkin = { scale = [1, 10], fields = ["mood", "urges"] }

[[phase]]
id = "skill"
title = "TIPP skill practice"
kind = "topic"
minutes = 30
turns = "open"
skill = "TIPP"
objective = "to bring intense emotion down fast in a crisis"

[[phase]]
id = "closing"
title = "Closing and homework"
kind = "closing"
minutes = 15
turns = "round"
homework = ["Practise TIPP once a day"]
"""

PASSPHRASE = "correct horse battery staple"


def agenda() -> Agenda:
    return parse_agenda(AGENDA_TOML, "test-agenda.toml")


def _group(name: str, prefix: str, names: list[str]) -> Group:
    return Group(
        id=f"{prefix}-group",
        name=name,
        created=date(2026, 10, 1),
        members=[
            Member(id=f"{prefix}-m{i}", name=n, joined=date(2026, 10, 1))
            for i, n in enumerate(names, 1)
        ],
        facilitators=[Facilitator(id=f"{prefix}-fac", name="Dr. Rivera")],
    )


TUESDAY = _group(
    "Tuesday evening IOP", "tue", ["Maria L.", "James T.", "Aisha K.", "Daniel R.", "Sam O."]
)
THURSDAY = _group("Thursday relapse prevention", "thu", ["Priya S.", "Tom W.", "Elena G."])


@dataclass
class Built:
    """What the fixture made: the vault and every session's summary, oldest first."""

    vault: Vault
    path: Path
    summaries: list[SessionSummary]

    def archive(self) -> Archive:
        return Library(self.vault).archive()


def _ids(prefix: str) -> Iterator[str]:
    return (f"{prefix}-{n}" for n in itertools.count(1))


def _run(
    group: Group,
    when: datetime,
    session_id: str,
    script: str,
    carried: tuple[CarriedHomework, ...] = (),
    flags: tuple[CarriedFlag, ...] = (),
    earlier: tuple[MemberLastSession, ...] = (),
) -> SessionEngine:
    clock = FakeClock(start=when)
    ids = _ids(session_id)
    engine = SessionEngine.start(
        group=group,
        agenda=agenda(),
        clock=clock,
        session_id=session_id,
        carried_homework=carried,
        open_flags=flags,
        last_sessions=earlier,
        new_id=lambda: next(ids),
    )
    m = {member.name.split()[0].lower(): member.id for member in group.members}
    fac = group.facilitators[0].id

    def speak(who: str, seconds: float) -> None:
        engine.start_turn(fac if who == "fac" else m[who])
        clock.advance(seconds)

    present = [w for w in m if w not in script.split("absent:")[-1].split()]
    for who in m:
        if who not in present:
            engine.mark_absent(m[who])
        elif f"late-{who}" not in script:
            engine.mark_present(m[who])
    engine.give_reminder()
    engine.review_norms()
    engine.start_phase("check-in")
    clock.advance(30)
    for who in present:
        if f"late-{who}" in script:
            engine.mark_late(m[who])
    for n, who in enumerate(present):
        if who == "elena" or (who == "sam" and "sam-passes" in script):
            engine.pass_checkin(m[who], "Not today")
            engine.pass_turn(m[who])
            continue
        speak(who, 60 + 15 * n)
        engine.record_checkin(
            m[who],
            {"mood": 3 + (n * 2 + when.day) % 7, "urges": 1 + (n + when.day) % 6},
            "Slept badly, anxious about the weekend" if n == 0 else "",
        )
    if engine.state.open_turn is not None:
        engine.end_turn()
    for h in carried if "no-review" not in script else ():
        for who in present:
            outcome = ("done", "partly", "not-done")[(present.index(who) + len(script)) % 3]
            engine.review_homework(h.homework_id, outcome, member_id=m[who])
    engine.next_phase()
    speak("fac", 300)
    for n, who in enumerate(present[:3]):
        speak(who, 120 + 60 * n)
    engine.add_note(f"{present[0].title()} described a new sleep plan.", member_id=m[present[0]])
    engine.add_note("Group practised paced breathing together.")
    if "flag-tom" in script:
        engine.raise_flag(m["tom"], "Mentioned passive thoughts of self-harm; safety plan reviewed")
    if "flag-james" in script:
        raised = engine.raise_flag(m["james"], "Said he is staying with a drinking friend")
        engine.handle_flag(raised.flag_id, "Called after group; staying with his sister")
    if "tom-handled-flag" in script:
        raised = engine.raise_flag(m["tom"], "Low mood after a lapse on Saturday")
        engine.handle_flag(raised.flag_id, "Crisis line and sponsor numbers shared")
    engine.next_phase()
    speak("fac", 120)
    engine.assign_homework("Practise TIPP once a day and note what happened", from_suggestion=True)
    clock.advance(60)
    engine.end_session()
    return engine


def build_vault(path: Path) -> Built:
    """A new vault at `path` with both groups and their five finished sessions.

    Sessions are finished through the engine's `Records` (the runner's path), which also
    carries open homework and flags from each group's previous session into the next, and
    each member's previous session (for the change since last time in their notes).
    """
    vault, _ = Vault.init(path, PASSPHRASE, kdf=KdfParams.for_tests())
    records = Records(vault)
    for group in (TUESDAY, THURSDAY):
        records.save_group(group)
    plan = [
        (TUESDAY, datetime(2026, 11, 3, 18, 0, tzinfo=UTC), "tue-s1", "late-daniel absent: sam"),
        (THURSDAY, datetime(2026, 11, 5, 17, 0, tzinfo=UTC), "thu-s1", "flag-tom absent:"),
        (
            TUESDAY,
            datetime(2026, 11, 10, 18, 0, tzinfo=UTC),
            "tue-s2",
            "flag-james sam-passes absent: daniel",
        ),
        (TUESDAY, datetime(2026, 11, 17, 18, 0, tzinfo=UTC), "tue-s3", "absent: sam"),
        (
            THURSDAY,
            datetime(2026, 11, 19, 17, 0, tzinfo=UTC),
            "thu-s2",
            "no-review tom-handled-flag absent: elena",
        ),
    ]
    summaries = []
    for group, when, session_id, script in plan:
        homework, flags = records.carried_from_previous(group.id)
        earlier = records.last_sessions(group)
        engine = _run(group, when, session_id, script, tuple(homework), tuple(flags), earlier)
        records.finish(engine)
        summaries.append(engine.summary())
    return Built(vault=vault, path=path, summaries=summaries)
