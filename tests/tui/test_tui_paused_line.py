"""The countdown's words stay on one line, paused or not, at 80x24 and at 60x24 (issue 10,
item 16), without taking room from the plan column or the airtime bars."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.tui.runner.widgets.countdown import Countdown
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import make_app, open_session, press


@pytest.mark.parametrize("size", [(80, 24), (90, 24), (60, 24)])
async def test_paused_and_time_left_fit_one_line(
    vault_path: Path, vault: Vault, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=size) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", "P")
        await pilot.pause()
        timing = app.screen.query_one(Countdown).query_one("#timing", Label)
        words = str(timing.render())
        assert words.startswith("PAUSED · ") and words.endswith(" LEFT")
        assert timing.region.height == 1, f"{words!r} wraps over {timing.region.height} lines"
        assert timing.region.width >= len(words)
