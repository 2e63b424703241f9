"""Resume or start: an unfinished session of this group is offered back exactly where it was."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label

from iop_facilitator.session.records import UnfinishedSession


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
        u = self.unfinished
        started = f"{u.started.astimezone():%a %d %b, %H:%M}"
        saved = f" (last saved {u.last_saved.astimezone():%H:%M})"
        state = "ended but not yet saved as finished" if u.ended else "not finished"
        with Vertical() as box:
            box.border_title = "Unfinished session"
            yield Label(f"{u.agenda_title}, started {started}, is {state}{saved}.", id="what")
            yield Label(
                "r  resume it where it was, timers included\n"
                "n  start a new session (that one stays unfinished, for review)",
                id="detail",
            )
        yield Footer()

    def action_resume(self) -> None:
        self.dismiss(self.unfinished.session_id)

    def action_new(self) -> None:
        self.dismiss(None)

    def action_quit(self) -> None:
        self.app.exit()
