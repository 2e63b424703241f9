"""The review app's lists: Textual's own, with Enter shown in the footer as "Open"."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable, OptionList


class ReviewTable(DataTable[str]):
    """A table of rows to open; Enter opens the highlighted row (and says so in the footer)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", key_display="⏎"),
    ]


class HitList(OptionList):
    """Search hits; Enter opens the highlighted hit's session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", key_display="⏎"),
    ]
