"""The review app's lists: Textual's own, with Enter shown in the footer as "Open"."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable, OptionList


class ReviewTable(DataTable[str]):
    """A table of rows to open; Enter opens the highlighted row (and says so in the footer).

    Moves like the runner's lists: j/k, Home/End, and G for the last row (g stays the
    Groups view, as in every review screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", key_display="⏎"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("home", "scroll_top", "First", show=False),
        Binding("end,G", "scroll_bottom", "Last", show=False),
    ]

    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None

    def highlight(self, key: str | None) -> None:
        """Put the cursor back on the row with `key`, if the table still has it."""
        if key is None:
            return
        try:
            self.move_cursor(row=self.get_row_index(key))
        except Exception:
            return


class HitList(OptionList):
    """Search hits; Enter opens the highlighted hit's session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", key_display="⏎"),
    ]
