"""Quitting while actions wait to be saved: the app stays open, retrying, and closes once saved.

The facilitator may still quit knowingly (the actions not saved are then lost) or go back to
the session; the count and the reason follow the journal writer as it retries.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from iop_facilitator.session import SaveStatus
from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.messages import QuitAsked, SaveStatusChanged
from iop_facilitator.tui.runner.quitting import unsaved_words


class SavingBeforeQuitScreen(ModalScreen[bool]):
    """Dismisses with True to quit without the unsaved actions, False to go back."""

    BINDINGS = keys.SAVING_BEFORE_QUIT

    def __init__(self, status: SaveStatus) -> None:
        super().__init__(id="saving-before-quit")
        self.status = status

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Saving before quitting…", id="question")
            yield Label(self._detail(), id="detail")
            yield Label("Esc  back to the session     x  quit anyway", id="keys")

    def _detail(self) -> str:
        lost = "it is" if self.status.waiting == 1 else "they are"
        return (
            f"{unsaved_words(self.status)} Retrying; the app closes by itself once everything "
            f"is saved. Quitting anyway loses what is not saved: {lost} in memory only."
        )

    def on_save_status_changed(self, message: SaveStatusChanged) -> None:
        """Saving's newest status, as it retries."""
        self.status = message.status
        if self.is_mounted:
            self.query_one("#detail", Label).update(self._detail())

    def on_quit_asked(self, message: QuitAsked) -> None:
        message.stop()  # this screen already asks; Ctrl+Q again changes nothing

    def action_answer(self, quit_anyway: bool) -> None:
        self.dismiss(quit_anyway)
