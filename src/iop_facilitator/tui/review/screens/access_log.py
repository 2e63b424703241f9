"""Log: every export of plain text out of the vault, newest first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from iop_facilitator.review.access_log import access_log
from iop_facilitator.review.export.wording import when
from iop_facilitator.tui.review.screens.base import ReviewView
from iop_facilitator.tui.review.widgets import ReviewTable


class AccessLogView(ReviewView):
    VIEW = "log"

    def compose_view(self) -> ComposeResult:
        yield Label("", id="count", classes="count")
        table = ReviewTable(id="log", cursor_type="row", zebra_stripes=True)
        table.add_columns("When", "Form", "What", "Where")
        yield table

    def refresh_view(self) -> None:
        entries = access_log(self.review.library.vault)
        table = self.query_one("#log", DataTable)
        table.clear()
        for e in entries:
            table.add_row(when(e.at), e.format, e.what, e.destination)
        self.query_one("#count", Label).update(
            f"{len(entries)} exports" if entries else "Nothing has been exported from this vault."
        )
        table.focus()
