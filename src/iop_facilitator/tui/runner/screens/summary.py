"""The end of the session: what happened, and the draft note to finish before saving.

Saving (Ctrl+S) finishes the session in the vault with the note as edited; until then the
ended session stays in its journal, so quitting here loses nothing and the next start comes
straight back to this screen.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, TabbedContent, TabPane, TextArea

from iop_facilitator.errors import UserError
from iop_facilitator.session import OUTCOME_WORDS, SessionSummary
from iop_facilitator.tui.common.formatting import bar_text, clock_text, percent_text
from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.draft_keeper import DraftKeeper

_STATUS_WORDS = {
    "present": "present",
    "late": "late",
    "left-early": "left early",
    "late-and-left-early": "late, left early",
    "absent": "absent",
    "unmarked": "not marked",
}


def summary_renderable(summary: SessionSummary) -> RenderableType:
    """The summary as tables and lines, in the order a therapist reads it."""
    parts: list[RenderableType] = []
    parts.append(
        Text.from_markup(
            f"[b]{summary.group_name}[/b] · {summary.agenda_title}\n"
            f"{summary.present_count} here, {summary.absent_count} absent · "
            f"{round(summary.elapsed_minutes)} of {summary.planned_minutes} min · "
            f"equity {summary.equity_gini:.2f} (0 = even) · "
            f"facilitators {percent_text(summary.facilitator_share)} of airtime"
        )
    )
    names = {a.member_id: a.name for a in summary.attendance}
    airtime = Table(title="Attendance and airtime", title_justify="left", box=None, expand=True)
    airtime.add_column("Member", no_wrap=True)
    airtime.add_column("Here", no_wrap=True)
    airtime.add_column("Airtime", ratio=1, no_wrap=True)
    airtime.add_column("time", justify="right", no_wrap=True)
    airtime.add_column("#", justify="right", no_wrap=True)
    most = max((s.member_share or 0.0 for s in summary.speakers), default=0.0)
    for line in summary.attendance:
        speaker = summary.speaker(line.member_id)
        share = (speaker.member_share or 0.0) if speaker else 0.0
        airtime.add_row(
            line.name,
            _STATUS_WORDS[line.status],
            bar_text(share / most if most else 0.0, 12) + f" {percent_text(share)}",
            clock_text(speaker.airtime_seconds) if speaker else "",
            str(speaker.turns) if speaker else "",
        )
    parts.append(airtime)
    if summary.not_spoken:
        quiet = ", ".join(names.get(m, "?") for m in summary.not_spoken)
        parts.append(Text(f"Did not speak: {quiet}"))
    if summary.checkins:
        checkins = Table(title="Check-ins", title_justify="left", box=None, expand=True)
        checkins.add_column("Member", no_wrap=True)
        for field in summary.checkin_fields:
            checkins.add_column(field, justify="right")
        checkins.add_column("Note", ratio=1)
        for c in summary.checkins:
            values = [
                "pass" if c.passed else str(c.values.get(f, "")) for f in summary.checkin_fields
            ]
            checkins.add_row(c.name, *values, c.note)
        parts.append(checkins)
    for title, lines in (
        ("Homework given", summary.homework_given),
        ("Homework reviewed", summary.homework_reviewed),
    ):
        if lines:
            text = Text(f"{title}\n", style="bold")
            for h in lines:
                who = ", ".join(names.get(m, "?") for m in h.member_ids) or "the group"
                outcomes = ", ".join(
                    f"{names.get(k, k)}: {OUTCOME_WORDS.get(v, v)}"
                    for k, v in h.outcomes.items()
                    if v
                )
                text.append(f"• {h.text} ({who}){' - ' + outcomes if outcomes else ''}\n")
            parts.append(text)
    if summary.flags:
        text = Text("Safety flags\n", style="bold")
        for f in summary.flags:
            state = "handled" if f.handled else "OPEN"
            text.append(f"! {f.member_name}: {f.note} [{state}]\n")
        parts.append(text)
    if summary.notes:
        text = Text("Notes\n", style="bold")
        for n in summary.notes:
            about = names.get(n.member_id or "", n.phase_title or "session")
            text.append(f"• min {round(n.minute)}, {about}: {n.text}\n")
        parts.append(text)
    phases = Table(title="Phases: planned and actual", title_justify="left", box=None, expand=True)
    phases.add_column("Phase", ratio=1)
    phases.add_column("plan", justify="right")
    phases.add_column("actual", justify="right")
    for p in summary.phases:
        actual = "skipped" if p.status == "skipped" else f"{round(p.actual_minutes)}"
        phases.add_row(p.title, f"{round(p.planned_minutes)}", actual)
    parts.append(phases)
    return Group(*parts)


class SummaryScreen(Screen[bool]):
    """Two tabs: the summary and the draft note (a text area). Dismisses True once saved."""

    BINDINGS = keys.SUMMARY

    DEFAULT_CSS = """
    SummaryScreen #saving { display: none; background: $warning 30%; padding: 0 1; width: 1fr; }
    SummaryScreen #saving.-shown { display: block; }
    SummaryScreen TextArea { height: 1fr; }
    SummaryScreen #summary-tab VerticalScroll:focus { background-tint: $foreground 5%; }
    """

    def __init__(
        self,
        summary: SessionSummary,
        draft: str,
        save: Callable[[str], None],
        *,
        keep: Callable[[str], None] | None = None,
    ) -> None:
        """`save` finishes the session with the note; `keep` is handed the note after every
        edit (on a thread of its own) so that a crash while writing it loses nothing."""
        super().__init__(id="summary")
        self._summary = summary
        self._draft = draft
        self._save = save
        self._saving = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._keeper = DraftKeeper(keep, self._keeping_problem_from_thread) if keep else None

    def compose(self) -> ComposeResult:
        yield Label("", id="saving")
        with TabbedContent(initial="draft-tab"):
            with TabPane("F1 Draft note (editable)", id="draft-tab"):
                yield TextArea(self._draft, id="draft", soft_wrap=True)
            with TabPane("F2 Summary", id="summary-tab"), VerticalScroll():
                yield Static(summary_renderable(self._summary), id="summary-text")
        yield Footer()

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.query_one("#draft", TextArea).focus()

    def action_show_tab(self, tab: str) -> None:
        """Show the tab `tab` (F1: the draft, F2: the summary) with the focus in it."""
        self.query_one(TabbedContent).active = tab
        target = "#draft" if tab == "draft-tab" else "#summary-tab VerticalScroll"
        self.query_one(target).focus()

    @on(TextArea.Changed, "#draft")
    def _edited(self, event: TextArea.Changed) -> None:
        if self._keeper is not None:
            self._keeper.offer(event.text_area.text)

    def _keeping_problem_from_thread(self, problem: str | None) -> None:
        # Never wait for the UI here: the UI may be waiting for the keeper (a flush on close).
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the app has closed
                self._loop.call_soon_threadsafe(self._keeping_problem, problem)

    def _keeping_problem(self, problem: str | None) -> None:
        if not self.is_mounted:
            return
        label = self.query_one("#saving", Label)
        if problem is None:
            if not self._saving:
                label.remove_class("-shown")
            return
        label.update(f"The note is not kept yet: {problem} Retrying.")
        label.add_class("-shown")

    def on_unmount(self) -> None:
        if self._keeper is not None:
            self._keeper.close(timeout=5)

    def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        label = self.query_one("#saving", Label)
        label.update("Saving the session to the vault…")
        label.add_class("-shown")
        draft = self.query_one("#draft", TextArea)
        draft.read_only = True  # the note being saved is the note on screen
        self._finish(draft.text)

    @work(thread=True, exclusive=True, group="finish")
    def _finish(self, note: str) -> None:
        keeper = self._keeper
        try:
            if keeper is not None:
                keeper.flush(timeout=5)  # one writer at a time in the vault
            self._save(note)
        except UserError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        except Exception as error:  # a bug: say so in a sentence and keep the note editable
            self.app.call_from_thread(
                self._failed, f"An unexpected error ({type(error).__name__}) stopped the save."
            )
            return
        # Only now is the note in the finished record: until then the keeper keeps every edit.
        if keeper is not None:
            keeper.close(timeout=5, discard=True)
        self.app.call_from_thread(self.dismiss, True)

    def _failed(self, message: str) -> None:
        self._saving = False
        self.query_one("#draft", TextArea).read_only = False
        self.query_one("#saving", Label).update(
            f"NOT SAVED: {message} Nothing is lost: Ctrl+S tries again."
        )

    def action_help(self) -> None:
        from iop_facilitator.tui.runner.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
