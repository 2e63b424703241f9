"""The confidentiality reminder and the group's norms, large enough to read aloud."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.runner import keys


class ReminderScreen(ModalScreen[bool]):
    """Shows the reminder (and the norms); `g` dismisses with True (given), Esc with False."""

    BINDINGS = keys.REMINDER

    def __init__(self, reminder: str, norms: list[str], why: str, heading: str = "") -> None:
        """`heading` says why it is read again mid-session (the text stays the author's, which
        may open with "Before we start")."""
        super().__init__()
        self._heading = heading
        self._reminder = reminder
        self._norms = norms
        self._why = why

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Confidentiality"
            box.border_subtitle = "g  given · Esc  later"
            if self._heading:
                yield Label(self._heading, id="heading")
            yield Label(self._why, id="why")
            yield Static(" ".join(self._reminder.split()), id="reminder")
            if self._norms:
                norms = "\n".join(f"• {norm}" for norm in self._norms)
                yield Static(f"[b]Our agreements[/b]\n{norms}", id="norms")
        yield Footer()

    def action_given(self) -> None:
        self.dismiss(True)

    def action_later(self) -> None:
        self.dismiss(False)

    def action_keys(self) -> None:
        """`?`: every key of the runner."""
        self.app.push_screen(KeysScreen(keys.help_sections()))
