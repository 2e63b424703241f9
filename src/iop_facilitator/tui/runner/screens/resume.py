"""Resume or start: an unfinished session of this group is offered back exactly where it was.

A session whose journal is damaged is offered too, with the damage in a sentence: it resumes
from the whole entries before the damage, or, when not even its start can be read, the screen
says why it cannot be resumed.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label

from iop_facilitator.session import UnfinishedSession
from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.runner import keys

CHECK = "`iop-facilitator vault check` lists the damaged file"


def offer_text(u: UnfinishedSession) -> tuple[str, str]:
    """What the screen says about `u`: the headline and the choices, in sentences."""
    if u.started is None:
        return (
            "A session's journal is damaged so that not even its start can be read.",
            f"{u.problem} It cannot be resumed; {CHECK}.\n"
            "n  start a new session\nv  review past sessions",
        )
    started = f"{u.started.astimezone():%a %d %b, %H:%M}"
    saved = f"last saved {u.last_saved.astimezone():%H:%M}" if u.last_saved else "never saved"
    if u.problem is not None:
        entries = "entry" if u.events == 1 else "entries"
        return (
            f"{u.agenda_title}, started {started}, is not finished, and its journal is damaged.",
            f"{u.problem} The {u.events} {entries} before the damage are whole ({saved}).\n"
            f"r  resume from them (the damaged journal is kept; {CHECK})\n"
            "n  start a new session instead\nv  review past sessions",
        )
    state = "ended but not yet saved as finished" if u.ended else "not finished"
    return (
        f"{u.agenda_title}, started {started}, is {state} ({saved}).",
        "r  resume it where it was, timers included\n"
        "n  start a new session (that one stays unfinished, for review)\n"
        "v  review past sessions, then come back here",
    )


ResumeChoice = Literal["resume", "new", "review"]


class ResumeScreen(Screen[ResumeChoice]):
    """Dismisses with "resume", "new" (start a new session) or "review" (open review first)."""

    BINDINGS = keys.RESUME

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
        self.dismiss("resume")

    def action_new(self) -> None:
        self.dismiss("new")

    def action_review(self) -> None:
        self.dismiss("review")

    def action_quit(self) -> None:
        self.app.exit()

    def action_keys(self) -> None:
        """`?`: every key of the runner."""
        self.app.push_screen(KeysScreen(keys.help_sections()))
