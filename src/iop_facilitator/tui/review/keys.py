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

OPEN_ROW: list[BindingType] = with_ids("review", [Binding("enter", "select_cursor", "Open")])
"""A list of rows (`widgets.ReviewTable`): Enter opens the highlighted one."""

OPEN_HIT: list[BindingType] = with_ids("search", [Binding("enter", "select", "Open")])
"""The search hits (`widgets.HitList`): Enter opens the highlighted hit's session."""

SESSIONS: list[BindingType] = with_ids(
    "sessions",
    [
        Binding("ctrl+f", "filter", "Filter"),
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

SESSION_DETAIL: list[BindingType] = with_ids(
    "session-detail",
    [
        Binding("escape", "back", "Back"),
        Binding("e", "edit", "Edit", tooltip="Edit the note (or its addendum once final)"),
        Binding("F", "finalise", "Final", tooltip="Make the note final (signed)"),
        Binding("a", "addendum", "Addendum", tooltip="A dated addendum to a final note"),
        Binding("o", "other_format", "Format", tooltip="Redraft the note in BIRP, DAP or SOAP"),
        KEYS,
    ],
)

DETAIL: list[BindingType] = with_ids(
    "detail",
    [
        Binding("escape", "back", "Back"),
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
