"""A synthetic vault at the scale of a career, made through the real session engine.

    .venv/bin/python bench/generate_vault.py DIR [--sessions 5000] [--seed 2026] [--fast-kdf]

Four groups of eight members meet weekly for ten years or so: every session is run by the
`SessionEngine` on a shipped agenda with a fake clock (attendance with late arrivals and
absences, the reminder, a round check-in with the agenda's scales and some passes, turns,
about 2 KB of notes, homework given and reviewed the next week, the odd safety flag),
finished into the vault the way `Records.finish` stores it (the `FinishedSession` record
and its index entry), and then digested for review. Used by `bench_review.py`, and by the
vault's benchmark through `synthetic.py`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from iop_facilitator.agenda.catalog import find_agenda
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.agenda.model import Agenda, TurnMode
from iop_facilitator.review.library import Library
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import CarriedFlag, CarriedHomework
from iop_facilitator.session.group import Facilitator, Group, Member
from iop_facilitator.session.records import (
    SESSION_KIND,
    FinishedSession,
    Records,
    index_entry,
)
from iop_facilitator.vault import KdfParams, Vault

PASSPHRASE = "benchmark passphrase"
FIRST_NAMES = [
    "Alex", "Bea", "Carmen", "Dmitri", "Esi", "Farid", "Grace", "Hana", "Ines", "Jonah",
    "Kemal", "Lena", "Mateo", "Nadia", "Owen", "Priya", "Quinn", "Rosa", "Sven", "Tariq",
    "Uma", "Viktor", "Wen", "Yusuf", "Zara",
]  # fmt: skip
GROUPS = (
    ("Tuesday DBT skills", "dbt-distress-tolerance"),
    ("Thursday process", "process-group"),
    ("Relapse prevention", "relapse-prevention-triggers"),
    ("Family group", "family-communication"),
)
PHRASES = [
    "shared that the weekend was difficult and used the TIPP skill twice",
    "reported fewer urges since starting the new routine",
    "was quiet during check-in but engaged well in the role play",
    "described conflict at home and practised the DEAR MAN script with the group",
    "noted that sleep has improved with the wind-down plan",
    "expressed hope about returning to work part time next month",
    "named triggers around payday and made a plan with a peer",
    "offered support to a newer member, which the group appreciated",
    "said the breathing exercise helped before a stressful appointment",
    "found the chain analysis hard and asked to revisit it next week",
]
CHECKIN_WORDS = ["Tired but here", "Better week", "Anxious about court", "Slept badly", ""]
HOMEWORK = "Practise one skill a day and write down what happened"
NOTES_BYTES = 2000


@dataclass
class GroupPlan:
    group: Group
    agenda: Agenda
    homework: list[CarriedHomework]
    flags: list[CarriedFlag]


def make_groups(rng: random.Random) -> list[GroupPlan]:
    """Four groups of eight members each, with their agendas."""
    plans = []
    for g, (name, agenda_name) in enumerate(GROUPS):
        names = rng.sample(FIRST_NAMES, 8)
        group = Group(
            id=f"group-{g}",
            name=name,
            created=date(2016, 1, 1),
            members=[
                Member(
                    id=f"g{g}-m{i}",
                    name=f"{n} {chr(65 + (i * 7 + g) % 26)}.",
                    joined=date(2016, 1, 1),
                )
                for i, n in enumerate(names)
            ],
            facilitators=[Facilitator(id=f"g{g}-fac", name="Dr. Rivera")],
        )
        plans.append(GroupPlan(group, load_agenda(find_agenda(agenda_name)), [], []))
    return plans


def _try(action: object, *args: object, **kwargs: object) -> object:
    try:
        return action(*args, **kwargs)  # type: ignore[operator]
    except EventRefused:
        return None


def run_session(
    rng: random.Random, plan: GroupPlan, session_id: str, when: datetime
) -> SessionEngine:
    """One realistic session of `plan`'s group, run through the engine to its end."""
    clock = FakeClock(start=when)
    counter = iter(range(1, 10_000))
    engine = SessionEngine.start(
        group=plan.group,
        agenda=plan.agenda,
        clock=clock,
        session_id=session_id,
        carried_homework=plan.homework,
        open_flags=plan.flags,
        new_id=lambda: f"{session_id}-{next(counter)}",
    )
    members = [m.id for m in plan.group.members]
    late = {m for m in members if rng.random() < 0.05}
    absent = {m for m in members if m not in late and rng.random() < 0.1}
    for m in members:
        if m in absent:
            engine.mark_absent(m)
        elif m not in late:
            engine.mark_present(m)
    engine.give_reminder()
    engine.review_norms()
    fac = plan.group.facilitators[0].id
    notes_left = NOTES_BYTES
    for phase in plan.agenda.phases:
        engine.start_phase(phase.id)
        clock.advance(20)
        if phase.checkin is not None:
            for m in late:
                engine.mark_late(m)
            here = [m for m in members if m not in absent]
            for m in here:
                if rng.random() < 0.08:
                    _try(engine.pass_turn, m)
                    engine.pass_checkin(m)
                    continue
                engine.start_turn(m)
                clock.advance(rng.randint(30, 120))
                low, high = phase.checkin.scale
                engine.record_checkin(
                    m,
                    {f: rng.randint(low, high) for f in phase.checkin.fields},
                    rng.choice(CHECKIN_WORDS),
                )
            for h in plan.homework:
                for m in here:
                    outcome = rng.choice(("done", "done", "partly", "not-done"))
                    _try(engine.review_homework, h.homework_id, outcome, m)
        elif phase.turns is not TurnMode.NONE:
            here = [m for m in members if m not in absent]
            for _ in range(rng.randint(3, 7)):
                speaker = fac if rng.random() < 0.3 else rng.choice(here)
                _try(engine.start_turn, speaker)
                clock.advance(rng.randint(20, 240))
            while notes_left > 0 and rng.random() < 0.8:
                m = rng.choice(here)
                text = f"{plan.group.member(m).name.split()[0]} {rng.choice(PHRASES)}."
                engine.add_note(text, member_id=m)
                notes_left -= len(text)
            if rng.random() < 0.03:
                flag = engine.raise_flag(rng.choice(here), "Mentioned feeling unsafe at home")
                if rng.random() < 0.5:
                    engine.handle_flag(flag.flag_id, "Safety plan reviewed after group")
        else:
            clock.advance(phase.minutes * 60 * 0.8)
        if phase.homework:
            engine.assign_homework(HOMEWORK, from_suggestion=True)
        clock.advance(30)
        engine.end_phase()
    for f in plan.flags:
        if rng.random() < 0.7:
            engine.handle_flag(f.flag_id, "Checked in by phone; safe")
    while notes_left > 0:
        text = f"Group {rng.choice(PHRASES)}."
        engine.add_note(text, phase_id=None)
        notes_left -= len(text)
    engine.end_session()
    return engine


