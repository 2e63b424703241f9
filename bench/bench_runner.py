"""How the live runner spends its time: a screen refresh, an action on the UI thread, and the
save that follows on the writer thread. Run: `.venv/bin/python bench/bench_runner.py`.

Drives the real app over a throwaway vault (cheap KDF; the journal's fsync is real) with a fake
clock, through a long open discussion. Printed: the cost of one display refresh (what the
0.25 s timer does) as the session grows, the time an action keeps the UI thread busy, and the
time until the journal has it on disk (which the UI never waits for).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout, for the `tests` package

from iop_facilitator.session.clock import FakeClock  # noqa: E402
from iop_facilitator.tui.runner.screens.session import SessionScreen  # noqa: E402
from tests.tui.runner_testing import make_app, make_vault, open_session, press  # noqa: E402

TURNS = 1500
REFRESH_BUDGET_MS = 250.0  # the display timer's period: a refresh must fit well inside it


def ms(seconds: float) -> float:
    return seconds * 1000


async def measure() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vault"
        vault, _group = make_vault(path)
        clock = FakeClock()
        app = make_app(path, clock, vault=vault)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_session(pilot)
            await press(pilot, "escape", "right_square_bracket", "x", "right_square_bracket")
            await press(pilot, "right_square_bracket")  # open discussion
            screen = app.screen
            assert isinstance(screen, SessionScreen) and app.live is not None
            recorder, live = screen.recorder, app.live
            members = [m.id for m in recorder.state.present_members()]
            on_ui: list[float] = []
            to_disk: list[float] = []
            refresh: dict[int, float] = {}
            for turn in range(TURNS):
                clock.advance(20)
                started = time.perf_counter()
                recorder.start_turn(members[turn % len(members)])
                on_ui.append(time.perf_counter() - started)
                live.flush(10)
                to_disk.append(time.perf_counter() - started)
                if (turn + 1) in (10, 100, 500, TURNS):
                    runs = []
                    for _ in range(20):
                        started = time.perf_counter()
                        screen.update_readings()
                        runs.append(time.perf_counter() - started)
                    refresh[len(recorder.state.turns)] = statistics.median(runs)
            events = len(list(recorder.engine.events))
    print(f"runner over a real vault, {events} events, {TURNS} speaking turns")
    for turns, seconds in refresh.items():
        share = ms(seconds) / REFRESH_BUDGET_MS
        print(f"  readings and widget updates, {turns:>5} turns: {ms(seconds):6.2f} ms", end="")
        print(f" ({share:.1%} of the 250 ms tick; painting comes after)")
    for label, samples in (("action on the UI thread", on_ui), ("until on disk (fsync)", to_disk)):
        p95 = statistics.quantiles(samples, n=20)[-1]
        median = statistics.median(samples)
        print(f"  {label:<28} median {ms(median):.3f} ms, p95 {ms(p95):.3f} ms")


if __name__ == "__main__":
    asyncio.run(measure())
