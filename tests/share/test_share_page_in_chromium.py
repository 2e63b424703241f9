"""The browser page in a real browser (Debian's Chromium, headless): it renders under its own
strict policy, follows the session by its script, and looks right at 1280x720."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_facilitator.session import GroupView, Slide
from iop_facilitator.share.server import ShareServer
from tests.review.test_review_html_in_chromium import _console_lines, _run, chromium

__all__ = ["chromium"]

FIRST = GroupView(
    Slide.PHASE,
    "Mindfulness: observing the breath",
    countdown="3:45",
    countdown_words="left",
    text="Feet on the floor. Observe the breath: in, and out.",
)
NEXT = GroupView(
    Slide.BREAK,
    "Break",
    "Break — back at 14:05",
    countdown="5:00",
    countdown_words="left",
)


@pytest.fixture
def server() -> Iterator[ShareServer]:
    served = ShareServer()
    served.show(FIRST)
    served.start()
    yield served
    served.stop()


def test_the_page_renders_with_no_problem_reported(
    chromium: str, server: ShareServer, tmp_path: Path
) -> None:
    done = _run(chromium, tmp_path, "--dump-dom", server.url)
    assert done.returncode == 0
    assert "Mindfulness: observing the breath" in done.stdout
    assert _console_lines(done.stderr) == []


def test_the_page_follows_the_session_by_its_script(
    chromium: str, server: ShareServer, tmp_path: Path
) -> None:
    # The page is loaded with the first slide; every later request gets the next one, as the
    # session moves on. Only the page's own script (allowed by its hash) can bring it in.
    served = iter([FIRST])
    original = server.current
    server.current = lambda: (next(served, NEXT), False)  # type: ignore[method-assign]
    done = _run(chromium, tmp_path, "--virtual-time-budget=3000", "--dump-dom", server.url)
    server.current = original  # type: ignore[method-assign]
    assert "Break — back at 14:05" in done.stdout
    assert "Mindfulness" not in done.stdout
    assert _console_lines(done.stderr) == []


def test_a_screenshot_at_the_size_of_a_shared_screen(
    chromium: str, server: ShareServer, tmp_path: Path
) -> None:
    picture = tmp_path / "share-view.png"
    _run(chromium, tmp_path, f"--screenshot={picture}", "--window-size=1280,720", server.url)
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size > 10_000  # large type, not a blank page
