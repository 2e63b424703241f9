"""The outline: the agenda, its reminder and norms, and the phases in order with their start
clocks; the phase keys (add, duplicate, delete, move) work here."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Label, ListItem, ListView

from iop_facilitator.agenda.draft import DraftAgenda
from iop_facilitator.agenda.form_fields import AGENDA_PART, REMINDER_PART
from iop_facilitator.agenda.timeline import Timeline
from iop_facilitator.tui.studio import keys

Part = str | int


class Outline(ListView):
    """The parts of the agenda; highlighting one shows its form."""

    BINDINGS = keys.OUTLINE

    DEFAULT_CSS = """
    Outline { width: 30; height: 1fr; border-right: solid $panel; }
    Outline > ListItem.problem Label { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__(id="outline")
        self.parts: list[Part] = []

    def part(self) -> Part:
        """The part highlighted now."""
        index = self.index or 0
        return self.parts[index] if self.parts else AGENDA_PART

    async def show(
        self, draft: DraftAgenda, line: Timeline, faulty: set[Part], select: Part | None = None
    ) -> None:
        """Redraw the outline from the draft; keeps the highlight, or moves it to `select`."""
        wanted = self.part() if select is None else select
        parts: list[Part] = [AGENDA_PART, REMINDER_PART, *range(len(draft.phases))]
        labels = [
            f"Agenda · {draft.minutes or '?'} min",
            "Reminder and norms",
            *(
                f"{line.starts[n]} {phase.title or phase.id} ({phase.minutes or '?'})"
                for n, phase in enumerate(draft.phases)
            ),
        ]
        labels = [
            ("✗ " if part in faulty else "") + label
            for part, label in zip(parts, labels, strict=True)
        ]
        if parts == self.parts:
            for item, label, part in zip(self.children, labels, parts, strict=True):
                item.query_one(Label).update(escape(label))
                item.set_class(part in faulty, "problem")
        else:
            self.parts = parts
            await self.clear()
            await self.extend(
                ListItem(Label(escape(label)), classes="problem" if part in faulty else "")
                for part, label in zip(parts, labels, strict=True)
            )
        self.index = parts.index(wanted) if wanted in parts else min(2, len(parts) - 1)
