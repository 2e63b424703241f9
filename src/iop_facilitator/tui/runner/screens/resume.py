"""Resume or start: every unfinished session of this group is offered back, newest first,
exactly where it was (never only one: a second one must not hide the first).

A session whose journal is damaged is offered too, with the damage in a sentence: it resumes
from the whole entries before the damage, or, when not even its start can be read, the screen
says why it cannot be resumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

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
    nobody = (
        "\nd  discard it: nobody was marked present, so it would go into no record"
        if u.present == 0
        else ""
    )
    return (
        f"{u.agenda_title}, started {started}, is {state} ({saved}).",
        "r  resume it where it was, timers included\n"
        "n  start a new session (that one stays unfinished, for review)\n"
        f"v  review past sessions, then come back here{nobody}",
    )


def list_line(u: UnfinishedSession) -> str:
    """One unfinished session in the list: when, what, how far it got."""
    if u.started is None:
        return "damaged: its start cannot be read"
    present = f"{u.present} present" if u.present else "nobody marked present"
    damaged = " · damaged" if u.problem else ""
    return f"{u.started.astimezone():%a %d %b %H:%M} · {u.agenda_title} · {present}{damaged}"


ResumeChoice = Literal["resume", "new", "review", "discard"]


class ResumeScreen(Screen[ResumeChoice]):
    """Dismisses with "resume" or "discard" (of `self.unfinished`, the session chosen), "new"
    (start a new session) or "review" (open review first)."""

    BINDINGS = keys.RESUME

    def __init__(self, unfinished: UnfinishedSession | Sequence[UnfinishedSession]) -> None:
        super().__init__()
        self.sessions = (
            [unfinished] if isinstance(unfinished, UnfinishedSession) else list(unfinished)
        )
        self.unfinished = self.sessions[0]  # the one chosen (the newest, to begin with)

    def compose(self) -> ComposeResult:
        what, detail = offer_text(self.unfinished)
        with Vertical() as box:
            box.border_title = "Unfinished session"
            if len(self.sessions) > 1:
                box.border_title = f"{len(self.sessions)} unfinished sessions, newest first"
                yield OptionList(
                    *[Option(list_line(u), id=u.session_id) for u in self.sessions],
                    id="sessions",
                )
            yield Label(what, id="what")
            yield Label(detail, id="detail")
        yield Footer()

    @on(OptionList.OptionHighlighted, "#sessions")
    def _chosen(self, event: OptionList.OptionHighlighted) -> None:
        self.unfinished = self.sessions[event.option_index]
        what, detail = offer_text(self.unfinished)
        self.query_one("#what", Label).update(what)
        self.query_one("#detail", Label).update(detail)
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#sessions")
    def _picked(self) -> None:
        if self.unfinished.resumable:
            self.dismiss("resume")

    def action_cursor(self, step: int) -> None:
        if len(self.sessions) > 1:
            options = self.query_one("#sessions", OptionList)
            index = (options.highlighted or 0) + step
            options.highlighted = max(0, min(index, len(self.sessions) - 1))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.unfinished.resumable
        if action == "discard":  # never a damaged journal: `vault check` must still see it
            u = self.unfinished
            return u.resumable and u.present == 0 and u.problem is None
        return True

    def action_discard(self) -> None:
        from iop_facilitator.tui.common.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss("discard")

        self.app.push_screen(
            ConfirmScreen(
                "Discard this session? Nobody was marked present in it.",
                "It goes into no record and no figure; the discard is noted in the vault's "
                "access log.",
            ),
            answered,
        )

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
