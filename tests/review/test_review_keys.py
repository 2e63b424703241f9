"""The review app's keys: every one reachable at 60 columns (view bar, footer, `?`), `q` quits."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from iop_facilitator.tui.common.keys_help import KeysScreen
from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import Built


async def _press(pilot: Pilot[None], *keys: str) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_q_quits_review(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "q")
        assert not app.is_running


async def test_question_mark_lists_every_key_of_the_view(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "question_mark")
        assert isinstance(app.screen, KeysScreen)
        listed = [key for key, _ in app.screen.keys]
        # j/k, Home/End (and G), Ctrl+C and A (the attendance register): issue 10, item 12.
        assert listed == [
            "home",
            "end",
            "Enter",
            "j",
            "k",
            "Ctrl+C",
            "s",
            "m",
            "g",
            "f",
            "/",
            "l",
            "?",
            "q",
            "Ctrl+F",
            "A",
            "Esc",
        ]


async def test_question_mark_on_a_session_lists_the_note_keys(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "enter", "question_mark")
        assert isinstance(app.screen, KeysScreen)
        # The views' keys and x (export) work here too: issue 10, item 12.
        listed = [key for key, _ in app.screen.keys]
        assert listed == [
            "Ctrl+C",
            "s",
            "m",
            "g",
            "f",
            "/",
            "l",
            "Esc",
            "x",
            "e",
            "F",
            "a",
            "o",
            "v",  # both versions of a note edited on two computers (issue 14)
            "?",
        ]


async def test_the_view_bar_names_each_views_key_whole_at_60_columns(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(60, 24)) as pilot:
        await _press(pilot)
        bar = app.screen.query_one("#view-bar", Static)
        assert str(bar.render()).rstrip().endswith("l Log") and bar.size.width == 60


@pytest.mark.parametrize("keys", [(), ("enter",)], ids=["sessions", "session_detail"])
def test_review_footer_at_60_columns(
    built: Built, snap_compare: Any, keys: tuple[str, ...]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _press(pilot, *keys)

    app = review_app(built.vault)
    assert snap_compare(app, terminal_size=(60, 24), run_before=run_before)
