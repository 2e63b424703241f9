"""A member's check-in: the agenda's fields on its scale with digits, a note, a pass, and the
review of the homework they carried from last time. Timers go on underneath."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
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


RESTORED_LINE = "Restored what was typed before the program stopped: check it, then save."


class RatingInput(Input):
    """A rating box (digits only) that never drops a keystroke silently: a letter or a
    space goes on to the note (`NotADigit`), a digit too many says so."""

    class NotADigit(Message):
        """A character a rating cannot hold, to be typed into the note instead."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    class TooLong(Message):
        """A digit the box refused (a rating is at most three digits)."""

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character is not None and not event.character.isdigit():
            event.stop()
            event.prevent_default()
            self.post_message(self.NotADigit(event.character))
            return
        await super()._on_key(event)

    def restricted(self) -> None:
        self.post_message(self.TooLong())


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
    Enter at the end (or Ctrl+S) saves, Ctrl+X records a pass, Esc leaves it for later (C on
    the cockpit opens it again, with what was typed). Saving is not the turn: the member goes on
    speaking until the facilitator ends the turn. What is typed goes to `on_draft` as it
    changes (the runner journals it, so a crash never loses it); `draft` fills the form again.
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
        draft: Mapping[str, str] | None = None,
        restored: bool = False,
        on_draft: Callable[[dict[str, str]], None] | None = None,
    ) -> None:
        super().__init__()
        self._name = name
        self._spec = spec
        self._homework = homework
        self._member_id = member_id
        self._previous = previous
        self._draft = dict(draft or {})
        self._restored = restored
        self._on_draft = on_draft
        self._ready = False  # no drafts for the values the form opens with

    def compose(self) -> ComposeResult:
        low, high = self._spec.scale
        with Vertical() as box:
            box.border_title = f"Check-in: {self._name}"
            box.border_subtitle = "Ctrl+S saves · Ctrl+X passes · Esc later"
            then = "to the homework, then saves" if self._homework else "on, then saves"
            yield Label(f"Scale {low} to {high}; Enter moves {then}.", id="scale")
            if self._restored:
                yield Label(RESTORED_LINE, id="restored")
            elif self._previous is not None:
                yield Label("Saved already: a change is kept as a correction.", id="restored")
            with Horizontal(id="fields"):
                for index, name in enumerate(self._spec.fields):
                    yield Label(name)
                    value = ""
                    if self._previous is not None and name in self._previous.values:
                        value = str(self._previous.values[name])
                    value = self._draft.get(name, value)
                    yield RatingInput(
                        value,
                        restrict=r"[0-9]{0,3}",
                        id=f"field-{index}",
                        compact=True,
                    )
            note = self._previous.note if self._previous else ""
            note = self._draft.get("note", note)
            yield Input(
                note,
                placeholder="Note (optional)",
                id="note",
                max_length=2000,
                compact=True,
                # Tabbing back into a note must not select it: the next letter would replace it.
                select_on_focus=False,
            )
            for index, homework in enumerate(self._homework):
                yield Label(f"Homework: {homework.text}", classes="homework-text")
                current = homework.reviews.get(self._member_id)
                chosen = current.value if current in OUTCOME_WORDS else None
                chosen = self._draft.get(f"homework:{homework.id}", chosen)
                yield Select(
                    [(words, outcome.value) for outcome, words in OUTCOME_WORDS.items()],
                    prompt="not reviewed",
                    value=chosen if chosen is not None else Select.NULL,
                    id=f"homework-{index}",
                    compact=True,
                )
            yield Label("", id="problem")

    def on_mount(self) -> None:
        self.query(Input).first().focus()
        for select in self.query(Select):
            self.watch(select, "expanded", self._list_opened)
        self.call_after_refresh(self._start_drafts)

    def _start_drafts(self) -> None:
        self._ready = True

    def draft_fields(self) -> dict[str, str]:
        """What the form holds now, as the journal keeps it (field name, "note",
        "homework:<id>")."""
        fields = {
            name: self.query_one(f"#field-{index}", Input).value
            for index, name in enumerate(self._spec.fields)
        }
        fields["note"] = self.query_one("#note", Input).value
        for index, homework in enumerate(self._homework):
            choice = self.query_one(f"#homework-{index}", Select).value
            if isinstance(choice, str):
                fields[f"homework:{homework.id}"] = choice
        return fields

    @on(Input.Changed)
    @on(Select.Changed)
    def _typed(self) -> None:
        if self._ready and self._on_draft is not None:
            self._on_draft(self.draft_fields())

    @on(RatingInput.NotADigit)
    def _to_the_note(self, event: RatingInput.NotADigit) -> None:
        note = self.query_one("#note", Input)
        note.value += event.character
        note.cursor_position = len(note.value)
        note.focus()
        self._say("Ratings are digits: the text went on into the note.")

    @on(RatingInput.TooLong)
    def _too_long(self) -> None:
        low, high = self._spec.scale
        self._say(f"A rating is a number from {low} to {high}.")

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
