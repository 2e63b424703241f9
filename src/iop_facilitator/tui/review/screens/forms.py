"""Small forms over a screen: a few labelled fields, saved with Ctrl+S or cancelled with Esc."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, TextArea

from iop_facilitator.tui.review import keys


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: str = ""
    multiline: bool = False
    optional: bool = False  # may be left empty


class FormScreen(ModalScreen[dict[str, str] | None]):
    """Asks for `fields`; dismisses with their values (stripped), or None when cancelled.

    Saving with an empty field is refused with a message, so a handled flag always says who
    and what, and an addendum always has text.
    """

    BINDINGS = keys.FORM

    def __init__(self, title: str, fields: list[Field], explanation: str = "") -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.explanation = explanation

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.form_title, classes="form-title")
            if self.explanation:
                yield Label(self.explanation, classes="form-explanation")
            for field in self.fields:
                yield Label(field.label)
                if field.multiline:
                    yield TextArea(field.value, id=f"field-{field.name}", soft_wrap=True)
                else:
                    yield Input(field.value, id=f"field-{field.name}")
        yield Footer(compact=True, show_command_palette=False)

    def values(self) -> dict[str, str]:
        """The fields' current values, stripped."""
        found = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            text = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
            found[field.name] = str(text).strip()
        return found

    def action_save(self) -> None:
        values = self.values()
        empty = [f.label for f in self.fields if not values[f.name] and not f.optional]
        if empty:
            self.notify(f"Fill in: {', '.join(empty)}", severity="warning")
            return
        self.dismiss(values)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)
