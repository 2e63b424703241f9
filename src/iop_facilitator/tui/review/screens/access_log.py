"""Log: every export of plain text out of the vault, newest first."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from iop_facilitator.errors import UserError
from iop_facilitator.review.access_log import AccessLogEntry, access_log
from iop_facilitator.tui.review.screens.base import ReviewView
from iop_facilitator.tui.review.widgets import ReviewTable
from iop_facilitator.wording import when


class AccessLogView(ReviewView):
    VIEW = "log"

    def compose_view(self) -> ComposeResult:
        yield Label("", id="count", classes="count")
        table = ReviewTable(id="log", cursor_type="row", zebra_stripes=True)
        table.add_columns("When", "Form", "What", "Where")
        yield table

    def refresh_view(self) -> None:
        self.query_one("#log", DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="access-log")
    def _load(self) -> None:
        # Reading the log may re-read and decrypt the vault's index: never on the UI thread.
        try:
            entries = access_log(self.review.library.vault)
        except UserError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show, entries)

    def _failed(self, message: str) -> None:
        self.query_one("#count", Label).update(message)

    def _show(self, entries: list[AccessLogEntry]) -> None:
        table = self.query_one("#log", DataTable)
        table.clear()
        for e in entries:
            what = f"NOT WRITTEN: {e.what}" if e.failed else e.what
            table.add_row(when(e.at), e.format, what, e.destination)
        self.query_one("#count", Label).update(
            f"{len(entries)} exports" if entries else "Nothing has been exported from this vault."
        )
