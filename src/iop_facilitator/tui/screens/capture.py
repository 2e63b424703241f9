"""Quick capture: a note, a safety flag, homework. Small modals that never stop the timers.

Each dismisses with what was written (a frozen dataclass) or None if cancelled; the session
screen records it through the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from iop_facilitator.tui import keymap

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
    """A one-line text and a choice of whom it is about; Enter in the text saves."""

    BINDINGS = keymap.CAPTURE

    DEFAULT_CSS = """
    CaptureScreen { align: center bottom; }
    CaptureScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 20;
        border: round $primary; background: $surface; padding: 0 1;
        margin-bottom: 2;
    }
    CaptureScreen.-flag > Vertical { border: heavy $error; }
    CaptureScreen OptionList { height: auto; max-height: 9; border: none; padding: 0; }
    CaptureScreen #problem { color: $error; width: 1fr; }
    CaptureScreen #hint { color: $text-muted; width: 1fr; }
    """

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
    ) -> None:
        super().__init__(classes="-flag" if flag else None)
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
            yield Input(placeholder=self._placeholder, id="text", compact=True)
            if self._suggestions:
                yield Label("Or pick a suggestion:", id="hint")
                yield OptionList(
                    *[Option(text, id=f"s{i}") for i, text in enumerate(self._suggestions)],
                    id="suggestions",
                )
            yield Label("About:", id="about-label")
            options = OptionList(
                *[Option(who.label, id=who.id) for who in self._choices], id="about"
            )
            yield options
            yield Label("", id="problem")

    def on_mount(self) -> None:
        about = self.query_one("#about", OptionList)
        ids = [who.id for who in self._choices]
        if self._initial in ids:
            about.highlighted = ids.index(self._initial)
        elif ids:
            about.highlighted = 0
        self.query_one("#text", Input).focus()

    def _about(self) -> str | None:
        about = self.query_one("#about", OptionList)
        if about.highlighted is None:
            return None
        return self._choices[about.highlighted].id

    @on(Input.Submitted, "#text")
    def _text_submitted(self) -> None:
        self.action_save()

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggestion_picked(self, event: OptionList.OptionSelected) -> None:
        self._finish(str(event.option.prompt), from_suggestion=True)

    @on(OptionList.OptionSelected, "#about")
    def _about_picked(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self._finish(self.query_one("#text", Input).value.strip(), from_suggestion=False)

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
        self.dismiss(None)
