"""The group's view in a second terminal, attached read-only to the session a runner holds.

It reads the session's journal without its lock (`session.SessionWatch`) on the view's own
timer, so it follows the runner within a second; `f` freezes it, Esc or Ctrl+Q quits. When the
session ends (or its runner stops) it says so and stops following.
"""

from __future__ import annotations

from iop_facilitator.session import GroupView, SessionWatch, Slide
from iop_facilitator.tui.common.group_view import GroupViewScreen
from iop_facilitator.tui.common.last_resort import SafeApp
from iop_facilitator.tui.common.theme import CALM


class ShareApp(SafeApp[None]):
    """One screen: the group's view of the watched session."""

    TITLE = "iop-facilitator share"

    def __init__(self, watch: SessionWatch) -> None:
        super().__init__()
        self.session_watch = watch
        self._last: GroupView | None = None
        self.register_theme(CALM)
        self.theme = CALM.name

    def on_mount(self) -> None:
        screen = GroupViewScreen(self._slide, waiting="Waiting for the session…")
        self.push_screen(screen, lambda _result: self.exit())

    def _slide(self) -> GroupView | None:
        # Once the end is shown there is nothing more to read.
        if self._last is not None and self._last.slide is Slide.ENDED:
            return self._last
        self.session_watch.refresh()
        self._last = self.session_watch.view()
        return self._last
