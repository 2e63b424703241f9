"""Follow-up: open safety flags, homework not reviewed, notes not final — across all groups.

Enter on a flag asks who handled it and what was done, and records it; Enter on homework or a
note opens its session.
"""

from __future__ import annotations

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from iop_facilitator.errors import UserError
from iop_facilitator.review.follow_up import follow_up
from iop_facilitator.review.safety_flags import handle_flag
from iop_facilitator.tui.review.screens.base import ReviewView
from iop_facilitator.tui.review.screens.forms import Field, FormScreen
from iop_facilitator.tui.review.widgets import ReviewTable
from iop_facilitator.wording import count, day

SHOWN_NOTES = 200


class FollowUpView(ReviewView):
    VIEW = "follow-up"

    def compose_view(self) -> ComposeResult:
        yield Label("", id="count", classes="count")
        table = ReviewTable(id="follow-up", cursor_type="row", zebra_stripes=True)
        table.add_columns("Open", "Date", "Group", "Who", "What")
        yield table

    def refresh_view(self) -> None:
        table = self.query_one("#follow-up", DataTable)
        table.clear()
        items = follow_up(self.review.archive)
        for f in items.flags:
            table.add_row(
                "FLAG", day(f.raised), f.group_name, f.member_name, f.note, key=f"flag:{f.id}"
            )
        for h in items.homework:
            who = ", ".join(h.member_names) or "group"
            table.add_row(
                "HOMEWORK",
                day(h.due_on),
                h.group_name,
                who,
                f"not reviewed: {h.text}",
                key=f"session:{h.due_in}:{h.homework_id}",
            )
        for n in items.notes[:SHOWN_NOTES]:
            table.add_row(
                "NOTE",
                day(n.started),
                n.group_name,
                "",
                f"{n.status.value}: {n.agenda_title}",
                key=f"session:{n.session_id}",
            )
        self.query_one("#count", Label).update(
            f"{count(len(items.flags), 'safety flag')} · "
            f"{len(items.homework)} homework not reviewed · "
            f"{count(len(items.notes), 'note')} not final"
        )
        table.focus()

    @on(DataTable.RowSelected, "#follow-up")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def _open(self, key: str) -> None:
        kind, _, rest = key.partition(":")
        if kind == "flag":
            flag = next((f for f in follow_up(self.review.archive).flags if f.id == rest), None)
            if flag is None:  # handled meanwhile, in another window
                self.refresh_view()
                return
            self.app.push_screen(
                FormScreen(
                    f"Mark handled: the safety flag about {escape(flag.member_name)}",
                    [
                        Field("note", "What was done"),
                        Field("by", "Handled by", self.review.signer),
                    ],
                    f"Raised {day(flag.raised)} in {escape(flag.group_name)}: {escape(flag.note)}\n"
                    "Recorded with the date and time, and shown in the member's history.",
                ),
                lambda values: self._handled(rest, values),
            )
        else:
            from iop_facilitator.tui.review.screens.session_detail import SessionDetailScreen

            self.app.push_screen(SessionDetailScreen(rest.split(":")[0]))

    def _handled(self, flag_id: str, values: dict[str, str] | None) -> None:
        if values is not None:
            self._record(flag_id, values["by"], values["note"])

    @work(thread=True, exclusive=True, group="handle-flag")
    def _record(self, flag_id: str, by: str, note: str) -> None:
        review = self.review
        try:
            handle_flag(
                review.library.vault, review.archive, flag_id, by=by, note=note, at=review.now()
            )
        except UserError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._recorded)

    def _recorded(self) -> None:
        self.notify("The flag is marked handled.")
        self.refresh_view()
