"""Who has the floor, for how long, against the phase's soft limit; or who is next."""

from __future__ import annotations

from textual.widgets import Static

from iop_facilitator.tui.runner.views import SpeakingState


class SpeakingNow(Static):
    """The live per-turn timer line."""

    DEFAULT_CSS = """
    SpeakingNow { height: 1; width: 1fr; padding: 0 1; }
    SpeakingNow.-speaking { background: $accent 30%; text-style: bold; }
    SpeakingNow.-over-limit { background: $warning 40%; }
    """

    def show(self, state: SpeakingState) -> None:
        """Show `state` in words, with `-speaking` and `-over-limit` classes for colour."""
        self.update(state.words())
        self.set_class(state.speaker is not None, "-speaking")
        self.set_class(state.over_limit, "-over-limit")
