"""The one convention both apps declare their keys by, and the keys they share.

- Each app lists its keys in its own `keys` module (`tui/runner/keys.py`, `tui/review/keys.py`);
  screens take their `BINDINGS` from there, never declare their own.
- Every list goes through `with_ids(scope, ...)`, so every binding has an id (`scope.action`),
  the handle a keymap uses to rebind a key.
- `key_display` only where Textual's own display would not be what the person presses (`F1`);
  the footer shows Textual's short form (`^s`, `esc`), the keys modal and the README
  `key_label` (`Ctrl+S`, `Esc`).
- `?` opens the keys modal (`common.keys_help.KeysScreen`) in both apps: action `keys`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from textual.binding import Binding, BindingType

_NAMES = {
    "enter": "Enter",
    "space": "Space",
    "escape": "Esc",
    "tab": "Tab",
    "up": "↑",
    "down": "↓",
    "plus": "+",
    "slash": "/",
    "question_mark": "?",
    "exclamation_mark": "!",
    "right_square_bracket": "]",
}


def key_label(binding: Binding) -> str:
    """What a person presses, as the keys modal and the README print it: `Ctrl+S`, `Esc`,
    `↑ / k` (each key of the binding, in order)."""
    if binding.key_display:
        return binding.key_display
    return " / ".join(_one_key(key.strip()) for key in binding.key.split(","))


def _one_key(key: str) -> str:
    *modifiers, name = key.split("+")
    label = _NAMES.get(name, name.upper() if modifiers and len(name) == 1 else name)
    return "+".join([*(m.capitalize() for m in modifiers), label])


def with_ids(scope: str, bindings: list[BindingType]) -> list[BindingType]:
    """`bindings`, each given the id `scope.action` (`session.next-phase`, `review.view-log`)
    unless it has one."""
    return [_with_id(scope, b) if isinstance(b, Binding) and b.id is None else b for b in bindings]


def _with_id(scope: str, binding: Binding) -> Binding:
    action = re.sub(r"[^a-z0-9]+", "-", binding.action.lower().replace("_", "-")).strip("-")
    return replace(binding, id=f"{scope}.{action}")


KEYS = Binding("question_mark", "keys", "Keys", tooltip="This key reference")
"""`?`: every key, with what it does (the footer shows only the main ones)."""

CONFIRM: list[BindingType] = with_ids(
    "confirm",
    [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ],
)
"""A yes/no question (`common.confirm`): `y` is yes, `n` or Esc is no."""

KEYS_MODAL: list[BindingType] = with_ids(
    "keys",
    [Binding("escape,question_mark,q", "close", "Close")],
)
"""The keys modal: Esc, `?` or `q` closes it."""

GROUP_VIEW: list[BindingType] = with_ids(
    "group-view",
    [
        Binding("f", "freeze", "Freeze / follow", tooltip="Stay on this slide, or follow again"),
        Binding("escape", "back", "Back", tooltip="Leave the group's view"),
    ],
)
"""The group's view (`common.group_view`), in the cockpit and in `iop-facilitator share`."""
