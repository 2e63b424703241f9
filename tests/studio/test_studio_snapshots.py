"""What the agenda studio looks like at 80x24, 60x24 and 120x40: a shipped template being made
into a 75-minute agenda, with the loader's problem said under the field and in the list.

Update the pictures after a deliberate change with `pytest --snapshot-update tests/studio`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from iop_facilitator.agenda.catalog import shipped_agenda_dir
from tests.studio.studio_testing import choose, studio_on, type_into

SnapCompare = Callable[..., bool]
SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((60, 24), id="60x24"),
    pytest.param((120, 40), id="120x40"),
]


async def check_in_with_a_problem(pilot: Pilot[None]) -> None:
    """A 90-minute template made into a 75-minute agenda, half done: the check-in shortened,
    the phases still 10 minutes too long (also the README's picture)."""
    await pilot.pause()
    await choose(pilot, "agenda")
    await type_into(pilot, "minutes", "75")
    await choose(pilot, 0)
    await type_into(pilot, "minutes", "15")
    await choose(pilot, 0)


def evening_copy(folder: Path) -> Path:
    """A user's copy of the shipped relapse-prevention template."""
    path = folder / "evening-rp.toml"
    shutil.copyfile(shipped_agenda_dir() / "relapse-prevention-triggers.toml", path)
    return path


@pytest.mark.parametrize("size", SIZES)
def test_editing_a_check_in_with_a_problem(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = studio_on(evening_copy(tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=check_in_with_a_problem)
