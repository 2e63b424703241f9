"""Review at the scale of a career: 5,000 sessions made through the engine (`generate_vault`).

    .venv/bin/python bench/bench_review.py [--vault DIR] [--sessions 5000]

In a fresh process: unlock (the KDF timed apart), then the review app headless at 80x24:
the first screen (the Sessions list, filled) after unlock, each view, opening a session, a
member and a group, and search, in the app and in the domain alone. Prints seconds.
Targets: first screen under 1.5 s after unlock, any view under 0.3 s, search under 1 s.

Times run from the key press to the end of the app's own work (the view filled, the screen
composed; for the Log, which reads on a worker thread, until the worker's result is shown);
painting follows on the next frame. The vault must have current review digests
(`generate_vault.py` builds them); a vault whose digests are missing or from an older
version rebuilds them on first open, once, decrypting every session.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate_vault import PASSPHRASE, build_vault
from memory import peak_rss_mb, reset_peak

SEARCH = "chain analysis"
MISS = "zyzzyva"
VIEWS = [("m", "Members"), ("g", "Groups"), ("f", "Follow-up"), ("l", "Log"), ("s", "Sessions")]


def _instrument() -> dict[str, list[float]]:
    """Record when the app's own work ends: a view filled, a screen shown, a search done.

    Timing the app's work, not the test pilot's idle detection (tens of ms per key press).
    """
    from iop_facilitator.tui.review.screens import (
        access_log,
        follow_up,
        group_detail,
        groups,
        member_detail,
        members,
        search,
        session_detail,
        sessions,
    )

    marks: dict[str, list[float]] = {}

    def wrap(cls: type, method: str, label: str) -> None:
        original = getattr(cls, method)

        @functools.wraps(original)
        def timed(self: object, *args: object, **kwargs: object) -> object:
            began = time.perf_counter()
            result = original(self, *args, **kwargs)
            done = time.perf_counter()
            marks.setdefault(label, []).append(done)
            marks.setdefault(f"{label} work", []).append(done - began)
            return result

        setattr(cls, method, timed)

    from iop_facilitator.review.library import Library

    # The app's own load of the archive, timed where it happens (loading a second archive
    # beside the app's would only measure the two held at once).
    wrap(Library, "archive", "archive")
    wrap(sessions.SessionsView, "_fill", "Sessions")
    wrap(members.MembersView, "refresh_view", "Members")
    wrap(groups.GroupsView, "refresh_view", "Groups")
    wrap(follow_up.FollowUpView, "refresh_view", "Follow-up")
    # The Log view reads the access log on a worker: it is filled when the worker's entries
    # are shown (or its error is), not when `refresh_view` returns having only started it.
    wrap(access_log.AccessLogView, "_show", "Log")
    wrap(access_log.AccessLogView, "_failed", "Log")
    wrap(search.SearchView, "_search", "Search")
    wrap(session_detail.SessionDetailScreen, "_show", "session")
    wrap(member_detail.MemberDetailScreen, "on_mount", "member")
    wrap(group_detail.GroupDetailScreen, "on_mount", "group")
    return marks


async def _until(pilot: object, marks: dict[str, list[float]], label: str, count: int) -> float:
    waited = time.perf_counter()
    while len(marks.get(label, [])) < count:
        if time.perf_counter() - waited > 60:
            raise SystemExit(f"the app never reported {label!r}")
        await asyncio.sleep(0.001)
    return marks[label][count - 1]


async def _measure_app(folder: Path) -> dict[str, float]:
    from iop_facilitator.review.library import Library
    from iop_facilitator.review.search import search
    from iop_facilitator.tui.review.app import ReviewApp
    from iop_facilitator.vault import Vault

    marks = _instrument()
    figures: dict[str, float] = {}
    started = time.perf_counter()
    vault = Vault.unlock(folder, PASSPHRASE)
    figures["unlock (KDF included)_s"] = time.perf_counter() - started
    figures["peak RSS MB, up to the end of unlock (KDF)"] = peak_rss_mb()
    measured_apart = reset_peak()

    started = time.perf_counter()
    app = ReviewApp(Library(vault))
    async with app.run_test(size=(80, 24)) as pilot:
        done = await _until(pilot, marks, "Sessions", 1)
        figures["first screen after unlock (Sessions list filled)_s"] = done - started
        figures["sessions"] = len(app.archive.sessions)
        await pilot.pause()

        for key, name in VIEWS:
            seen = len(marks.get(name, []))
            began = time.perf_counter()
            await pilot.press(key)
            figures[f"view {name}_s"] = await _until(pilot, marks, name, seen + 1) - began
            await pilot.pause()

        began = time.perf_counter()
        await pilot.press("enter")
        figures["open a session (decrypt, replay, show)_s"] = (
            await _until(pilot, marks, "session", 1) - began
        )
        await pilot.pause()
        await pilot.press("escape")
        for key, name in (("m", "member"), ("g", "group")):
            await pilot.press(key)
            await pilot.pause()
            began = time.perf_counter()
            await pilot.press("enter")
            figures[f"open a {name}_s"] = await _until(pilot, marks, name, 1) - began
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()

        await pilot.press("slash")
        await pilot.pause()
        before = len(marks.get("Search work", []))
        for letter in SEARCH:
            await pilot.press(letter if letter != " " else "space")
        await pilot.pause()
        typed = marks["Search work"][before:]
        figures["search as typed: slowest keystroke_s"] = max(typed)
        figures["search as typed: the whole query_s"] = typed[-1]

        started = time.perf_counter()
        hits = search(app.archive, SEARCH)
        figures["search, the query alone (domain)_s"] = time.perf_counter() - started
        figures["search hits (at most 500)"] = len(hits)
        started = time.perf_counter()
        search(app.archive, MISS)
        figures["search, a word no text holds (reads every text)_s"] = time.perf_counter() - started
    figures["archive load alone (index read + digests)_s"] = marks["archive work"][0]
    if measured_apart:
        figures["peak RSS MB, after unlock (app, views, search)"] = peak_rss_mb()
    # The whole run: the unlock's peak, or the peak since (the archive loaded again included).
    figures["peak RSS MB"] = max(
        figures["peak RSS MB, up to the end of unlock (KDF)"], peak_rss_mb()
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vault", type=Path, default=None, help="a vault from generate_vault")
    parser.add_argument("--sessions", type=int, default=5000)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(asyncio.run(_measure_app(args.measure))))
        return
    with tempfile.TemporaryDirectory(prefix="bench-review-") as temp:
        folder = args.vault
        if folder is None:
            folder = Path(temp) / "vault"
            started = time.perf_counter()
            build_vault(folder, args.sessions)
            print(f"generated {args.sessions} sessions in {time.perf_counter() - started:.0f} s")
        done = subprocess.run(
            [sys.executable, __file__, "--measure", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"review over {int(figures.pop('sessions'))} sessions (a fresh process, 80x24):")
    targets = {"first screen": 1.5, "view": 0.3, "open": 0.3, "search as": 1.0, "search,": 1.0}
    for name, value in figures.items():
        target = next((t for k, t in targets.items() if name.startswith(k)), None)
        shown = f"{value:.3f} s" if name.endswith("_s") else f"{value:.0f}"
        goal = f"  (target < {target} s)" if target else ""
        if name == "peak RSS MB":
            goal = "  (target < 200 MB; VmHWM, the whole process)"
        print(f"  {name.removesuffix('_s'):<52} {shown}{goal}")


if __name__ == "__main__":
    main()
