"""The group's view: one slide made to be read from a video tile, safe to share in the call.

It shows a `GroupView` (`session.group_slides`, which holds nothing identifying) in large type:
the title, the countdown in `Digits` with its state in words beside it (never colour alone),
the prompts, agreements or the group's homework, and the agenda's shared text. It reads the
session itself on a timer, so it follows phase changes, pauses and extensions within a second;
`f` freezes it on the slide shown while the facilitator moves on, and follows again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Footer, Label, Static

from iop_facilitator.session import GroupView
from iop_facilitator.tui.common import keys

REFRESH_SECONDS = 0.25
"""How often the slide is read again from the session (well within the second promised)."""

FOLLOWING = "Following the session"
FROZEN = "Frozen on this slide: f follows the session again"


class GroupViewScreen(Screen[None]):
    """The group's view over `read`, which gives the slide now (None: nothing to show yet)."""

    BINDINGS = keys.GROUP_VIEW

    DEFAULT_CSS = """
    GroupViewScreen { padding: 1 2; }
    GroupViewScreen #gv-heading { text-style: bold; width: 1fr; color: $text; }
    GroupViewScreen #gv-subheading { text-style: bold; width: 1fr; margin-top: 1; }
    GroupViewScreen #gv-clock { height: auto; margin-top: 1; }
    GroupViewScreen #gv-clock Digits { width: auto; margin-right: 2; }
    GroupViewScreen #gv-words { text-style: bold; height: 3; content-align: left middle; }
    GroupViewScreen #gv-body { height: 1fr; margin-top: 1; }
    GroupViewScreen #gv-list-title { text-style: bold underline; }
    GroupViewScreen #gv-items, GroupViewScreen #gv-text { width: 1fr; }
    GroupViewScreen #gv-text { margin-top: 1; }
    GroupViewScreen #gv-status { color: $text-muted; height: 1; }
    """

    def __init__(self, read: Callable[[], GroupView | None], *, waiting: str = "") -> None:
        """`waiting` is shown until `read` gives a first slide."""
        super().__init__(id="group-view")
        self._read = read
        self._waiting = waiting
        self.frozen = False
        self.shown: GroupView | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._waiting, id="gv-heading")
        yield Static("", id="gv-subheading")
        with Horizontal(id="gv-clock"):
            yield Digits("", id="gv-digits")
            yield Label("", id="gv-words")
        with VerticalScroll(id="gv-body"):
            yield Static("", id="gv-list-title")
            yield Static("", id="gv-items")
            yield Static("", id="gv-text")
        yield Static(FOLLOWING, id="gv-status")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_slide()
        self.set_interval(REFRESH_SECONDS, self.refresh_slide)

    def refresh_slide(self) -> None:
        """Read the slide again, unless frozen, and show it if it changed."""
        if self.frozen:
            return
        view = self._read()
        if view is not None and view != self.shown:
            self.show(view)

    def show(self, view: GroupView) -> None:
        """Put `view` on the screen."""
        self.shown = view
        self.query_one("#gv-heading", Static).update(view.heading)
        self._set("#gv-subheading", view.subheading)
        clock = self.query_one("#gv-clock")
        clock.display = view.countdown is not None or bool(view.countdown_words)
        digits = self.query_one(Digits)
        digits.display = view.countdown is not None
        if view.countdown is not None and digits.value != view.countdown:
            digits.update(view.countdown)
        self.query_one("#gv-words", Label).update(view.countdown_words)
        self._set("#gv-list-title", view.list_title)
        self._set("#gv-items", "\n".join(f"• {item}" for item in view.items))
        self._set("#gv-text", view.text)

    def _set(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        widget.update(text)
        widget.display = bool(text)

    def action_freeze(self) -> None:
        """Stay on the slide shown, or follow the session again."""
        self.frozen = not self.frozen
        self.query_one("#gv-status", Static).update(FROZEN if self.frozen else FOLLOWING)
        self.refresh_slide()

    def action_back(self) -> None:
        """Leave the group's view (the app decides where to: the cockpit, or quit)."""
        self.dismiss(None)
