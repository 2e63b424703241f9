"""Resume or start: an unfinished session of this group is offered back exactly where it was.

A session whose journal is damaged is offered too, with the damage in a sentence: it resumes
from the whole entries before the damage, or, when not even its start can be read, the screen
says why it cannot be resumed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label

from iop_facilitator.session.records import UnfinishedSession

CHECK = "`iop-facilitator vault check` lists the damaged file"


def offer_text(u: UnfinishedSession) -> tuple[str, str]:
    """What the screen says about `u`: the headline and the choices, in sentences."""
    if u.started is None:
        return (
            "A session's journal is damaged so that not even its start can be read.",
            f"{u.problem} It cannot be resumed; {CHECK}.\nn  start a new session",
        )
    started = f"{u.started.astimezone():%a %d %b, %H:%M}"
    saved = f"last saved {u.last_saved.astimezone():%H:%M}" if u.last_saved else "never saved"
    if u.problem is not None:
        entries = "entry" if u.events == 1 else "entries"
        return (
            f"{u.agenda_title}, started {started}, is not finished, and its journal is damaged.",
            f"{u.problem} The {u.events} {entries} before the damage are whole ({saved}).\n"
            f"r  resume from them (the damaged journal is kept; {CHECK})\n"
            "n  start a new session instead",
        )
    state = "ended but not yet saved as finished" if u.ended else "not finished"
    return (
        f"{u.agenda_title}, started {started}, is {state} ({saved}).",
        "r  resume it where it was, timers included\n"
        "n  start a new session (that one stays unfinished, for review)",
    )


class ResumeScreen(Screen[str | None]):
    """Dismisses with the session id to resume, or None to start a new session."""

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class attribute)
        Binding("r,enter", "resume", "Resume it"),
        Binding("n", "new", "Start a new one"),
        Binding("escape", "quit", "Quit"),
    ]

    DEFAULT_CSS = """
    ResumeScreen { align: center middle; }
    ResumeScreen > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    ResumeScreen #what { text-style: bold; width: 1fr; }
    ResumeScreen #detail { width: 1fr; }
    """

    def __init__(self, unfinished: UnfinishedSession) -> None:
        super().__init__()
        self.unfinished = unfinished

    def compose(self) -> ComposeResult:
        what, detail = offer_text(self.unfinished)
        with Vertical() as box:
            box.border_title = "Unfinished session"
            yield Label(what, id="what")
            yield Label(detail, id="detail")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.unfinished.resumable
        return True

    def action_resume(self) -> None:
        self.dismiss(self.unfinished.session_id)

    def action_new(self) -> None:
        self.dismiss(None)

    def action_quit(self) -> None:
        self.app.exit()
