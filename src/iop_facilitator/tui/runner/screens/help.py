"""`?`: every key of the runner, written from the keymap so it can never fall out of date."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from iop_facilitator.tui.runner import keys


def key_table() -> Table:
    """All keys, screen by screen, as a two-column table."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for screen, bindings in keys.SCREENS_FOR_HELP.items():
        table.add_row("", f"[b u]{screen}[/]")
        if screen == "Session":
            table.add_row("1-9, 0, b d g…", "Give the floor to that member (or click their row)")
        seen: set[str] = set()
        for binding in bindings:
            if (
                not isinstance(binding, Binding)
                or binding.description in seen
                or not binding.description
            ):
                continue
            seen.add(binding.description)
            table.add_row(keys.key_label(binding), binding.tooltip or binding.description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """A scrollable key reference over whatever screen is showing; timers keep running."""

    BINDINGS = keys.HELP

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 100%; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-align: center;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (Esc closes)"
            yield Static(key_table())

    def action_close(self) -> None:
        self.dismiss(None)
