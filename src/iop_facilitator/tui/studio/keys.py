"""Every key the agenda studio answers to, in one place: the screens take their bindings from
here, and the key list behind F1 and the table in `docs/agenda.md` are written from the same
lists (a test keeps the docs in step)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

STUDIO: list[BindingType] = [
    Binding(
        "ctrl+s",
        "save",
        "Save",
        priority=True,
        tooltip="Check and save (refused with the problems; you may keep a draft)",
    ),
    Binding(
        "f2",
        "switch_tab",
        "Form/TOML",
        tooltip="The form, or the TOML text (editable; lines with problems are marked)",
    ),
    Binding(
        "f5",
        "try_it",
        "Try it",
        tooltip="Try it: start the demo with this agenda; quitting the demo comes back",
    ),
    Binding("f1", "keys", "Keys", tooltip="This list of keys"),
    Binding(
        "ctrl+q",
        "quit_studio",
        "Quit",
        priority=True,
        tooltip="Leave (asks if there are changes not saved)",
    ),
]

# The app's own Ctrl+Q would quit at once; the studio's asks first when there are changes.
APP: list[BindingType] = [
    Binding("ctrl+q", "screen.quit_studio", "Quit", priority=True, show=False),
]

OUTLINE: list[BindingType] = [
    Binding("a", "screen.add_phase", "Add", tooltip="Add a phase after the one chosen"),
    Binding("d", "screen.duplicate_phase", "Duplicate", tooltip="Duplicate the phase"),
    Binding(
        "x,delete",
        "screen.delete_phase",
        "Delete",
        tooltip="Delete the phase (asks first)",
    ),
    Binding(
        "shift+up,K",
        "screen.move_phase(-1)",
        "Up",
        tooltip="Move the phase earlier",
    ),
    Binding(
        "shift+down,J",
        "screen.move_phase(1)",
        "Down",
        tooltip="Move the phase later",
    ),
]

LIST_ITEMS: list[BindingType] = [
    Binding(
        "alt+up",
        "move_line(-1)",
        "Item up",
        tooltip="In a list (prompts, homework, norms, ratings): move the item up",
    ),
    Binding(
        "alt+down",
        "move_line(1)",
        "Item down",
        tooltip="In a list: move the item down",
    ),
]

# How the reference names the keys (the footer keeps Textual's short forms, such as ^s).
_LABELS = {
    "ctrl+s": "Ctrl+S",
    "ctrl+q": "Ctrl+Q",
    "f1": "F1",
    "f2": "F2",
    "f5": "F5",
    "x,delete": "x / Delete",
    "shift+up,K": "Shift+↑ / K",
    "shift+down,J": "Shift+↓ / J",
    "alt+up": "Alt+↑",
    "alt+down": "Alt+↓",
}

# Keys that Textual's own widgets answer to, said so that a first-time user finds their way.
_MOVING_AROUND = [
    ("Tab / Shift+Tab", "Next / previous field"),
    ("↑ ↓ in the outline", "Choose the agenda, the reminder and norms, or a phase"),
]


def reference() -> list[tuple[str, str]]:
    """Every key of the studio with what it does, in the order a newcomer needs them."""
    listed = [
        (_LABELS.get(binding.key, binding.key), binding.tooltip)
        for binding in (*OUTLINE, *LIST_ITEMS, *STUDIO)
        if isinstance(binding, Binding)
    ]
    return [*_MOVING_AROUND, *listed]


def reference_markdown() -> str:
    """The key reference as a Markdown table (`docs/agenda.md` holds a copy)."""
    rows = [f"| `{key}` | {what} |" for key, what in reference()]
    return "\n".join(["| key | what it does |", "| --- | --- |", *rows]) + "\n"
