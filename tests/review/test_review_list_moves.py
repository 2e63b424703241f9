"""Every review list moves the same way (issue 10, item 12): j/k, Home/End and G, and g stays
the Groups view however a list has the focus."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList

from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import Built


@pytest.mark.parametrize(("view", "table_id"), [("s", "sessions"), ("m", "members")])
async def test_a_table_moves_to_the_last_and_first_row(
    built: Built, view: str, table_id: str
) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(view)
        await settle(pilot)
        table = app.screen.query_one(f"#{table_id}", DataTable)
        assert table.row_count > 1
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home", "G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("k")
        assert table.cursor_row == table.row_count - 2
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("g")  # the Groups view, never "the top"
        await settle(pilot)
        assert app.screen.query_one("#groups", DataTable).has_focus


async def test_the_search_hits_move_like_the_tables(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"weekend", "escape")
        await pilot.pause()
        hits = app.screen.query_one("#hits", OptionList)
        assert hits.has_focus and hits.option_count > 2
        await pilot.press("home", "j")
        assert hits.highlighted == 1
        await pilot.press("G")
        assert hits.highlighted == hits.option_count - 1
        await pilot.press("k")
        assert hits.highlighted == hits.option_count - 2
        await pilot.press("home")
        assert hits.highlighted == 0
