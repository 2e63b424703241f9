"""The review app: past sessions, members, groups, what is open, search and the access log.

Each view is a Textual mode with its own screen stack, so switching views keeps the place in
each. The vault's index is read once, off the UI thread (`Archive`); every view then works in
memory. Writes (a note, a handled flag, an export) go through `review` and are saved before
the screen says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Label

from iop_facilitator.errors import UserError
from iop_facilitator.review.archive import Archive
from iop_facilitator.review.library import Library
from iop_facilitator.review.note_conflicts import NoteConflict, note_conflicts
from iop_facilitator.review.unfinished import (
    UnfinishedReading,
    read_unfinished,
    unfinished_digests,
)
from iop_facilitator.tui.common.last_resort import SafeApp
from iop_facilitator.tui.common.theme import CALM
from iop_facilitator.tui.review import keys
from iop_facilitator.tui.review.screens.access_log import AccessLogView
from iop_facilitator.tui.review.screens.follow_up import FollowUpView
from iop_facilitator.tui.review.screens.groups import GroupsView
from iop_facilitator.tui.review.screens.members import MembersView
from iop_facilitator.tui.review.screens.search import SearchView
from iop_facilitator.tui.review.screens.sessions import SessionsView
from iop_facilitator.tui.review.syncing import ReviewSync

Now = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class LoadingScreen(Screen[None]):
    """Shown while the vault's index is read."""

    def compose(self) -> ComposeResult:
        yield Label("Opening the sessions…", id="loading")


class ReviewApp(SafeApp[None]):
    """The therapist's review of past sessions."""

    CSS_PATH = "review.tcss"
    TITLE = "iop-facilitator review"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = keys.APP
    MODES = {  # noqa: RUF012 (Textual reads MODES as a class attribute)
        "sessions": SessionsView,
        "members": MembersView,
        "groups": GroupsView,
        "follow-up": FollowUpView,
        "search": SearchView,
        "log": AccessLogView,
    }

    def __init__(
        self, library: Library, *, now: Now = _utc_now, signer: str = "", back_to: str = ""
    ) -> None:
        """`now` gives the wall-clock time for saved notes and handled flags; `signer` is
        the name offered when a note is made final or a flag handled; `back_to` names where
        quitting goes when review was opened from elsewhere (the runner's start screen)."""
        super().__init__()
        self.back_to = back_to
        self.library = library
        self.now = now
        self.signer = signer
        self.archive = Archive()
        self.unfinished: list[UnfinishedReading] = []
        self.note_conflicts: dict[str, NoteConflict] = {}
        """Notes sync kept in two versions (edited on two computers), by session id."""
        self.sync = ReviewSync(self)
        """The sync with the vault's remote started once the sessions are read."""

    def on_mount(self) -> None:
        self.register_theme(CALM)
        self.theme = CALM.name
        self.push_screen(LoadingScreen())
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        try:
            archive = self.library.archive()
            unfinished = read_unfinished(self.library.records)
            # Read from their journals, kept in memory only: their open flags, notes and
            # homework reach Follow-up, the member pages and search like any session's.
            archive.add_all(unfinished_digests(unfinished))
            conflicts = note_conflicts(self.library.vault)
        except UserError as error:
            self.call_from_thread(self._failed, str(error))
            return
        self.call_from_thread(self._loaded, archive, unfinished, conflicts)

    def _loaded(
        self,
        archive: Archive,
        unfinished: list[UnfinishedReading],
        conflicts: dict[str, NoteConflict],
    ) -> None:
        self.archive = archive
        self.unfinished = unfinished
        self.note_conflicts = conflicts
        self.switch_mode("sessions")
        self.sync.start()  # after the first read, so the two never race for the disk
        if self.back_to:
            self.notify(f"q goes back to {self.back_to}.", timeout=6)

    def _failed(self, message: str) -> None:
        self.exit(message=message)

    def unfinished_session(self, session_id: str) -> UnfinishedReading | None:
        """The session if it was never finished (read from its journal), else None."""
        return next((u for u in self.unfinished if u.session_id == session_id), None)
