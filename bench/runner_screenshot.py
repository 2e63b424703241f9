"""Save SVG screenshots of a running session for the README (docs/runner-session*.svg).

Drives the real runner over a throwaway vault with a fake clock, so the pictures are the same
on every run: `python bench/runner_screenshot.py`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout, for the `tests` package

from iop_facilitator.session.clock import FakeClock  # noqa: E402
from iop_facilitator.tui.runner.screens.session import SessionScreen  # noqa: E402
from tests.tui.runner_testing import make_app, make_vault  # noqa: E402
from tests.tui.test_tui_snapshots import open_discussion  # noqa: E402


async def shoot(size: tuple[int, int], target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vault"
        vault, _group = make_vault(path)
        clock = FakeClock()
        app = make_app(path, clock, vault=vault)
        async with app.run_test(size=size) as pilot:
            await open_discussion(pilot, clock)
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            screen.update_readings()
            await pilot.pause()
            app.save_screenshot(filename=target.name, path=str(target.parent))
    print(f"{target.relative_to(ROOT)}: {size[0]}x{size[1]}")


def main() -> None:
    os.environ["TZ"] = "UTC"
    time.tzset()
    asyncio.run(shoot((80, 24), ROOT / "docs" / "runner-session.svg"))
    asyncio.run(shoot((60, 24), ROOT / "docs" / "runner-session-60.svg"))


if __name__ == "__main__":
    main()
