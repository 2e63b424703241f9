"""A member's check-in: the agenda's fields on its scale with digits, a note, a pass, and the
review of the homework they carried from last time. Timers go on underneath."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from iop_facilitator.agenda.model import CheckInSpec
from iop_facilitator.session import CheckIn, Homework, HomeworkOutcome
from iop_facilitator.tui.runner import keys

OUTCOME_WORDS = {
    HomeworkOutcome.DONE: "done",
    HomeworkOutcome.PARTLY: "partly",
    HomeworkOutcome.NOT_DONE: "not done",
}


@dataclass(frozen=True)
class CheckInResult:
    """The values by field, the note, whether they passed, and homework outcomes by id."""

    values: dict[str, int]
    note: str
    passed: bool
    reviews: dict[str, HomeworkOutcome] = field(default_factory=dict)


class CheckInScreen(ModalScreen[CheckInResult | None]):
    """One input per field (digits only, checked against the scale), a note, homework outcomes.

    Enter moves to the next box, then to each homework to review (its outcomes open at once);
    Enter at the end (or Ctrl+S) saves, Ctrl+X records a pass, Esc leaves it for later.
    """

    BINDINGS = keys.CHECK_IN

    def __init__(
        self,
        name: str,
        spec: CheckInSpec,
        homework: list[Homework],
        *,
        member_id: str,
        previous: CheckIn | None = None,
    ) -> None:
        super().__init__()
        self._name = name
        self._spec = spec
        self._homework = homework
        self._member_id = member_id
        self._previous = previous

    def compose(self) -> ComposeResult:
        low, high = self._spec.scale
        with Vertical() as box:
            box.border_title = f"Check-in: {self._name}"
            box.border_subtitle = "Ctrl+S saves · Ctrl+X passes · Esc later"
            then = "to the homework, then saves" if self._homework else "on, then saves"
            yield Label(f"Scale {low} to {high}; Enter moves {then}.", id="scale")
            with Horizontal(id="fields"):
                for index, name in enumerate(self._spec.fields):
                    yield Label(name)
                    value = ""
                    if self._previous is not None and name in self._previous.values:
                        value = str(self._previous.values[name])
                    yield Input(
                        value,
                        restrict=r"[0-9]{0,3}",
                        id=f"field-{index}",
                        compact=True,
                    )
            note = self._previous.note if self._previous else ""
            yield Input(
                note, placeholder="Note (optional)", id="note", max_length=2000, compact=True
            )
            for index, homework in enumerate(self._homework):
                yield Label(f"Homework: {homework.text}", classes="homework-text")
                current = homework.reviews.get(self._member_id)
                yield Select(
                    [(words, outcome.value) for outcome, words in OUTCOME_WORDS.items()],
                    prompt="not reviewed",
                    value=current.value if current in OUTCOME_WORDS else Select.NULL,
                    id=f"homework-{index}",
                    compact=True,
                )
            yield Label("", id="problem")

    def on_mount(self) -> None:
        self.query(Input).first().focus()
        for select in self.query(Select):
            self.watch(select, "expanded", self._list_opened)

    def _list_opened(self, expanded: bool) -> None:
        self.query_one(Vertical).set_class(expanded, "-choosing")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        position = inputs.index(event.input)
        if position < len(inputs) - 1 and event.input.id != "note":
            inputs[position + 1].focus()
        else:
            self._review_homework(0)

    def _review_homework(self, index: int) -> None:
        """On to the `index`-th homework to review, its outcomes open; past the last, save."""
        if index >= len(self._homework):
            self.action_save()
            return
        select = self.query_one(f"#homework-{index}", Select)
        select.focus()
        select.action_show_overlay()  # open, the first line ("not reviewed") highlighted

    @on(Select.Changed)
    def _outcome_chosen(self, event: Select.Changed) -> None:
        select_id = event.select.id or ""
        if not select_id.startswith("homework-") or not event.select.has_focus_within:
            return  # the value it opened with, not a choice
        self._review_homework(int(select_id.removeprefix("homework-")) + 1)

    def _values(self) -> dict[str, int] | None:
        low, high = self._spec.scale
        values: dict[str, int] = {}
        for index, name in enumerate(self._spec.fields):
            box = self.query_one(f"#field-{index}", Input)
            if not box.value:
                continue
            value = int(box.value)
            if not low <= value <= high:
                self._say(f"{name} must be between {low} and {high}.")
                box.focus()
                return None
            values[name] = value
        return values

    def _reviews(self) -> dict[str, HomeworkOutcome]:
        reviews: dict[str, HomeworkOutcome] = {}
        for index, homework in enumerate(self._homework):
            choice = self.query_one(f"#homework-{index}", Select).value
            if isinstance(choice, str):
                reviews[homework.id] = HomeworkOutcome(choice)
        return reviews

    def _say(self, problem: str) -> None:
        label = self.query_one("#problem", Label)
        label.update(problem)
        label.display = True

    def action_save(self) -> None:
        values = self._values()
        if values is None:
            return
        note = self.query_one("#note", Input).value.strip()
        if not values and not note:
            self._say("Enter at least one value or a note, Ctrl+X for a pass, or Esc for later.")
            return
        self.dismiss(CheckInResult(values, note, passed=False, reviews=self._reviews()))

    def action_pass_check_in(self) -> None:
        self.dismiss(CheckInResult({}, "", passed=True, reviews=self._reviews()))

    def action_cancel(self) -> None:
        self.dismiss(None)
