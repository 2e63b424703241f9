"""The form of one part of the agenda (the agenda, the reminder and norms, or a phase): a
labelled widget per field, with the loader's problems said under the field at fault."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget as TextualWidget
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from iop_facilitator.agenda.draft import DraftAgenda
from iop_facilitator.agenda.errors import Problem
from iop_facilitator.agenda.form_fields import (
    AGENDA_FIELDS,
    AGENDA_PART,
    CHECK_IN_ONLY,
    PHASE_FIELDS,
    REMINDER_FIELDS,
    FormField,
    Widget,
    problems_of,
    read,
)
from iop_facilitator.tui.studio.widgets.lines_area import LinesArea

Part = str | int
_MOMENTS = {"start": "at the start of every session", "new-member": "when a member is new"}


def _fields(draft: DraftAgenda, part: Part) -> tuple[FormField, ...]:
    if part == AGENDA_PART:
        return AGENDA_FIELDS
    if isinstance(part, int):
        check_in = draft.phases[part].is_check_in
        return tuple(f for f in PHASE_FIELDS if check_in or f.name not in CHECK_IN_ONLY)
    return REMINDER_FIELDS


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


class PartForm(VerticalScroll):
    """The fields of `part`; every edit is posted as `PartForm.Edited`."""

    # One line per value, no boxes: a phase's form fits a 24-line terminal with little
    # scrolling. The focused field is marked by its colour.
    DEFAULT_CSS = """
    PartForm { height: 1fr; padding: 0 1; }
    PartForm .field-label { margin-top: 1; text-style: bold; }
    PartForm .field-problem { color: $error; display: none; width: 1fr; }
    PartForm .field-label { width: 1fr; }
    PartForm .field-problem.shown { display: block; }
    PartForm Input { border: none; height: 1; padding: 0 1; background: $surface; width: 1fr; }
    PartForm Input:focus { border: none; background: $boost; }
    PartForm TextArea { height: 5; border: none; padding: 0 1; background: $surface; }
    PartForm TextArea:focus { border: none; background: $boost; }
    PartForm TextArea.lines { height: 4; }
    PartForm Select { width: 1fr; }
    PartForm Select > SelectCurrent { border: none; height: 1; padding: 0 1; }
    PartForm Select:focus > SelectCurrent { border: none; background: $boost; }
    PartForm Checkbox { border: none; height: 1; padding: 0; background: $surface; }
    """

    # Tab goes from field to field; the form itself is no stop on the way.
    can_focus = False

    class Edited(Message):
        """The person changed field `name` of `part` to `value`."""

        def __init__(self, part: Part, name: str, value: Any) -> None:
            super().__init__()
            self.part = part
            self.name = name
            self.value = value

    def __init__(self, draft: DraftAgenda, part: Part) -> None:
        super().__init__(classes="part-form")
        self.draft = draft
        self.part = part
        self.fields = _fields(draft, part)

    @staticmethod
    def field_id(name: str) -> str:
        """The widget id of field `name` (`checkin.low` is `#field-checkin-low`)."""
        return "field-" + name.replace(".", "-")

    def compose(self) -> ComposeResult:
        for field in self.fields:
            label = f"{field.label}  [dim]{escape(field.hint)}[/]" if field.hint else field.label
            yield Label(label, classes="field-label")
            yield from self._widgets(field, read(self.draft, self.part, field.name))
            yield Label("", id=f"problem-{field.name.replace('.', '-')}", classes="field-problem")

    def _widgets(self, field: FormField, value: Any) -> ComposeResult:
        name = self.field_id(field.name)
        if field.widget is Widget.LINE:
            yield Input(value, id=name)
        elif field.widget is Widget.TEXT:
            yield TextArea(
                value,
                id=name,
                soft_wrap=True,
                show_line_numbers=False,
                placeholder=field.placeholder,
            )
        elif field.widget is Widget.LINES:
            yield LinesArea("\n".join(value), id=name, classes="lines", soft_wrap=True)
        elif field.widget is Widget.CHOICE:
            choices = field.choices or {}
            yield Select(
                [(said, key) for key, said in choices.items()],
                value=value if value in choices else Select.NULL,
                allow_blank=value not in choices,
                prompt=f"choose (now: {value or 'none'})",
                id=name,
            )
        else:
            for moment, said in _MOMENTS.items():
                yield Checkbox(said, moment in value, id=f"{name}-{moment}")

    def _name_of(self, widget: TextualWidget) -> str | None:
        for field in self.fields:
            if widget.id and widget.id.startswith(self.field_id(field.name)):
                return field.name
        return None

    def _post(self, widget: TextualWidget, value: Any) -> None:
        name = self._name_of(widget)
        if name is not None:
            self.post_message(self.Edited(self.part, name, value))

    @on(Input.Changed)
    def _input(self, event: Input.Changed) -> None:
        self._post(event.input, event.value)

    @on(TextArea.Changed)
    def _text(self, event: TextArea.Changed) -> None:
        area = event.text_area
        self._post(area, _lines(area.text) if area.has_class("lines") else area.text)

    @on(Select.Changed)
    def _choice(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._post(event.select, event.value)

    @on(Checkbox.Changed)
    def _moment(self, event: Checkbox.Changed) -> None:
        chosen = [
            moment
            for moment in _MOMENTS
            if self.query_one(f"#{self.field_id('when')}-{moment}", Checkbox).value
        ]
        self._post(event.checkbox, chosen)

    def show_problems(self, problems: list[Problem]) -> None:
        """Say each field's problems under it (the loader's sentences)."""
        for field in self.fields:
            found = problems_of(problems, self.part, field.name)
            label = self.query_one(f"#problem-{field.name.replace('.', '-')}", Label)
            label.update(escape(" ".join(f"✗ {p.message}" for p in found)))
            label.set_class(bool(found), "shown")
