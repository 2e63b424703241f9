"""The review app's lists: Textual's own, with Enter shown in the footer as "Open"."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import DataTable, OptionList

from iop_facilitator.tui.review import keys


class ReviewTable(DataTable[str]):
    """A table of rows to open; Enter opens the highlighted row (and says so in the footer)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.OPEN_ROW


class HitList(OptionList):
    """Search hits; Enter opens the highlighted hit's session."""

    BINDINGS: ClassVar[list[BindingType]] = keys.OPEN_HIT
