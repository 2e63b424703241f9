"""The group's view from the cockpit (`s`): the shared slide, over the live session.

`common.group_view.GroupViewScreen` reads the session through the recorder on its own timer;
Esc comes back to the cockpit. Ctrl+Q here goes back to the cockpit first, which asks.
"""

from __future__ import annotations

from iop_facilitator.session import GroupView, group_view
from iop_facilitator.tui.common.group_view import GroupViewScreen
from iop_facilitator.tui.runner.messages import QuitAsked
from iop_facilitator.tui.runner.recorder import Recorder


class CockpitGroupViewScreen(GroupViewScreen):
    """The group's view of the session the cockpit runs."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        super().__init__(self._slide)

    def _slide(self) -> GroupView:
        return group_view(self.recorder.state, self.recorder.at())

    def on_quit_asked(self, message: QuitAsked) -> None:
        # The cockpit says what quitting means (it asks first): go back there and ask it.
        message.stop()
        self.dismiss(None)
        self.app.call_later(lambda: self.app.screen.post_message(QuitAsked()))
