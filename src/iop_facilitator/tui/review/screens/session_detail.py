"""One session: its summary and its note; edit a draft, make it final, add an addendum."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group as RenderGroup
from rich.console import RenderableType
from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from iop_facilitator.errors import UserError
from iop_facilitator.review.clinical_notes import ClinicalNote, NoteFormat
from iop_facilitator.review.note_privacy import note_warnings
from iop_facilitator.review.unfinished import IN_PROGRESS, UnfinishedReading
from iop_facilitator.session import SessionSummary
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.common.document_view import summary_renderables
from iop_facilitator.tui.review import keys
from iop_facilitator.tui.review.screens.base import ReviewScreen
from iop_facilitator.tui.review.screens.forms import Field, FormScreen
from iop_facilitator.tui.review.screens.note_editor import GROUP_PART, NoteEditorScreen
from iop_facilitator.tui.review.screens.summary_view import session_renderable
from iop_facilitator.wording import count


class SessionDetailScreen(ReviewScreen):
    """A finished session, read from the vault off the UI thread (or an unfinished one, as
    review read it from its journal)."""

    BINDINGS = keys.SESSION_DETAIL

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.summary: SessionSummary | None = None
        self.note: ClinicalNote | None = None
        self.unfinished = False  # read from its journal: no note to edit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static("Opening the session…", id="session-body")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#detail").focus()
        self._load()

    @work(thread=True, exclusive=True, group="session")
    def _load(self) -> None:
        unfinished = self.review.unfinished_session(self.session_id)
        if unfinished is not None:
            self.app.call_from_thread(self._show_unfinished, unfinished)
            return
        library = self.review.library
        try:
            finished = library.finished(self.session_id)
            summary = finished.summary()
            note = library.note(self.session_id, finished)
        except UserError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show, summary, note)

    def _failed(self, message: str) -> None:
        self.query_one("#session-body", Static).update(message)

    def _show(self, summary: SessionSummary, note: ClinicalNote) -> None:
        self.summary, self.note = summary, note
        body = session_renderable(summary, note)
        if self.session_id in self.review.note_conflicts:
            banner = Text.assemble(
                ("TWO VERSIONS", "bold reverse"),
                " This note was edited on two computers before they synced. Press v to see "
                "both and keep one.\n",
            )
            body = RenderGroup(banner, body)
        self.query_one("#session-body", Static).update(body)

    def action_versions(self) -> None:
        """Both versions of a note edited on two computers, to keep one."""
        from iop_facilitator.tui.review.screens.note_versions import NoteVersionsScreen

        conflict = self.review.note_conflicts.get(self.session_id)
        if conflict is None or self.summary is None:
            self.notify("This note has one version: nothing to choose.")
            return
        self.app.push_screen(NoteVersionsScreen(conflict, self.summary), self._versions_closed)

    def _versions_closed(self, _: None) -> None:
        if self.session_id not in self.review.note_conflicts:  # one was kept: show it
            self._load()

    def _show_unfinished(self, unfinished: UnfinishedReading) -> None:
        """Its summary so far, read from its journal, marked UNFINISHED; no note to edit."""
        self.unfinished = True
        if unfinished.in_progress:
            self.query_one("#session-body", Static).update(IN_PROGRESS)
            return
        damage = f" Its journal is damaged: {unfinished.problem}" if unfinished.problem else ""
        banner = Text.assemble(
            ("UNFINISHED", "bold reverse"),
            " This session was never finished; shown as its journal was last saved. Resume "
            f"or finish it with `iop-facilitator run` to write its note.{damage}\n",
        )
        body: list[RenderableType] = [banner]
        if unfinished.summary is not None:
            body += summary_renderables(unfinished.summary)
        self.query_one("#session-body", Static).update(RenderGroup(*body))

    def _refuse_unfinished(self) -> bool:
        if self.unfinished:
            self.notify(
                "This session was never finished, so it has no note yet: resume or finish it "
                "with `iop-facilitator run`.",
                severity="warning",
            )
        return self.unfinished

    def _signer(self) -> str:
        if self.review.signer:
            return self.review.signer
        if self.summary is not None:
            return next((s.name for s in self.summary.speakers if s.is_facilitator), "")
        return ""

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        if self._refuse_unfinished():
            return
        if self.note is None or self.summary is None:
            return
        if self.note.final:
            self.notify(
                "This note is final and locked; press a to add a dated addendum.",
                severity="warning",
            )
            return
        names = {a.member_id: a.name for a in self.summary.attendance}
        self.app.push_screen(NoteEditorScreen(self.note, names), self._edited)

    def _edited(self, changed: dict[str, str] | None) -> None:
        if not changed:
            return
        group = changed.pop(GROUP_PART, None)
        seen = self.note
        self._save(
            lambda: self.review.library.edit_note(
                self.session_id,
                at=self.review.now(),
                group_text=group,
                member_texts=changed,
                archive=self.review.archive,
                seen=seen,
            ),
            "Note saved.",
        )

    def action_finalise(self) -> None:
        if self._refuse_unfinished():
            return
        if self.note is None:
            return
        if self.note.final:
            self.notify("This note is already final.")
            return
        left = self.note.placeholders()
        if left and self.summary is not None:
            names = {a.member_id: a.name for a in self.summary.attendance}
            where = "; ".join(
                f"{names.get(part, part) if part else 'group note'}: {text}" for part, text in left
            )
            self.app.push_screen(
                ConfirmScreen(
                    f"The note still holds {count(len(left), 'placeholder')}. "
                    "Make it final anyway?",
                    escape(where),
                ),
                lambda yes: self._ask_signer(leave_placeholders=True) if yes else None,
            )
            return
        self._ask_signer()

    def _ask_signer(self, *, leave_placeholders: bool = False) -> None:
        left = (
            " The placeholders left are recorded with it, and marked in every export."
            if leave_placeholders
            else ""
        )
        self.app.push_screen(
            FormScreen(
                "Make this note final",
                [
                    Field("by", "Signed by", self._signer()),
                    Field("credentials", "Credentials (e.g. PsyD, LCSW)", optional=True),
                ],
                f"A final note is locked: later changes become dated addenda.{left}",
            ),
            lambda values: self._finalised(values, leave_placeholders),
        )

    def _finalised(self, values: dict[str, str] | None, leave_placeholders: bool = False) -> None:
        if values is None:
            return
        seen = self.note
        self._save(
            lambda: self.review.library.finalise_note(
                self.session_id,
                at=self.review.now(),
                by=values["by"],
                credentials=values.get("credentials", ""),
                leave_placeholders=leave_placeholders,
                archive=self.review.archive,
                seen=seen,
            ),
            "The note is final.",
        )

    def action_other_format(self) -> None:
        if self._refuse_unfinished():
            return
        if self.note is None:
            return
        if self.note.final:
            self.notify("This note is final and keeps its format.", severity="warning")
            return
        formats = list(NoteFormat)
        fmt = formats[(formats.index(self.note.format) + 1) % len(formats)]
        self.app.push_screen(
            ConfirmScreen(
                f"Replace this draft with a fresh {fmt.value.upper()} draft?",
                "Edits made to the current draft are replaced.",
            ),
            lambda yes: self._redraft(fmt) if yes else None,
        )

    def _redraft(self, fmt: NoteFormat) -> None:
        seen = self.note
        self._save(
            lambda: self.review.library.redraft_note(
                self.session_id, fmt, at=self.review.now(), archive=self.review.archive, seen=seen
            ),
            f"The draft is now {fmt.value.upper()}.",
        )

    def action_addendum(self) -> None:
        if self._refuse_unfinished():
            return
        if self.note is None:
            return
        if not self.note.final:
            self.notify("This note is still a draft: press e to edit it.", severity="warning")
            return
        self.app.push_screen(
            FormScreen(
                "Addendum",
                [
                    Field("text", "Addendum", multiline=True),
                    Field("by", "By", self._signer()),
                    Field(
                        "about",
                        "About a member (their initials or name; empty: the group note)",
                        optional=True,
                    ),
                ],
                "Dated now and kept after the final note, which stays as it was.",
            ),
            self._added,
        )

    def _added(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        about: str | None = None
        wanted = values.get("about", "").casefold()
        if wanted and self.summary is not None:
            about = next(
                (
                    a.member_id
                    for a in self.summary.attendance
                    if wanted in (a.initials.casefold(), a.name.casefold())
                ),
                None,
            )
            if about is None:
                self.notify(
                    f"Nobody in this session is called {values['about']}.", severity="error"
                )
                return
        self._save(
            lambda: self.review.library.add_addendum(
                self.session_id,
                text=values["text"],
                at=self.review.now(),
                by=values["by"],
                about=about,
            ),
            "Addendum saved.",
        )

    def _save(self, write: Callable[[], ClinicalNote], message: str) -> None:
        self._write(write, message)

    @work(thread=True, exclusive=True, group="save-note")
    def _write(self, write: Callable[[], ClinicalNote], message: str) -> None:
        try:
            note = write()
        except UserError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            self._reload_note()  # show the note as it is now (another window may have saved)
            return
        self.app.call_from_thread(self._saved, note, message)

    def _reload_note(self) -> None:
        try:
            note = self.review.library.note(self.session_id)
        except UserError:
            return
        self.app.call_from_thread(self._saved, note, None)

    def _saved(self, note: ClinicalNote, message: str | None) -> None:
        self.note = note
        if self.summary is not None:
            self.query_one("#session-body", Static).update(session_renderable(self.summary, note))
        if message is not None:
            self.notify(message)
            # Checked at every save, as a member's export would check it: said now, by part.
            if self.summary is not None:
                for warning in note_warnings(self.summary, note):
                    self.notify(warning, severity="warning", timeout=12)

    def action_export(self) -> None:
        """This session's notes out of the vault, as `iop-facilitator export SESSION` does."""
        if self._refuse_unfinished():
            return
        from iop_facilitator.review.export.exports import FileFormat, session_export
        from iop_facilitator.tui.review.screens.exporting import Exporting

        library, session_id = self.review.library, self.session_id
        Exporting(
            self,
            lambda fmt: session_export(library, session_id, fmt=fmt),
            (FileFormat.MARKDOWN, FileFormat.HTML, FileFormat.JSON),
        ).start()
