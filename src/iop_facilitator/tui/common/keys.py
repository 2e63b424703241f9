"""Keys both apps answer to the same way (each app's own keys are in its `keys` module)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

CONFIRM: list[BindingType] = [
    Binding("y", "answer(True)", "Yes"),
    Binding("n,escape", "answer(False)", "No"),
]
"""A yes/no question (`common.confirm`): `y` is yes, `n` or Esc is no."""
