"""Review syncs with the vault's remote when it opens: in the background, said in one toast.

Nothing waits for it (the sessions are read from the vault meanwhile). When the sync brought
something, the sessions are read again and the view showing is refreshed, so a session
finished on another computer, or a note kept in two versions, shows without reopening review.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from iop_facilitator.errors import UserError
from iop_facilitator.review.archive import Archive
from iop_facilitator.review.note_conflicts import NoteConflict, note_conflicts
from iop_facilitator.review.unfinished import unfinished_digests
from iop_facilitator.sync.background import sync_in_background

if TYPE_CHECKING:
    from iop_facilitator.tui.review.app import ReviewApp

SYNC_SAID_SECONDS = 10.0
"""How long the sync's one sentence stays as a toast."""


def _brought_something(sentence: str) -> bool:
    return sentence.startswith("Sent ") and not sentence.rstrip(".").endswith("received nothing")


class ReviewSync:
    """The one sync review starts when it opens; `said` keeps its sentence (tests read it)."""

    def __init__(self, app: ReviewApp) -> None:
        self.app = app
        self.thread: threading.Thread | None = None
        self.said: list[str] = []
        self.reloaded = threading.Event()
        """Set once the sessions were read again after a sync that brought something."""

    def start(self) -> None:
        """Start the sync if the vault has a remote (nothing happens without one)."""
        self.thread = sync_in_background(self.app.library.vault, self._done)

    def _done(self, sentence: str) -> None:
        """On the sync's thread: re-read the sessions if it brought something, then say it."""
        archive = conflicts = None
        if _brought_something(sentence):
            try:
                archive = self.app.library.archive()
                archive.add_all(unfinished_digests(self.app.unfinished))  # as on opening
                conflicts = note_conflicts(self.app.library.vault)
            except UserError as error:
                sentence += f" The sessions could not be read again: {error}"
        try:
            self.app.call_from_thread(self._say, sentence, archive, conflicts)
        except RuntimeError:  # the app has closed: nobody to tell
            return

    def _say(
        self, sentence: str, archive: Archive | None, conflicts: dict[str, NoteConflict] | None
    ) -> None:
        from iop_facilitator.tui.review.screens.base import ReviewView

        self.said.append(sentence)
        if archive is not None and conflicts is not None:
            self.app.archive = archive
            self.app.note_conflicts = conflicts
            if isinstance(self.app.screen, ReviewView):
                self.app.screen.refresh_view()
            self.reloaded.set()
        trouble = sentence.startswith(("Sync failed", "Sync did not start", "Error:"))
        self.app.notify(
            sentence,
            title="Sync",
            severity="warning" if trouble or "Needs attention" in sentence else "information",
            timeout=SYNC_SAID_SECONDS,
        )
