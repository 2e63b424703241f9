"""The group's session is live in another window: say who holds it, offer only what is safe.

A second runner of a group must not start a parallel session (one live session per group,
`session.group_lock`). The facilitator can wait and try again (once the other window is
closed, or its program is gone, the group is free and its session can be resumed, that is,
taken over, here), open review read-only meanwhile, or quit.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label

from iop_facilitator.tui.runner import keys

HeldChoice = Literal["retry", "review"]


class GroupHeldScreen(Screen[HeldChoice]):
    """Dismisses with "retry" or "review"; Esc quits the runner."""

    BINDINGS = keys.GROUP_HELD

    def __init__(self, holder: str) -> None:
        super().__init__()
        self.holder = holder

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Session live elsewhere"
            yield Label(self.holder, id="who")
            yield Label(
                "r  try again: once that window is closed, its session can be taken over here\n"
                "v  open review (read-only) meanwhile\n"
                "Esc  quit",
                id="choices",
            )
        yield Footer()

    def action_retry(self) -> None:
        self.dismiss("retry")

    def action_review(self) -> None:
        self.dismiss("review")

    def action_quit(self) -> None:
        self.app.exit()

    def action_keys(self) -> None:
        """`?`: every key of the runner."""
        from iop_facilitator.tui.common.keys_help import KeysScreen

        self.app.push_screen(KeysScreen(keys.help_sections()))
