"""The round trips between the runner and the other apps: from the start screen to review (or
to the agenda studio on today's copy of the agenda) and back to a new runner at the start."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iop_facilitator.tui.runner.app import RunnerApp
    from iop_facilitator.tui.runner.sessions import SessionSource


def run_with_review(make_runner: Callable[[bool], RunnerApp], source: SessionSource) -> RunnerApp:
    """Run the runner (`make_runner(first)` builds it); each time the facilitator opens review
    from the start screen, run review over the same unlocked vault (or, for `e`, the agenda
    studio on today's copy of the agenda), then a new runner, which comes back to the start
    screen. Returns the last runner, which ended the program."""
    first = True
    while True:
        runner = make_runner(first)
        runner.run()
        if runner.edit_requested:
            source.edit_agenda()  # today's copy, in the agenda studio; then back to the start
        elif runner.review_requested:
            source.review_app().run()
        else:
            return runner
        first = False
