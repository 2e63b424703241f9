"""One member across all their sessions: attendance and streaks, check-ins as small charts,
airtime share per session, homework completion, notes and flags (open flags first)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Label, Static

from iop_facilitator.review.member_history import MemberHistory, member_history
from iop_facilitator.tui.review import keys
from iop_facilitator.tui.review.screens.base import ReviewScreen
from iop_facilitator.wording import bar_text, count, day, percent, scaled_bars

CHART_WIDTH = 40  # cells; longer series are averaged into this many bars

SHOWN_SESSIONS = 40  # the newest; the chart covers them all


def figures_text(history: MemberHistory) -> Text:
    """The member's headline figures in two lines."""
    c = history.counts
    return Text.assemble(
        (f"{history.name}\n", "bold"),
        f"{count(len(history.sessions), 'session')} · {c['present']} present, "
        f"{c['late'] + c['late-and-left-early']} late, {c['left-early']} left early, "
        f"{c['absent']} absent ({percent(history.attendance_rate)}) · streak "
        f"{history.streaks.current_attended} (longest {history.streaks.longest_attended}) · "
        f"homework {percent(history.homework_rate)}",
    )


WIDE = 76
"""From this many columns the share has its bar; narrower, the bar is dropped (never the
figure: a share is never cut to "3…")."""


def sessions_table(history: MemberHistory, width: int = WIDE) -> Table:
    """The member's sessions, newest first; at `width` under `WIDE` the share bar is dropped
    and the check-in wraps, so no figure is cut."""
    wide = width >= WIDE
    table = Table(box=None, padding=(0, 1), show_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Here", no_wrap=wide)
    table.add_column("Check-in", overflow="fold")
    table.add_column("Share", no_wrap=True, min_width=4, justify="right")
    for s in reversed(history.sessions[-SHOWN_SESSIONS:]):
        checkin = (
            "passed"
            if s.checkin_passed
            else " ".join(f"{k[:5]} {v}" for k, v in (s.checkin or {}).items()) or "—"
        )
        attended = s.attendance.attended
        table.add_row(
            day(s.started),
            s.attendance.label,
            checkin,
            (
                f"{bar_text(s.member_share, 10)} {percent(s.member_share)}"
                if wide
                else percent(s.member_share)
            )
            if attended
            else "",
        )
    return table


def flags_and_notes(history: MemberHistory) -> Text:
    text = Text()
    if history.flags:
        text.append("Safety flags\n", style="bold underline")
        for f in history.flags:
            text.append(
                f"{day(f.raised)} {f.note} — {f.handling_words()}\n",
                style="bold" if f.open else "",
            )
    if history.notes:
        text.append("Notes\n", style="bold underline")
        for n in history.notes:
            text.append(f"{day(n.started)} ({n.source}): {n.text}\n")
    return text


class MemberDetailScreen(ReviewScreen):
    """A member's history, from the archive in memory."""

    BINDINGS = keys.DETAIL

    def __init__(self, member_id: str) -> None:
        super().__init__()
        self.member_id = member_id

    def compose(self) -> ComposeResult:
        history = member_history(self.review.archive, self.member_id)
        with VerticalScroll(id="detail"):
            yield Static(figures_text(history), id="member-figures")
            for name, points in history.checkins.items():
                values = [float(v) for _, v in points]
                low, high = history.checkin_scale or (0, 10)
                with Horizontal(classes="chart"):
                    yield Label(f"{name[:8]:<8}", classes="chart-label")
                    line = Label(scaled_bars(values, low, high, CHART_WIDTH), classes="chart-line")
                    line.styles.width = min(len(values), CHART_WIDTH)
                    yield line
                    yield Label(
                        f" last {points[-1][1]} · min {min(v for _, v in points)} · "
                        f"max {max(v for _, v in points)}",
                        classes="chart-figures",
                    )
            yield Static(sessions_table(history, self.app.size.width), id="member-sessions")
            yield Static(flags_and_notes(history), id="member-notes")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#detail").focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        """This member's history out of the vault, as `export --member` does."""
        from iop_facilitator.review.export.exports import FileFormat, member_history_export
        from iop_facilitator.tui.review.screens.exporting import Exporting

        library, archive, member = self.review.library, self.review.archive, self.member_id
        Exporting(
            self,
            lambda fmt: member_history_export(library, archive, member=member, fmt=fmt),
            (FileFormat.MARKDOWN, FileFormat.HTML, FileFormat.JSON),
        ).start()
