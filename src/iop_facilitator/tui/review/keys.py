"""Every key of the review app, in one place (screens take their `BINDINGS` from here).

Enter on a list opens the highlighted row: the lists (`widgets`) show it in the footer.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

VIEWS: list[BindingType] = [
    Binding("s", "view('sessions')", "Sessions"),
    Binding("m", "view('members')", "Members"),
    Binding("g", "view('groups')", "Groups"),
    Binding("f", "view('follow-up')", "Follow-up"),
    Binding("slash", "view('search')", "Search", key_display="/"),
    Binding("l", "view('log')", "Log"),
    Binding("q", "quit", "Quit"),
]
"""Switch views from any of the six views (not while typing in a box, nor from a detail
screen, which Esc closes first)."""

SESSIONS: list[BindingType] = [
    Binding("ctrl+f", "filter", "Filter", key_display="^f"),
    Binding("escape", "leave_box", "List", key_display="esc", show=False),
]

SEARCH: list[BindingType] = [
    Binding("ctrl+f", "focus_query", "Box", key_display="^f"),
    Binding("escape", "leave_box", "Hits", key_display="esc", show=False),
]

SESSION_DETAIL: list[BindingType] = [
    Binding("escape", "back", "Back", key_display="esc"),
    Binding("e", "edit", "Edit note"),
    Binding("F", "finalise", "Make final", key_display="F"),
    Binding("a", "addendum", "Addendum"),
    Binding("o", "other_format", "BIRP/DAP/SOAP"),
]

DETAIL: list[BindingType] = [
    Binding("escape", "back", "Back", key_display="esc"),
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
