"""The confidentiality reminder and the group's norms, large enough to read aloud."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from iop_facilitator.tui.runner import keys


class ReminderScreen(ModalScreen[bool]):
    """Shows the reminder (and the norms); `g` dismisses with True (given), Esc with False."""

    BINDINGS = keys.REMINDER

    DEFAULT_CSS = """
    ReminderScreen { align: center middle; background: $background 85%; }
    ReminderScreen > VerticalScroll {
        width: 76; max-width: 100%; height: 1fr;
        border: round $secondary; background: $surface; padding: 0 2;
    }
    ReminderScreen #heading { text-style: bold reverse; width: 1fr; padding: 0 1; }
    ReminderScreen #why { color: $warning; text-style: bold; width: 1fr; }
    ReminderScreen #reminder { text-style: bold; width: 1fr; margin: 1 0; }
    ReminderScreen #norms { width: 1fr; }
    """

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

    def action_help(self) -> None:
        from iop_facilitator.tui.runner.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
