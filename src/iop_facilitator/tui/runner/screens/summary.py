"""The end of the session: what happened, and the draft note to finish before saving.

Saving (Ctrl+S) finishes the session in the vault with the note as edited; until then the
ended session stays in its journal, so quitting here loses nothing and the next start comes
straight back to this screen.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, TabbedContent, TabPane, TextArea

from iop_facilitator.errors import UserError
from iop_facilitator.session import SaveStatus, SessionSummary
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.draft_keeper import DraftKeeper
from iop_facilitator.tui.runner.messages import QuitAsked, SaveStatusChanged
from iop_facilitator.tui.runner.quitting import unfinished_quit_detail


class SummaryScreen(Screen[bool]):
    """Two tabs: the summary and the draft note (a text area). Dismisses True once saved."""

    BINDINGS = keys.SUMMARY

    def __init__(
        self,
        summary: SessionSummary,
        draft: str,
        save: Callable[[str], None],
        *,
        keep: Callable[[str], None] | None = None,
        save_status: SaveStatus | None = None,
    ) -> None:
        """`save` finishes the session with the note; `keep` is handed the note after every
        edit (on a thread of its own) so that a crash while writing it loses nothing;
        `save_status` is saving's status as the screen opens (`SaveStatusChanged` follows)."""
        super().__init__(id="summary")
        self.save_status = save_status
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
                # Review's document code, imported when the summary shows: the runner's
                # first frame does not wait for it.
                from iop_facilitator.tui.common.document_view import summary_renderable

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

    def on_save_status_changed(self, message: SaveStatusChanged) -> None:
        self.save_status = message.status

    def on_quit_asked(self, message: QuitAsked) -> None:
        """Ctrl+Q before saving: ask, since the session is not finished yet."""
        message.stop()

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        detail = unfinished_quit_detail(self.save_status)
        self.app.push_screen(ConfirmScreen("Quit without finishing?", detail), answered)

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

    def action_keys(self) -> None:
        """`?`: every key of the runner."""
        self.app.push_screen(KeysScreen(keys.help_sections()))
