"""The big countdown of the current phase, with its state also written in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label

from iop_facilitator.tui.runner.views import CountdownState, PhaseTiming
from iop_facilitator.wording import clock_text, countdown_text


class Countdown(Vertical):
    """Phase title, time left in large digits, and the same state in words."""

    DEFAULT_CSS = """
    Countdown {
        height: auto;
        width: 1fr;
    }
    Countdown #phase-title { text-style: bold; width: 1fr; height: 1; }
    Countdown > Horizontal { height: auto; width: 1fr; }
    Countdown Digits { width: auto; margin-right: 1; }
    Countdown #timing { width: 1fr; height: auto; text-style: bold; }
    Countdown.-warning #timing, Countdown.-warning Digits { color: $warning; }
    Countdown.-over #timing, Countdown.-over Digits { color: $error; }
    Countdown.-paused #timing, Countdown.-paused Digits { color: $text-muted; }
    Countdown.-waiting #timing { color: $text-muted; text-style: none; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="phase-title")
        with Horizontal():
            yield Digits("0:00")
            yield Label("", id="timing")

    def show(self, state: CountdownState) -> None:
        """Show `state`; the CSS classes `-warning`, `-over`, `-paused` colour it."""
        self.query_one("#phase-title", Label).update(state.title)
        shown = (
            clock_text(-state.remaining) if state.remaining < 0 else countdown_text(state.remaining)
        )
        digits = self.query_one(Digits)
        text = f"-{shown}" if state.remaining < 0 and not state.waiting else shown
        if digits.value != text:
            digits.update(text)
        self.query_one("#timing", Label).update(state.words)
        timing = state.timing
        for kind in PhaseTiming:
            self.set_class(timing is kind, f"-{kind.value}")
