"""Both versions of a note edited on two computers at once; the clinician keeps one."""

from __future__ import annotations

from rich.console import Group as RenderGroup
from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from iop_facilitator.errors import UserError
from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.review.note_conflicts import NoteConflict, keep_version
from iop_facilitator.session import SessionSummary
from iop_facilitator.tui.review import keys
from iop_facilitator.tui.review.screens.base import ReviewScreen
from iop_facilitator.tui.review.screens.summary_view import note_renderables

EXPLAINED = (
    "This note was edited on two computers before they synced; both versions are kept. "
    "Press 1 to keep this computer's, 2 to keep the other (saved as an edit of the note), "
    "Esc to decide later."
)


class NoteVersionsScreen(ReviewScreen):
    """The version in use (1) above the other (2); closed once one is kept (or with Esc)."""

    BINDINGS = keys.NOTE_VERSIONS

    def __init__(self, conflict: NoteConflict, summary: SessionSummary) -> None:
        super().__init__()
        self.conflict = conflict
        self.summary = summary

    def _version(self, number: int, title: str, note: ClinicalNote) -> list[RenderableType]:
        heading = Text(f" {number}  {title} ", style="bold reverse")
        return [heading, *note_renderables(self.summary, note), Text("")]

    def compose(self) -> ComposeResult:
        body = RenderGroup(
            Text(EXPLAINED + "\n"),
            *self._version(1, "This computer's version", self.conflict.in_use),
            *self._version(2, "The other computer's version", self.conflict.other),
        )
        with VerticalScroll(id="versions"):
            yield Static(body, id="versions-body")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#versions").focus()

    def action_keep(self, which: int) -> None:
        self._keep(other=which == 2)

    @work(thread=True, exclusive=True, group="keep-version")
    def _keep(self, *, other: bool) -> None:
        try:
            keep_version(self.review.library.vault, self.conflict, other=other, now=self.review.now)
        except UserError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._kept, other)

    def _kept(self, other: bool) -> None:
        self.review.note_conflicts.pop(self.conflict.session_id, None)
        which = "the other computer's" if other else "this computer's"
        self.notify(f"Kept {which} version of the note.")
        self.dismiss()

    def action_back(self) -> None:
        self.dismiss()
