"""Synthetic finished sessions at the scale of a career, for benchmarks.

`finished_sessions(count)` yields realistic payloads (8 members, 40 events, about 2 KB of
notes each) with the index entry a listing needs. Plain JSON for now; the review work is to
switch this to sessions made through the session engine, keeping the same function.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

FIRST_NAMES = [
    "Alex", "Bea", "Carmen", "Dmitri", "Esi", "Farid", "Grace", "Hana", "Ines", "Jonah",
    "Kemal", "Lena", "Mateo", "Nadia", "Owen", "Priya", "Quinn", "Rosa", "Sven", "Tariq",
    "Uma", "Viktor", "Wen", "Yusuf", "Zara",
]  # fmt: skip
GROUPS = ["Tuesday DBT skills", "Thursday process", "Relapse prevention", "Family group"]
AGENDAS = ["dbt-distress-tolerance", "process-group", "relapse-prevention", "family-support"]
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
EVENT_TYPES = ["turn-start", "turn-end", "pass", "check-in", "note", "phase-start", "phase-end"]


@dataclass(frozen=True)
class SyntheticSession:
    """One finished session: its id, the sealed payload's bytes and the index entry."""

    session_id: str
    payload: bytes
    index_entry: dict[str, Any]


def _notes(rng: random.Random, members: list[str], target_bytes: int) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    size = 0
    while size < target_bytes:
        member = rng.choice(members)
        text = f"{member} {rng.choice(PHRASES)}."
        notes.append({"member": member, "minute": rng.randint(1, 89), "text": text})
        size += len(text)
    return notes


def finished_session(rng: random.Random, number: int, start: datetime) -> SyntheticSession:
    """The `number`-th synthetic session, `number` weeks/days after `start`."""
    group = GROUPS[number % len(GROUPS)]
    when = start + timedelta(days=number * 7 // len(GROUPS), hours=number % len(GROUPS))
    members = rng.sample(FIRST_NAMES, 8)
    present = [m for m in members if rng.random() > 0.12]
    events = [
        {
            "type": rng.choice(EVENT_TYPES),
            "at": (when + timedelta(seconds=i * 130)).isoformat(),
            "member": rng.choice(present) if present else None,
        }
        for i in range(40)
    ]
    payload = {
        "session_id": f"session-{number:05d}",
        "group": group,
        "agenda": AGENDAS[number % len(AGENDAS)],
        "started": when.isoformat(),
        "members": members,
        "attendance": {m: ("present" if m in present else "absent") for m in members},
        "check_ins": {
            m: {"mood": rng.randint(1, 10), "urges": rng.randint(0, 10)} for m in present
        },
        "events": events,
        "notes": _notes(rng, present or members, 2000),
        "homework": [f"Practise a skill daily ({group})"],
    }
    entry = {
        "started": when.isoformat(),
        "group": group,
        "agenda": payload["agenda"],
        "present": len(present),
        "members": len(members),
    }
    return SyntheticSession(
        session_id=payload["session_id"],
        payload=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        index_entry=entry,
    )


def finished_sessions(count: int, *, seed: int = 2026) -> Iterator[SyntheticSession]:
    """`count` synthetic finished sessions, oldest first, the same for the same seed."""
    rng = random.Random(seed)
    start = datetime(2016, 1, 4, 17, 0, tzinfo=UTC)
    for number in range(count):
        yield finished_session(rng, number, start)
