"""The timeline preview under the editor: the sum against the agenda's minutes, in colour and
in words, and where a late session would find time."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from iop_facilitator.agenda.timeline import Timeline


class TimelinePreview(Static):
    """Shows a `Timeline` (the per-phase start clocks are in the outline beside each phase)."""

    DEFAULT_CSS = """
    TimelinePreview { height: auto; padding: 0 1; background: $panel; }
    TimelinePreview.over { color: $error; text-style: bold; }
    TimelinePreview.spare { color: $success; }
    """

    def show(self, line: Timeline) -> None:
        """Say `line` (called on every change)."""
        spare = line.spare
        self.set_class(spare is not None and spare < 0, "over")
        self.set_class(spare is not None and spare >= 0, "spare")
        said = line.in_words()
        if line.unknown:
            said += f" Minutes not a number yet: {', '.join(line.unknown)}."
        if line.squeezed_first:
            firsts = ", ".join(f"{title} (to {floor})" for title, floor in line.squeezed_first)
            said += f" If late, time comes first from: {firsts}."
        self.update(escape(said))
