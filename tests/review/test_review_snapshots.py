"""What each view of the review app looks like at 80x24, pinned as SVG snapshots.

After an intended change: `pytest tests/review/test_review_snapshots.py --snapshot-update`,
then look at the new SVGs before committing.
"""

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import Built

SIZE = (80, 24)


def _keys(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


VIEWS = {
    "sessions": (),
    "members": ("m",),
    "groups": ("g",),
    "follow_up": ("f",),
    "search": ("slash", *"sleep", "escape"),
    "log": ("l",),
    "session_detail": ("enter",),
    "member_detail": ("m", "enter"),
    "group_detail": ("g", "down", "enter"),
}


@pytest.mark.parametrize("view", list(VIEWS))
def test_review_view_at_80_by_24(view: str, built: Built, snap_compare: Any) -> None:
    assert snap_compare(review_app(built.vault), terminal_size=SIZE, run_before=_keys(*VIEWS[view]))


@pytest.mark.parametrize("size", [(80, 24), (60, 24)], ids=["80x24", "60x24"])
def test_note_editor_saying_a_part_reads_like_others(
    size: tuple[int, int], built: Built, snap_compare: Any
) -> None:
    # tue-s1 (the oldest session): Maria's, James's and Aisha's Intervention read the same.
    keys = ("down", "down", "down", "down", "enter", "e", "ctrl+n")
    assert snap_compare(review_app(built.vault), terminal_size=size, run_before=_keys(*keys))
