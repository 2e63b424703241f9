"""The review app's Log view: the access log, read off the UI thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.widgets import DataTable

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.access_log import record_export, record_export_failed
from tests.review.review_app_testing import review_app, settle
from tests.review.review_vault import Built

AT = datetime(2026, 11, 19, 16, 0, tzinfo=UTC)


async def test_log_view_reads_the_vault_off_the_ui_thread(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_export(built.vault, at=AT, what="group note", format="md", destination="/tmp/n.md")
    readers: list[threading.Thread] = []
    read = built.vault.index_entries

    def watched(kind: str) -> dict[str, dict[str, Any]]:
        if kind == RecordKind.ACCESS_LOG:
            readers.append(threading.current_thread())
        return read(kind)

    monkeypatch.setattr(built.vault, "index_entries", watched)
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert app.screen.query_one("#log", DataTable).row_count == 1
    assert readers and threading.main_thread() not in readers


async def test_log_view_marks_an_export_that_was_not_written(built: Built) -> None:
    record_id, entry = record_export(
        built.vault, at=AT, what="group note", format="md", destination="/tmp/n.md"
    )
    record_export_failed(built.vault, record_id, entry, "The disk is full.")
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        table = app.screen.query_one("#log", DataTable)
        assert str(table.get_row_at(0)[2]) == "NOT WRITTEN: group note"
