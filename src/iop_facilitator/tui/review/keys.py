"""Every key of the review app, in one place (screens take their `BINDINGS` from here).

Enter on a list opens the highlighted row: the lists (`widgets`) show it in the footer.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

KEYS = Binding("question_mark", "keys", "Keys", key_display="?", tooltip="This list of keys")
"""Every key of the screen showing, with what it does (the footer shows only the main ones)."""

VIEW_KEYS = {
    "sessions": "s",
    "members": "m",
    "groups": "g",
    "follow-up": "f",
    "search": "/",
    "log": "l",
}
"""The key of each view, as the view bar at the top shows it beside the view's name."""

VIEWS: list[BindingType] = [
    Binding("s", "view('sessions')", "Sessions", show=False, tooltip="Every session"),
    Binding("m", "view('members')", "Members", show=False, tooltip="One member over time"),
    Binding("g", "view('groups')", "Groups", show=False, tooltip="Each group's figures"),
    Binding("f", "view('follow-up')", "Follow-up", show=False, tooltip="What is still open"),
    Binding("slash", "view('search')", "Search", key_display="/", show=False, tooltip="Search"),
    Binding("l", "view('log')", "Log", show=False, tooltip="The access log (exports)"),
    KEYS,
    Binding("q", "app.quit", "Quit"),
]
"""Switch views from any of the six views (not while typing in a box, nor from a detail
screen, which Esc closes first). The view keys are shown in the view bar, not the footer, so
the footer fits at 60 columns."""

SESSIONS: list[BindingType] = [
    Binding("ctrl+f", "filter", "Filter", key_display="^f"),
    Binding(
        "A",
        "attendance_register",
        "Register",
        show=False,
        tooltip="Export the attendance register of the sessions the filter's group and dates "
        "select (asks first; written to the access log)",
    ),
    Binding("escape", "leave_box", "List", key_display="esc", show=False),
]

SEARCH: list[BindingType] = [
    Binding("ctrl+f", "focus_query", "Box", key_display="^f"),
    Binding("escape", "leave_box", "Hits", key_display="esc", show=False),
]

_VIEWS_FROM_DETAIL = [b for b in VIEWS if isinstance(b, Binding) and b.action.startswith("view(")]
"""s m g f / l work from detail pages too (the page stays where it was, under its view)."""

SESSION_DETAIL: list[BindingType] = [
    *_VIEWS_FROM_DETAIL,
    Binding("escape", "back", "Back", key_display="esc"),
    Binding(
        "x",
        "export",
        "Export",
        tooltip="Export this session's notes (asks first; written to the access log)",
    ),
    Binding("e", "edit", "Edit", tooltip="Edit the note (or its addendum once final)"),
    Binding("F", "finalise", "Final", key_display="F", tooltip="Make the note final (signed)"),
    Binding("a", "addendum", "Addendum", tooltip="A dated addendum to a final note"),
    Binding("o", "other_format", "Format", tooltip="Redraft the note in BIRP, DAP or SOAP"),
    KEYS,
]

DETAIL: list[BindingType] = [
    *_VIEWS_FROM_DETAIL,
    Binding("escape", "back", "Back", key_display="esc"),
    KEYS,
]

NOTE_EDITOR: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", key_display="^s"),
    Binding("ctrl+n", "part(1)", "Next part", key_display="^n"),
    Binding("ctrl+p", "part(-1)", "Prev part", key_display="^p"),
    Binding("escape", "cancel", "Cancel", key_display="esc"),
]

FORM: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", key_display="^s"),
    Binding("escape", "cancel", "Cancel", key_display="esc"),
]
