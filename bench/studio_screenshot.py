"""Save the SVG screenshot of the agenda studio for the README (docs/agenda-studio.svg).

Drives the real editor through the same steps as its snapshot test, so the picture is the same
on every run: `python bench/studio_screenshot.py`.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout, for the `tests` package

from tests.studio.studio_testing import studio_on  # noqa: E402
from tests.studio.test_studio_snapshots import check_in_with_a_problem, evening_copy  # noqa: E402


async def shoot(size: tuple[int, int], target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = studio_on(evening_copy(Path(folder)))
        async with app.run_test(size=size) as pilot:
            await check_in_with_a_problem(pilot)
            await pilot.pause()
            app.save_screenshot(filename=target.name, path=str(target.parent))
    print(f"{target.relative_to(ROOT)}: {size[0]}x{size[1]}")


def main() -> None:
    asyncio.run(shoot((80, 24), ROOT / "docs" / "agenda-studio.svg"))


if __name__ == "__main__":
    main()
