"""Sessions: every session newest first, narrowed by a filter line; Enter opens one."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Label

from iop_facilitator.review.sessions import SessionFilter, list_sessions
from iop_facilitator.tui.review import keys
from iop_facilitator.tui.review.screens.base import ReviewView
from iop_facilitator.tui.review.widgets import ReviewTable
from iop_facilitator.wording import count, when

SHOWN = 300  # rows in the table; the filter narrows the rest
WIDE = (("Date", 16), ("Group", 17), ("Agenda", 21), ("Here", 5), ("Note", 5))
NARROW = (("Date", 10), ("Group", 14), ("Agenda", 14), ("Here", 5), ("Note", 5))
"""Column widths at 80 columns and more, and below (a terminal beside a video call)."""


def clip(text: str, width: int) -> str:
    """`text` cut to `width` cells with "…" when it is longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_filter(text: str) -> SessionFilter:
    """`words group:NAME agenda:TEXT from:YYYY-MM-DD to:YYYY-MM-DD` as a `SessionFilter`.

    A date that does not parse is ignored rather than refused: the line is typed live.
    """
    fields: dict[str, str] = {}
    words = []
    for token in text.split():
        key, sep, value = token.partition(":")
        if sep and key.lower() in ("group", "agenda", "from", "to") and value:
            fields[key.lower()] = value
        else:
            words.append(token)

    def day(value: str | None) -> date | None:
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            return None

    return SessionFilter(
        group=fields.get("group", ""),
        agenda=fields.get("agenda", ""),
        since=day(fields.get("from")),
        until=day(fields.get("to")),
        text=" ".join(words),
    )


class SessionsView(ReviewView):
    """Every session, newest first."""

    VIEW = "sessions"
    BINDINGS = keys.SESSIONS

    def compose_view(self) -> ComposeResult:
        yield Input(
            placeholder="Filter: words group:NAME agenda:TEXT from:2026-01-31 to:… (Esc: list)",
            id="filter",
        )
        yield Label("", id="count", classes="count")
        yield ReviewTable(id="sessions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    def refresh_view(self) -> None:
        self._fill(self.query_one("#filter", Input).value)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    def on_resize(self) -> None:
        self._fill(self.query_one("#filter", Input).value)

    def _fill(self, text: str) -> None:
        archive = self.review.archive
        found = list_sessions(archive, parse_filter(text))
        table = self.query_one("#sessions", DataTable)
        columns = WIDE if self.size.width >= 78 or not self.size.width else NARROW
        if [c.width for c in table.columns.values()] != [w for _, w in columns]:
            table.clear(columns=True)
            for label, width in columns:
                table.add_column(label, width=width)
        else:
            table.clear()
        date_width, group_width, agenda_width = (w for _, w in columns[:3])
        # Unfinished sessions whose content could not be read (in progress, or damaged at
        # their start) have no digest: listed on their own, unless a filter is typed.
        unread = [u for u in self.review.unfinished if u.summary is None and not text.strip()]
        for u in unread:
            listing = u.listing
            table.add_row(
                when(listing.started)[:date_width] if listing and listing.started else "?",
                clip(listing.group_name if listing and listing.group_name else "?", group_width),
                clip("in progress" if listing is None else listing.agenda_title, agenda_width),
                "",
                "LIVE" if listing is None else "DAMGD",
                key=u.session_id,
            )
        for d in found[:SHOWN]:
            unfinished = self.review.unfinished_session(d.session_id)
            note = archive.note_status(d.session_id).value[:5]
            if unfinished is not None:  # read from its journal: no clinical note yet
                note = "DAMGD" if unfinished.problem else "UNFIN"
            elif d.session_id in self.review.note_conflicts:  # edited on two computers
                note = "2 VER"
            table.add_row(
                when(d.started)[:date_width],
                clip(d.group_name, group_width),
                clip(d.agenda_title, agenda_width),
                f"{d.attended}/{len(d.members)}",
                note,
                key=d.session_id,
            )
        total = len(found) + len(unread)
        more = f" (showing {SHOWN}; narrow with the filter)" if len(found) > SHOWN else ""
        live = sum(1 for u in unread if u.in_progress)
        open_ones = sum(1 for d in found if not d.finished) + len(unread) - live
        unfinished_text = f", {open_ones} unfinished" if open_ones else ""
        unfinished_text += f", {live} in progress (read once stopped)" if live else ""
        two = sum(1 for d in found if d.session_id in self.review.note_conflicts)
        if two:
            unfinished_text += f", {count(two, 'note')} in two versions (2 VER: open to choose)"
        if archive.problems:
            unfinished_text += f"; {count(len(archive.problems), 'problem')}: {archive.problems[0]}"
        self.query_one("#count", Label).update(
            f"{count(total, 'session')}{unfinished_text}{more}" if total else "No session matches."
        )

    def action_leave_box(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(DataTable.RowSelected, "#sessions")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def _open(self, session_id: str) -> None:
        from iop_facilitator.tui.review.screens.session_detail import SessionDetailScreen

        self.app.push_screen(SessionDetailScreen(session_id))

    def action_attendance_register(self) -> None:
        """The attendance register (as `export attendance`), for the filter's group and
        dates: CSV, or a printable table."""
        from iop_facilitator.review.export.exports import FileFormat, attendance_export
        from iop_facilitator.tui.review.screens.exporting import Exporting

        wanted = parse_filter(self.query_one("#filter", Input).value)
        library, archive = self.review.library, self.review.archive
        Exporting(
            self,
            lambda fmt: attendance_export(
                library,
                archive,
                since=wanted.since,
                until=wanted.until,
                group=wanted.group or None,
                fmt=fmt,
            ),
            (FileFormat.CSV, FileFormat.HTML, FileFormat.MARKDOWN),
        ).start()
