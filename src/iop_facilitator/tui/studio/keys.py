"""Every key the agenda studio answers to, in one place (the footer and `docs/agenda.md` say
the same)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

STUDIO: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", priority=True, tooltip="Check and save the agenda"),
    Binding("f2", "switch_tab", "Form/TOML", tooltip="Switch between the form and the TOML text"),
    Binding("f5", "try_it", "Try it", tooltip="Start the demo with this agenda, then come back"),
    Binding("ctrl+q", "quit_studio", "Quit", priority=True, tooltip="Leave (asks if not saved)"),
]

# The app's own Ctrl+Q would quit at once; the studio's asks first when there are changes.
APP: list[BindingType] = [
    Binding("ctrl+q", "screen.quit_studio", "Quit", priority=True, show=False),
]

OUTLINE: list[BindingType] = [
    Binding("a", "screen.add_phase", "Add", tooltip="Add a phase after this one"),
    Binding("d", "screen.duplicate_phase", "Duplicate", tooltip="Duplicate this phase"),
    Binding("x,delete", "screen.delete_phase", "Delete", tooltip="Delete this phase (asks first)"),
    Binding("shift+up,K", "screen.move_phase(-1)", "Up", tooltip="Move this phase earlier"),
    Binding("shift+down,J", "screen.move_phase(1)", "Down", tooltip="Move this phase later"),
]
