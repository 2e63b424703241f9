"""`?` in either app: a scrollable list of keys, each with what it does, over the screen."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from iop_facilitator.tui.common import keys as common_keys

KeyRows = Sequence[tuple[str, str]]
"""(key as printed, what it does), in order."""


def key_table(sections: Sequence[tuple[str, KeyRows]]) -> Table:
    """The keys as a two-column table; a section with a title gets it as a heading."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for number, (title, rows) in enumerate(sections):
        if title:
            table.add_row("", f"[b u]{title}[/]")
        for key, what in rows:
            table.add_row(key, what)
        if number < len(sections) - 1:
            table.add_row("", "")
    return table


class KeysScreen(ModalScreen[None]):
    """The keys modal of both apps; Esc, ? or q closes it. Timers below keep running."""

    BINDINGS = common_keys.KEYS_MODAL

    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-align: center;
    }
    """

    def __init__(self, sections: Sequence[tuple[str, KeyRows]]) -> None:
        """`sections`: (title, rows) in order; one untitled section for a plain list."""
        super().__init__()
        self.sections = sections

    @property
    def keys(self) -> list[tuple[str, str]]:
        """Every row shown, in order."""
        return [row for _, rows in self.sections for row in rows]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (Esc closes)"
            yield Static(key_table(self.sections))

    def action_close(self) -> None:
        self.dismiss(None)
