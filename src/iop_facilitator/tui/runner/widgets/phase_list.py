"""The agenda's phases with planned and actual minutes: where the session is in its plan."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from iop_facilitator.tui.runner.views import PhaseProgress, PhaseRow

_MARKS = {
    PhaseProgress.DONE: "✓",
    PhaseProgress.CURRENT: "▶",
    PhaseProgress.SKIPPED: "-",
    PhaseProgress.TO_COME: " ",
}


class PhaseList(Widget):
    """Marks, titles, and `actual/planned` minutes, one line per phase."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "phase-list--current",
        "phase-list--faint",
        "phase-list--over",
    }

    DEFAULT_CSS = """
    PhaseList { height: auto; width: 1fr; }
    PhaseList > .phase-list--current { text-style: bold; }
    PhaseList > .phase-list--faint { color: $text-muted; }
    PhaseList > .phase-list--over { color: $error; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: tuple[PhaseRow, ...] = ()

    def show(self, rows: list[PhaseRow]) -> None:
        """Show these phases; repaints only on a change."""
        new_rows = tuple(rows)
        if new_rows != self._rows:
            layout = len(new_rows) != len(self._rows)
            self._rows = new_rows
            self.refresh(layout=layout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows)

    def render(self) -> Text:
        width = max(self.size.width, 20)
        text = Text(no_wrap=True, overflow="ellipsis")
        current = self.get_component_rich_style("phase-list--current")
        faint = self.get_component_rich_style("phase-list--faint")
        over = self.get_component_rich_style("phase-list--over")
        for index, row in enumerate(self._rows):
            actual = "" if row.actual_minutes is None else f"{round(row.actual_minutes)}/"
            figures = f"{actual}{round(row.planned_minutes)}m"
            title_width = max(4, width - len(figures) - 3)
            title = row.title[:title_width].ljust(title_width)
            style = (
                current
                if row.progress is PhaseProgress.CURRENT
                else faint
                if row.progress in (PhaseProgress.DONE, PhaseProgress.SKIPPED)
                else None
            )
            text.append(f"{_MARKS[row.progress]} {title} ", style=style)
            late = row.actual_minutes is not None and row.actual_minutes > row.planned_minutes
            text.append(figures, style=over if late else style)
            if index < len(self._rows) - 1:
                text.append("\n")
        return text
