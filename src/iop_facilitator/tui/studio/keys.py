"""Every key the agenda studio answers to, in one place, by the convention of
`tui.common.keys`: the screens take their bindings from here (each with an id, `studio.save`),
and the keys modal (F1, or `?` in the outline) and the table in `docs/agenda.md` are written
from the same lists (a test keeps the docs in step). The studio is mostly text boxes, where `?`
is typed, so F1 opens the keys everywhere."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType

from iop_facilitator.tui.common.keys import KEYS, key_label, with_ids

STUDIO: list[BindingType] = with_ids(
    "studio",
    [
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
            key_display="F2",
            tooltip="The form, or the TOML text (editable; lines with problems are marked)",
        ),
        Binding(
            "f5",
            "try_it",
            "Try it",
            key_display="F5",
            tooltip="Try it: start the demo with this agenda; quitting the demo comes back",
        ),
        Binding("f1", "keys", "Keys", key_display="F1", tooltip="This list of keys"),
        Binding(
            "ctrl+q",
            "quit_studio",
            "Quit",
            priority=True,
            tooltip="Leave (asks if there are changes not saved)",
        ),
    ],
)

# The app's own Ctrl+Q would quit at once; the studio's asks first when there are changes.
APP: list[BindingType] = with_ids(
    "studio-app",
    [Binding("ctrl+q", "screen.quit_studio", "Quit", priority=True, show=False)],
)

OUTLINE: list[BindingType] = with_ids(
    "outline",
    [
        Binding(
            "a",
            "screen.add_phase",
            "Add",
            id="outline.add-phase",
            tooltip="Add a phase after the one chosen",
        ),
        Binding(
            "d",
            "screen.duplicate_phase",
            "Duplicate",
            id="outline.duplicate-phase",
            tooltip="Duplicate the phase",
        ),
        Binding(
            "x,delete",
            "screen.delete_phase",
            "Delete",
            key_display="x",
            id="outline.delete-phase",
            tooltip="Delete the phase (asks first); the Delete key too",
        ),
        Binding(
            "shift+up,K",
            "screen.move_phase(-1)",
            "Up",
            id="outline.move-phase-up",
            tooltip="Move the phase earlier",
        ),
        Binding(
            "shift+down,J",
            "screen.move_phase(1)",
            "Down",
            id="outline.move-phase-down",
            tooltip="Move the phase later",
        ),
        replace(KEYS, action="screen.keys", show=False, id="outline.keys"),
    ],
)

LIST_ITEMS: list[BindingType] = with_ids(
    "list",
    [
        Binding(
            "alt+up",
            "move_line(-1)",
            "Item up",
            id="list.move-item-up",
            tooltip="In a list (prompts, homework, norms, ratings): move the item up",
        ),
        Binding(
            "alt+down",
            "move_line(1)",
            "Item down",
            id="list.move-item-down",
            tooltip="In a list: move the item down",
        ),
    ],
)

# Keys that Textual's own widgets answer to, said so that a first-time user finds their way.
_MOVING_AROUND = [
    ("Tab / Shift+Tab", "Next / previous field"),
    ("↑ ↓ in the outline", "Choose the agenda, the reminder and norms, or a phase"),
]


def reference() -> list[tuple[str, str]]:
    """Every key of the studio with what it does, in the order a newcomer needs them."""
    listed = [
        (key_label(binding), binding.tooltip)
        for binding in (*OUTLINE, *LIST_ITEMS, *STUDIO)
        if isinstance(binding, Binding) and binding.action != "screen.keys"
    ]
    return [*_MOVING_AROUND, *listed]


def reference_markdown() -> str:
    """The key reference as a Markdown table (`docs/agenda.md` holds a copy)."""
    rows = [f"| `{key}` | {what} |" for key, what in reference()]
    return "\n".join(["| key | what it does |", "| --- | --- |", *rows]) + "\n"
