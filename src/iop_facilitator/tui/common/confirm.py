"""A yes/no question, answered with one key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from iop_facilitator.tui.common import keys


class ConfirmScreen(ModalScreen[bool]):
    """Asks `question`; dismisses with True for `y`, False for `n` or Esc."""

    BINDINGS = keys.CONFIRM

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 56; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    ConfirmScreen #question { text-style: bold; width: 1fr; }
    ConfirmScreen #detail { width: 1fr; }
    ConfirmScreen #keys { color: $text-muted; }
    """

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="question")
            if self.detail:
                yield Label(self.detail, id="detail")
            yield Label("y  yes     n  no", id="keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
