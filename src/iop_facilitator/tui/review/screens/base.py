"""What every view of the review app shares: the view bar on top and the footer of keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from iop_facilitator.tui.review import keys

if TYPE_CHECKING:
    from iop_facilitator.tui.review.app import ReviewApp

VIEW_TITLES = {
    "sessions": "Sessions",
    "members": "Members",
    "groups": "Groups",
    "follow-up": "Follow-up",
    "search": "Search",
    "log": "Log",
}


def view_bar_text(current: str) -> str:
    """The row of view names with the current one marked (in words, not only in colour)."""
    parts = [f"[reverse] {t} [/]" if v == current else f" {t} " for v, t in VIEW_TITLES.items()]
    return "│".join(parts)


class ReviewScreen(Screen[None]):
    """A screen of the review app (gives typed access to the app)."""

    @property
    def review(self) -> ReviewApp:
        """The app, with its library and archive."""
        return cast("ReviewApp", self.app)


class ReviewView(ReviewScreen):
    """One of the six views: the view bar, the view's own widgets, the footer."""

    VIEW: ClassVar[str] = ""
    BINDINGS = keys.VIEWS

    def compose(self) -> ComposeResult:
        yield Static(view_bar_text(self.VIEW), id="view-bar")
        yield from self.compose_view()
        yield Footer(compact=True, show_command_palette=False)

    def compose_view(self) -> ComposeResult:
        """The view's own widgets."""
        yield from ()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def action_view(self, name: str) -> None:
        """Show one of the six views."""
        if name in VIEW_TITLES:
            self.app.switch_mode(name)

    def refresh_view(self) -> None:
        """Fill the view from the archive (called each time it is shown)."""
