"""Who has the floor, for how long, against the phase's soft limit; or who is next."""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import Static

from iop_facilitator.tui.common.formatting import clock_text


@dataclass(frozen=True)
class SpeakingState:
    """`speaker` is None when nobody has the floor; `limit` is the soft per-turn limit."""

    speaker: str | None
    seconds: float = 0.0
    limit: float | None = None
    next_name: str | None = None
    next_key: str | None = None
    round_phase: bool = False

    @property
    def over_limit(self) -> bool:
        return self.speaker is not None and self.limit is not None and self.seconds > self.limit

    def words(self) -> str:
        """One line, the same information in words whatever the colour."""
        if self.speaker is not None:
            limit = f" / {clock_text(self.limit)}" if self.limit is not None else ""
            over = "  OVER LIMIT" if self.over_limit else ""
            return f"Speaking: {self.speaker}  {clock_text(self.seconds)}{limit}{over}"
        if self.next_name is not None:
            who = "Next in round" if self.round_phase else "Suggested"
            key = f" ({self.next_key} or Enter)" if self.next_key else " (Enter)"
            limit = f" · {clock_text(self.limit)} each" if self.limit is not None else ""
            return f"{who}: {self.next_name}{key}{limit} · nobody speaking"
        return "Nobody speaking"


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
