"""Groups: each group's figures; Enter opens its figures week by week."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from iop_facilitator.review.group_figures import all_group_figures
from iop_facilitator.tui.review.screens.base import ReviewView
from iop_facilitator.tui.review.widgets import ReviewTable
from iop_facilitator.wording import EQUITY_MEANS, count, percent


class GroupsView(ReviewView):
    VIEW = "groups"

    def compose_view(self) -> ComposeResult:
        yield Label("", id="count", classes="count")
        table = ReviewTable(id="groups", cursor_type="row", zebra_stripes=True)
        table.add_columns("Group", "Sessions", "/week", "Attend", "Equity", "Facil.", "Homework")
        yield table

    def refresh_view(self) -> None:
        table = self.query_one("#groups", DataTable)
        table.clear()
        groups = all_group_figures(self.review.archive)
        for g in groups:
            table.add_row(
                g.name,
                str(g.sessions),
                f"{g.sessions_per_week:.1f}",
                percent(g.attendance_rate),
                f"{g.equity_gini:.2f}",
                percent(g.facilitator_share),
                percent(g.homework_rate),
                key=g.group_id,
            )
        self.query_one("#count", Label).update(
            f"{count(len(groups), 'group')} · equity {EQUITY_MEANS} · Facil. = facilitator share"
        )
        table.focus()

    @on(DataTable.RowSelected, "#groups")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def _open(self, group_id: str) -> None:
        from iop_facilitator.tui.review.screens.group_detail import GroupDetailScreen

        self.app.push_screen(GroupDetailScreen(group_id))
