"""Replay a session of 3,000 events and print how long it takes (target: under 50 ms).

Run: `.venv/bin/python bench/bench_replay.py`. The session is built through the real engine on a
fake clock: eight members, two facilitators, a shipped-style agenda, mostly speaking turns with
check-ins, notes, homework and flags between them. Printed: replay from event objects, replay
from the journal's JSON lines (what resuming after a crash does), and one screen refresh's
readings (clock and members board) on the replayed state.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.demo import demo_group
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import Event, event_to_json, parse_event
from iop_facilitator.session.handling import replay
from iop_facilitator.session.speaking import speaking_view
from iop_facilitator.session.timing import clock_view

EVENTS = 3000
TARGET_MS = 50.0

AGENDA = Agenda.model_validate(
    {
        "agenda": {"title": "Process group", "kind": "process", "minutes": 240},
        "confidentiality": {"reminder": "What is said here stays here."},
        "phase": [
            {
                "id": "check-in",
                "title": "Check-in",
                "kind": "check-in",
                "minutes": 60,
                "turns": "round",
                "turn_seconds": 90,
                "checkin": {"scale": [0, 10], "fields": ["mood", "urges"]},
            },
            {"id": "process", "title": "Process", "kind": "discussion", "minutes": 150},
            {"id": "closing", "title": "Closing", "kind": "closing", "minutes": 30},
        ],
    }
)


def build_session(n_events: int, seed: int = 7) -> list[Event]:
    """A session of exactly `n_events` events, made through the engine."""
    rng = random.Random(seed)
    group = demo_group(on=date(2026, 11, 1))
    clock = FakeClock()
    engine = SessionEngine.start(group=group, agenda=AGENDA, clock=clock)
    members = [m.id for m in group.members]
    speakers = members + [f.id for f in group.facilitators]
    for m in members:
        engine.mark_present(m)
    engine.give_reminder()
    engine.start_phase()
    actions: list[Callable[[], object]] = [
        lambda: engine.start_turn(rng.choice(speakers)),
        lambda: engine.start_turn(rng.choice(speakers)),
        lambda: engine.start_turn(rng.choice(speakers)),
        lambda: engine.end_turn(),
        lambda: engine.pass_turn(rng.choice(members)),
        lambda: engine.record_checkin(rng.choice(members), {"mood": rng.randint(0, 10)}),
        lambda: engine.add_note("Observed engagement", member_id=rng.choice(members)),
        lambda: engine.assign_homework("Practise the skill", [rng.choice(members)]),
    ]
    while len(engine.events) < n_events - 1:
        clock.advance(rng.uniform(0.5, 6.0))
        try:
            rng.choice(actions)()
        except EventRefused:
            continue
    engine.end_session()
    return list(engine.events)


def best_ms(action: Callable[[], object], repeats: int = 15) -> tuple[float, float]:
    """(best, median) wall time of `action` in milliseconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    events = build_session(EVENTS)
    lines = [event_to_json(e) for e in events]
    state = replay(events)
    at = state.last_at
    print(f"session: {len(events)} events, {len(state.turns)} turns, {len(lines[0])} B first line")
    best, median = best_ms(lambda: replay(events))
    verdict = "OK" if median < TARGET_MS else "OVER TARGET"
    print(f"replay from events:        best {best:7.2f} ms  median {median:7.2f} ms  ({verdict})")
    best, median = best_ms(lambda: replay(parse_event(line) for line in lines))
    print(f"parse JSON lines + replay: best {best:7.2f} ms  median {median:7.2f} ms")
    best, median = best_ms(lambda: (clock_view(state, at), speaking_view(state, at)), 50)
    print(f"one refresh (clock+board): best {best:7.2f} ms  median {median:7.2f} ms")
    print(f"target: replay of {EVENTS} events under {TARGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
