"""Every key of the review app, in one place (screens take their `BINDINGS` from here).

Enter on a list opens the highlighted row: the lists (`widgets`) show it in the footer. The
convention both apps follow is in `tui/common/keys.py`.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from iop_facilitator.tui.common.keys import KEYS, with_ids

VIEW_KEYS = {
    "sessions": "s",
    "members": "m",
    "groups": "g",
    "follow-up": "f",
    "search": "/",
    "log": "l",
}
"""The key of each view, as the view bar at the top shows it beside the view's name."""

VIEWS: list[BindingType] = with_ids(
    "review",
    [
        Binding("s", "view('sessions')", "Sessions", show=False, tooltip="Every session"),
        Binding("m", "view('members')", "Members", show=False, tooltip="One member over time"),
        Binding("g", "view('groups')", "Groups", show=False, tooltip="Each group's figures"),
        Binding("f", "view('follow-up')", "Follow-up", show=False, tooltip="What is still open"),
        Binding("slash", "view('search')", "Search", show=False, tooltip="Search"),
        Binding("l", "view('log')", "Log", show=False, tooltip="The access log (exports)"),
        KEYS,
        Binding("q", "app.quit", "Quit"),
    ],
)
"""Switch views from any of the six views (not while typing in a box, nor from a detail
screen, which Esc closes first). The view keys are shown in the view bar, not the footer, so
the footer fits at 60 columns."""

OPEN_ROW: list[BindingType] = with_ids(
    "review",
    [
        Binding("enter", "select_cursor", "Open"),
        # Moves like the runner's lists. g stays the Groups view, as on every review screen:
        # the view bar shows it there, and a "g g" for the top would have to hold back the
        # Groups view until a second key came (docs/runner.md, "Review").
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("home", "scroll_top", "First", show=False),
        Binding("end,G", "scroll_bottom", "Last", show=False),
    ],
)
"""A list of rows (`widgets.ReviewTable`): Enter opens the highlighted one; j/k, Home/End
and G move."""

OPEN_HIT: list[BindingType] = with_ids(
    "search",
    [
        Binding("enter", "select", "Open"),
        # The same moves as the tables' (OptionList has Home/End and the arrows already).
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("G", "last", "Last", show=False),
    ],
)
"""The search hits (`widgets.HitList`): Enter opens the highlighted hit's session; j/k,
Home/End and G move, as in the tables."""

SESSIONS: list[BindingType] = with_ids(
    "sessions",
    [
        Binding("ctrl+f", "filter", "Filter"),
        Binding(
            "A",
            "attendance_register",
            "Register",
            show=False,
            tooltip="Export the attendance register of the sessions the filter's group and "
            "dates select (asks first; written to the access log)",
        ),
        Binding("escape", "leave_box", "List", show=False),
    ],
)

SEARCH: list[BindingType] = with_ids(
    "search",
    [
        Binding("ctrl+f", "focus_query", "Box"),
        Binding("escape", "leave_box", "Hits", show=False),
    ],
)

_VIEWS_FROM_DETAIL = with_ids(
    "detail",
    [
        Binding(b.key, b.action, b.description, show=False, tooltip=b.tooltip)
        for b in VIEWS
        if isinstance(b, Binding) and b.action.startswith("view(")
    ],
)
"""s m g f / l work from detail pages too (the page stays where it was, under its view)."""

SESSION_DETAIL: list[BindingType] = with_ids(
    "session-detail",
    [
        *_VIEWS_FROM_DETAIL,
        Binding("escape", "back", "Back"),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Export this session's notes (asks first; written to the access log)",
        ),
        Binding("e", "edit", "Edit", tooltip="Edit the note (or its addendum once final)"),
        Binding("F", "finalise", "Final", tooltip="Make the note final (signed)"),
        Binding("a", "addendum", "Addendum", tooltip="A dated addendum to a final note"),
        Binding("o", "other_format", "Format", tooltip="Redraft the note in BIRP, DAP or SOAP"),
        Binding(
            "v",
            "versions",
            "Versions",
            show=False,  # offered in the note's banner, only when there are two versions
            tooltip="Both versions of a note edited on two computers; keep one",
        ),
        KEYS,
    ],
)

NOTE_VERSIONS: list[BindingType] = with_ids(
    "note-versions",
    [
        Binding("1", "keep(1)", "Keep this computer's"),
        Binding("2", "keep(2)", "Keep the other"),
        Binding("escape", "back", "Later"),
        KEYS,
    ],
)
"""Both versions of a note edited on two computers (`screens.note_versions`)."""

DETAIL: list[BindingType] = with_ids(
    "detail",
    [
        *_VIEWS_FROM_DETAIL,
        Binding("escape", "back", "Back"),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Export this member's history, or this group's sessions (asks first; "
            "written to the access log)",
        ),
        KEYS,
    ],
)

NOTE_EDITOR: list[BindingType] = with_ids(
    "note-editor",
    [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+n", "part(1)", "Next part"),
        Binding("ctrl+p", "part(-1)", "Prev part"),
        Binding("escape", "cancel", "Cancel"),
    ],
)

FORM: list[BindingType] = with_ids(
    "form",
    [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ],
)

APP: list[BindingType] = with_ids(
    "review",
    [
        # Ctrl+C does what q does, on every screen (review keeps nothing unsaved to ask about).
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ],
)
"""Anywhere in review."""
