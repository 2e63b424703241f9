"""What every view of the review app shares: the view bar on top and the footer of keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from iop_facilitator.tui.common.keys import key_label
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
    """The row of view names, each with its key, the current one marked (reversed)."""
    parts = [
        f"[reverse]{keys.VIEW_KEYS[v]} {t}[/]" if v == current else f"{keys.VIEW_KEYS[v]} {t}"
        for v, t in VIEW_TITLES.items()
    ]
    return " " + "│".join(parts)  # 57 cells: whole at 60 columns


class ReviewScreen(Screen[None]):
    """A screen of the review app (gives typed access to the app)."""

    @property
    def review(self) -> ReviewApp:
        """The app, with its library and archive."""
        return cast("ReviewApp", self.app)

    def action_keys(self) -> None:
        """Show every key of this screen (`?`)."""
        from iop_facilitator.tui.common.keys_help import KeysScreen

        self.app.push_screen(KeysScreen([("", keys_of(self))]))

    def action_view(self, name: str) -> None:
        """Show one of the six views (from a view, or from a detail page too)."""
        if name in VIEW_TITLES:
            self.app.switch_mode(name)


def keys_of(screen: Screen[None]) -> list[tuple[str, str]]:
    """The keys that work on `screen` now, as (key, what it does), each action once."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        ours = (binding.action, binding.description) in _defined_here(active.node)
        if not ours or not binding.description or binding.action in seen:
            continue  # Textual's own (scrolling, focus, copy) work as everywhere
        seen.add(binding.action)
        found.append((key_label(binding), binding.tooltip or binding.description))
    return found


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
        # Coming back to a list keeps its cursor on the row it was on (refreshing refills it).
        from iop_facilitator.tui.review.widgets import ReviewTable

        kept = {id(t): t.highlighted_key() for t in self.query(ReviewTable)}
        self.refresh_view()
        for table in self.query(ReviewTable):
            table.highlight(kept.get(id(table)))

    def refresh_view(self) -> None:
        """Fill the view from the archive (called each time it is shown)."""


def _defined_here(node: object) -> set[tuple[str, str]]:
    """(action, description) of the bindings this program's classes give `node`."""
    found = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("iop_facilitator"):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    found.add((binding.action, binding.description))
    return found
