"""The members board: who is here, who is speaking, who is next, and everyone's airtime."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from iop_facilitator.tui.common.names import fit_names
from iop_facilitator.tui.runner.views import BoardTotals, MemberRow
from iop_facilitator.wording import bar_text, clock_text, equity_brief, percent

SPEAKING_MARK = "▶"
NEXT_MARK = "›"  # noqa: RUF001 (a mark, not a quote)
NOT_YET_MARK = "◦"
"""Not yet spoken in this phase: a shape as well as a colour, for colour-blind eyes."""


class MembersBoard(Widget):
    """Renders `rows` to the width it is given: the bar takes what the other columns leave."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "members-board--bar",
        "members-board--faint",
        "members-board--flag",
        "members-board--not-yet",
        "members-board--speaking",
    }

    DEFAULT_CSS = """
    MembersBoard {
        height: auto;
        width: 1fr;
    }
    MembersBoard > .members-board--bar { color: $success; }
    MembersBoard > .members-board--faint { color: $text-muted; }
    MembersBoard > .members-board--flag { color: $error; text-style: bold; }
    MembersBoard > .members-board--not-yet { color: $warning; text-style: bold; }
    MembersBoard > .members-board--speaking { background: $accent 40%; text-style: bold; }
    """

    NAME_WIDTH = 11
    MIN_BAR = 10

    class MemberChosen(Message):
        """A member's row was clicked: the same as pressing their key."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        self._shown: dict[int, str] = {}
        super().__init__(id=id, classes=classes)
        self._rows: tuple[MemberRow, ...] = ()
        self._totals = BoardTotals(equity=0.0, facilitator_share=0.0)

    def show(self, rows: list[MemberRow], totals: BoardTotals) -> None:
        """Show these rows and totals; repaints only if something changed."""
        new_rows = tuple(rows)
        if new_rows == self._rows and totals == self._totals:
            return
        layout = len(new_rows) != len(self._rows)
        self._rows = new_rows
        self._totals = totals
        self.refresh(layout=layout)

    def on_click(self, event: events.Click) -> None:
        position = event.y - 1  # the first line is the heading
        if 0 <= position < len(self._rows) and self._rows[position].present:
            self.post_message(self.MemberChosen(position))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows) + 1 + self._legend_lines(width)

    def _legend_lines(self, width: int) -> int:
        """The legend's lines: the "◦" mark's meaning goes on a line of its own when the
        figures leave no room for it (it must always be said, whatever the width)."""
        return 1 if width >= 64 else 2

    def render(self) -> Text:
        width = max(self.size.width, 30)
        # key+mark (4), name, status (6), bar, time (6), turns (4), not-yet mark (2): names get
        # the room the window has (at least NAME_WIDTH, leaving the bar MIN_BAR), never a
        # fixed cut; what still does not fit is cut with an ellipsis, then shown as initials.
        others = 4 + 6 + 6 + 4 + 2
        longest = max((len(row.name) for row in self._rows), default=0)
        room = width - others - self.MIN_BAR
        name_width = max(min(longest, room), min(self.NAME_WIDTH, room), 2)
        fixed = others + name_width
        self._shown = dict(
            zip(
                (id(row) for row in self._rows),
                fit_names(
                    [r.name for r in self._rows],
                    [r.initials or r.name[:2] for r in self._rows],
                    name_width,
                ),
                strict=True,
            )
        )
        bar_width = max(3, width - fixed)
        most = max((row.share for row in self._rows), default=0.0)
        faint = self.get_component_rich_style("members-board--faint")
        heading = f"{'':4}{'Member':<{name_width}}{'':6}{'Airtime':<{bar_width}}{'time':>6}{'#':>4}"
        lines = [Text(heading, style=faint)]
        lines += [self._row_text(row, name_width, bar_width, most) for row in self._rows]
        totals = self._totals
        legend = f"{equity_brief(totals.equity).capitalize()} · Facilitators "
        legend += percent(totals.facilitator_share)
        mark_legend = f"{NOT_YET_MARK} not yet in phase"
        if self._legend_lines(width) == 1:
            legend += f" · {mark_legend}"
        lines.append(Text(legend, style=faint))
        if self._legend_lines(width) == 2:
            lines.append(Text(mark_legend, style=faint))
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    def _row_text(self, row: MemberRow, name_width: int, bar_width: int, most: float) -> Text:
        mark = SPEAKING_MARK if row.speaking else NEXT_MARK if row.is_next else " "
        name = self._shown.get(id(row), row.name)[:name_width].ljust(name_width)
        status = f" {row.status[:4]:<4} " if row.status else " " * 6
        faint = self.get_component_rich_style("members-board--faint")
        text = Text(no_wrap=True)
        if not row.present:
            text.append(f"  {mark} {name} {row.status}", style=faint)
            return text
        speaking = self.get_component_rich_style("members-board--speaking")
        style = speaking if row.speaking else Style(bold=True) if row.is_next else Style()
        text.append(f"{row.key or ' ':>1} ", style=Style(bold=True))
        text.append(f"{mark} {name}", style=style)
        flag = self.get_component_rich_style("members-board--flag")
        text.append(status, style=flag if row.status == "flag" else faint)
        # Bars are scaled to the most-heard member so small differences stay visible.
        scaled = row.share / most if most > 0 else 0.0
        bar = self.get_component_rich_style("members-board--bar")
        text.append(bar_text(scaled, bar_width), style=bar)
        text.append(f"{clock_text(row.airtime):>6}{row.turns:>4}", style=style)
        not_yet = self.get_component_rich_style("members-board--not-yet")
        text.append(f" {NOT_YET_MARK}" if row.not_yet_in_phase else "  ", style=not_yet)
        return text
