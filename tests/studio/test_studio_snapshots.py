"""What the agenda studio looks like at 80x24, 60x24 and 120x40: a shipped template being made
into a 75-minute agenda, with the loader's problem said under the field and in the list.

Update the pictures after a deliberate change with `pytest --snapshot-update tests/studio`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from studio_testing import choose, studio_on, type_into
from textual.pilot import Pilot

from iop_facilitator.agenda.catalog import shipped_agenda_dir

SnapCompare = Callable[..., bool]
SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((60, 24), id="60x24"),
    pytest.param((120, 40), id="120x40"),
]


@pytest.mark.parametrize("size", SIZES)
def test_editing_a_check_in_with_a_problem(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "evening-rp.toml"
    shutil.copyfile(shipped_agenda_dir() / "relapse-prevention-triggers.toml", path)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await choose(pilot, "agenda")
        await type_into(pilot, "minutes", "75")
        await choose(pilot, 0)
        await type_into(pilot, "minutes", "15")
        await choose(pilot, 0)

    assert snap_compare(studio_on(path), terminal_size=size, run_before=run_before)
