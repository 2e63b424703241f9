"""The review app's lists: Textual's own, with Enter shown in the footer as "Open"."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import DataTable, OptionList
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from iop_facilitator.tui.review import keys


class ReviewTable(DataTable[str]):
    """A table of rows to open; Enter opens the highlighted row (and says so in the footer).

    Moves like the runner's lists: j/k, Home/End, and G for the last row (g stays the
    Groups view, as in every review screen)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.OPEN_ROW

    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # a cursor past the rows: nothing to keep
            return None

    def highlight(self, key: str | None) -> None:
        """Put the cursor back on the row with `key`, if the table still has it."""
        if key is None:
            return
        try:
            self.move_cursor(row=self.get_row_index(key))
        except RowDoesNotExist:  # the row is gone (filtered out, handled)
            return


class HitList(OptionList):
    """Search hits; Enter opens the highlighted hit's session."""

    BINDINGS: ClassVar[list[BindingType]] = keys.OPEN_HIT
