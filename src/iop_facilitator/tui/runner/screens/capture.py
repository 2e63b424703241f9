"""Quick capture: a note, a safety flag, homework. Small modals that never stop the timers.

Each dismisses with what was written (a frozen dataclass) or None if cancelled; the session
screen records it through the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.screens.check_in import RESTORED_LINE

CHOSEN_MARK = "▸ "
"""Marks the chosen line of a list in a shape, not only in colour."""

GROUP = "__group__"
SESSION = "__session__"
PHASE = "__phase__"


@dataclass(frozen=True)
class Who:
    """Someone (or something) a capture can be about: an id and how the list shows it."""

    id: str
    label: str


@dataclass(frozen=True)
class Captured:
    """What a capture modal returns: the text and whom or what it is about."""

    text: str
    about: str
    from_suggestion: bool = False


class CaptureScreen(ModalScreen[Captured | None]):
    """A one-line text and a choice of whom it is about; Enter in the text saves.

    A suggestion picked (Enter) becomes the text and the focus moves on to "About"; Enter
    there saves. The chosen line of each list carries `CHOSEN_MARK`, and "About:" names the
    choice in words. Without an `initial` choice nothing is chosen until the facilitator
    chooses (a flag is never about member 1 by default).

    What is typed goes to `on_draft` as it changes ({"text", "about"}; empty once cancelled),
    so the runner can journal it; `draft` fills the form again after a crash, with a line
    saying so."""

    BINDINGS = keys.CAPTURE

    def __init__(
        self,
        title: str,
        choices: list[Who],
        *,
        placeholder: str,
        initial: str | None = None,
        suggestions: list[str] | None = None,
        require_member: bool = False,
        flag: bool = False,
        draft: Mapping[str, str] | None = None,
        on_draft: Callable[[dict[str, str]], None] | None = None,
    ) -> None:
        super().__init__(classes="-flag" if flag else None)
        self._draft = dict(draft or {})
        self._on_draft = on_draft
        if self._draft.get("about"):
            initial = self._draft["about"]
        self._title = title
        self._choices = choices
        self._placeholder = placeholder
        self._initial = initial
        self._suggestions = suggestions or []
        self._require_member = require_member

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            box.border_subtitle = "Enter saves · Esc cancels · Tab moves"
            if self._draft:
                yield Label(RESTORED_LINE, id="restored")
            yield Input(
                self._draft.get("text", ""),
                placeholder=self._placeholder,
                id="text",
                compact=True,
            )
            if self._suggestions:
                yield Label("Or pick a suggestion:", id="hint")
                yield OptionList(
                    *[Option(text, id=f"s{i}") for i, text in enumerate(self._suggestions)],
                    id="suggestions",
                )
            yield Label("About:", id="about-label")
            options = OptionList(
                *[Option(f"  {who.label}", id=who.id) for who in self._choices], id="about"
            )
            yield options
            yield Label("", id="problem")

    def on_mount(self) -> None:
        about = self.query_one("#about", OptionList)
        ids = [who.id for who in self._choices]
        if self._initial in ids:
            about.highlighted = ids.index(self._initial)
        elif ids and not self._require_member:
            about.highlighted = 0
        else:
            about.highlighted = None  # nobody by default: the facilitator chooses
        if self._suggestions:
            # None taken until the facilitator moves into the list (see `_entered`).
            self.query_one("#suggestions", OptionList).highlighted = None
        self._show_about()
        text = self.query_one("#text", Input)
        text.focus()
        text.cursor_position = len(text.value)

    @on(Input.Changed, "#text")
    @on(OptionList.OptionHighlighted, "#about")
    def _typed(self) -> None:
        if self._on_draft is None or not self.is_mounted:
            return
        text = self.query_one("#text", Input).value
        if text.strip():  # a choice alone is nothing to keep
            self._on_draft({"text": text, "about": self._about() or ""})

    def _about(self) -> str | None:
        about = self.query_one("#about", OptionList)
        if about.highlighted is None:
            return None
        return self._choices[about.highlighted].id

    @on(OptionList.OptionHighlighted, "#about")
    def _show_about(self) -> None:
        about = self._about()
        for who in self._choices:
            mark = CHOSEN_MARK if who.id == about else "  "
            self.query_one("#about", OptionList).replace_option_prompt(who.id, mark + who.label)
        chosen = next((who.label for who in self._choices if who.id == about), None)
        words = f"About: {chosen} (↑↓ to change)" if chosen else "About: choose with ↑↓"
        self.query_one("#about-label", Label).update(words)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tabbing into the suggestions marks the first one (and takes it, see below)."""
        widget = event.widget
        if widget.id == "suggestions" and isinstance(widget, OptionList):
            widget.highlighted = 0 if widget.highlighted is None else widget.highlighted

    @on(OptionList.OptionHighlighted, "#suggestions")
    def _show_suggestion(self) -> None:
        suggestions = self.query_one("#suggestions", OptionList)
        for index, text in enumerate(self._suggestions):
            mark = CHOSEN_MARK if index == suggestions.highlighted else "  "
            suggestions.replace_option_prompt_at_index(index, mark + text)
        # Moving through the suggestions picks one, unless the facilitator wrote their own.
        text = self.query_one("#text", Input).value.strip()
        highlighted = suggestions.highlighted
        if highlighted is None or not suggestions.has_focus:
            return
        if not text or text in self._suggestions:
            self._take_suggestion(highlighted)

    @on(Input.Submitted, "#text")
    def _text_submitted(self) -> None:
        self.action_save()

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggestion_picked(self, event: OptionList.OptionSelected) -> None:
        self._take_suggestion(event.option_index)
        self.query_one("#about", OptionList).focus()
        self.query_one("#hint", Label).update("Taken: now whom it is for, then Enter saves.")

    def _take_suggestion(self, index: int) -> None:
        self.query_one("#text", Input).value = self._suggestions[index]
        self.query_one("#problem", Label).update("")

    @on(OptionList.OptionSelected, "#about")
    def _about_picked(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        self._finish(text, from_suggestion=text in self._suggestions)

    def _finish(self, text: str, *, from_suggestion: bool) -> None:
        problem = self.query_one("#problem", Label)
        if not text:
            problem.update("Write something first, or press Esc to cancel.")
            self.query_one("#text", Input).focus()
            return
        about = self._about()
        if about is None or (self._require_member and about in (GROUP, SESSION, PHASE)):
            problem.update("Choose the member this is about.")
            self.query_one("#about", OptionList).focus()
            return
        self.dismiss(Captured(text=text, about=about, from_suggestion=from_suggestion))

    def action_cancel(self) -> None:
        if self._on_draft is not None:
            self._on_draft({})  # closed unsaved: nothing to reopen after a crash
        self.dismiss(None)