@dataclass(frozen=True)
class MadeSession:
    """A finished session as `Records.finish` stores it."""

    session_id: str
    payload: bytes
    index_entry: dict[str, object]


def made_sessions(count: int, *, seed: int = 2026) -> Iterator[MadeSession]:
    """`count` finished sessions, oldest first, the same for the same seed."""
    rng = random.Random(seed)
    plans = make_groups(rng)
    start = datetime(2016, 1, 4, 17, 0, tzinfo=UTC)
    for number in range(count):
        plan = plans[number % len(plans)]
        week, slot = divmod(number, len(plans))
        when = start + timedelta(days=week * 7 + slot, hours=slot)
        session_id = f"session-{number:05d}"
        engine = run_session(rng, plan, session_id, when)
        state = engine.state
        entry = index_entry(state)
        plan.homework = list(entry.open_homework)
        plan.flags = list(entry.open_flags)
        finished = FinishedSession(
            session_id=session_id,
            group_id=state.group_id,
            events=list(engine.events),
            note="",
            note_style="birp",
        )
        yield MadeSession(
            session_id, finished.model_dump_json().encode(), entry.model_dump(mode="json")
        )


def groups(seed: int = 2026) -> list[Group]:
    """The groups `made_sessions` uses (for the vault's group records)."""
    return [p.group for p in make_groups(random.Random(seed))]


def build_vault(folder: Path, count: int, *, seed: int = 2026, fast_kdf: bool = False) -> Vault:
    """A new vault in `folder` holding `count` finished sessions and their review digests."""
    vault, _ = Vault.init(folder, PASSPHRASE, kdf=KdfParams.for_tests() if fast_kdf else None)
    records = Records(vault)
    with vault.batch():
        for group in groups(seed):
            records.save_group(group)
        for made in made_sessions(count, seed=seed):
            vault.put(
                SESSION_KIND,
                made.session_id,
                made.payload,
                index_entry=made.index_entry,
                session=made.session_id,
            )
    Library(vault).update_digests()
    return vault


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sessions", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--fast-kdf", action="store_true", help="cheap KDF (tests only)")
    args = parser.parse_args()
    started = time.perf_counter()
    build_vault(args.folder, args.sessions, seed=args.seed, fast_kdf=args.fast_kdf)
    size = sum(p.stat().st_size for p in args.folder.rglob("*") if p.is_file()) / 1e6
    print(
        f"{args.sessions} sessions in {args.folder} ({size:.1f} MB) "
        f"in {time.perf_counter() - started:.1f} s; passphrase: {PASSPHRASE!r}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
