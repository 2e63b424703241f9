"""A list edited as lines of text (prompts, homework, norms, ratings): one item a line, and
Alt+↑/Alt+↓ move the item under the cursor up or down the list."""

from __future__ import annotations

from textual.widgets import TextArea

from iop_facilitator.tui.studio import keys


class LinesArea(TextArea):
    """A `TextArea` whose lines are the items of a list (see the module)."""

    BINDINGS = keys.LIST_ITEMS

    def action_move_line(self, step: int) -> None:
        """Swap the cursor's line with the one `step` away, and follow it."""
        row, column = self.cursor_location
        lines = self.text.split("\n")
        other = row + step
        if not 0 <= other < len(lines):
            return
        lines[row], lines[other] = lines[other], lines[row]
        self.replace("\n".join(lines), (0, 0), self.document.end)
        self.cursor_location = (other, min(column, len(lines[other])))
