"""Members: everyone who was on a session's roster; Enter opens their history."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from iop_facilitator.review.member_history import members
from iop_facilitator.tui.review.screens.base import ReviewView
from iop_facilitator.tui.review.widgets import ReviewTable
from iop_facilitator.wording import day


class MembersView(ReviewView):
    VIEW = "members"

    def compose_view(self) -> ComposeResult:
        yield Label("", id="count", classes="count")
        table = ReviewTable(id="members", cursor_type="row", zebra_stripes=True)
        table.add_columns("Member", "Groups", "Sessions", "Last seen")
        yield table

    def refresh_view(self) -> None:
        table = self.query_one("#members", DataTable)
        table.clear()
        everyone = members(self.review.archive)
        for m in everyone:
            table.add_row(
                m.name,
                ", ".join(m.groups),
                str(m.sessions),
                day(m.last_seen) if m.last_seen else "never",
                key=m.id,
            )
        self.query_one("#count", Label).update(f"{len(everyone)} members")
        table.focus()

    @on(DataTable.RowSelected, "#members")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def _open(self, member_id: str) -> None:
        from iop_facilitator.tui.review.screens.member_detail import MemberDetailScreen

        self.app.push_screen(MemberDetailScreen(member_id))
