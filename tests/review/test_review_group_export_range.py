"""Exporting a group from review takes a date range, as `export --group --from --to` does, with
the same confirmation and the same access log (issue 10, item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from iop_facilitator.errors import UserError
from iop_facilitator.review.access_log import access_log
from iop_facilitator.review.export.exports import FileFormat
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.review.screens.exporting import DatedExporting
from iop_facilitator.tui.review.widgets import ReviewTable
from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import Built


async def test_a_group_export_from_review_takes_a_date_range(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "tuesday.md"
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        app.screen.query_one("#groups", ReviewTable).highlight("tue-group")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#field-from", Input).value = "2026-11-10"
        app.screen.query_one("#field-to", Input).value = "2026-11-17"
        app.screen.query_one("#field-file", Input).value = str(out)
        await pilot.press("ctrl+s")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ConfirmScreen):
                break
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert question.startswith("This writes the 2 sessions of Tuesday")
        assert "2026-11-10 to 2026-11-17" in question
        await pilot.press("y")
        for _ in range(100):
            await pilot.pause(0.02)
            if out.exists():
                break
    text = out.read_text()
    assert "2026-11-10 to 2026-11-17" in text
    assert "2026-11-03" not in text  # the first Tuesday is outside the range
    entry = access_log(built.vault)[0]
    assert entry.destination == str(out)
    assert "2 sessions" in entry.what


async def test_a_wrong_day_opens_the_form_again_with_what_was_typed(
    built: Built, tmp_path: Path
) -> None:
    from iop_facilitator.tui.review.screens.forms import FormScreen

    out = tmp_path / "tuesday.md"
    app = review_app(built.vault)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#field-from", Input).value = "10 Nov"
        app.screen.query_one("#field-file", Input).value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-from", Input).value == "10 Nov"
        assert app.screen.query_one("#field-file", Input).value == str(out)
    assert not out.exists()
    assert access_log(built.vault) == []


@pytest.mark.parametrize(
    ("since", "until", "sentence"),
    [
        ("10 Nov", "", "The first day is a date like 2026-11-02, not '10 Nov'."),
        ("", "2026-13-01", "The last day is a date like 2026-11-02, not '2026-13-01'."),
        ("2026-11-17", "2026-11-10", "The first day, 2026-11-17, is after the last, 2026-11-10."),
    ],
)
def test_a_wrong_range_is_one_sentence_before_anything_is_built(
    since: str, until: str, sentence: str
) -> None:
    built_ranges: list[object] = []
    exporting = DatedExporting(
        None,  # type: ignore[arg-type]  # the form's values are checked before the screen is used
        lambda fmt, a, b: built_ranges.append((a, b)),  # type: ignore[arg-type,func-returns-value]
        (FileFormat.MARKDOWN,),
    )
    with pytest.raises(UserError) as raised:
        exporting.make(FileFormat.MARKDOWN, {"from": since, "to": until})
    assert str(raised.value) == sentence
    assert built_ranges == []
