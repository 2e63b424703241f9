"""The sync started once a finished session is saved: in the background, said in one toast.

A remote is optional; without one nothing starts. The sync runs on its own thread
(`SessionSource.sync_in_background`), so nothing the facilitator does waits for it; only
leaving the program gives it a little time, because it ends with the program (the session is
safe in the vault either way, and the next sync finishes what this one did not).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading

from textual.app import App

from iop_facilitator.tui.runner.sessions import SessionSource

SYNC_BEFORE_EXIT_SECONDS = 20.0
"""How long leaving the runner waits for the sync still running."""

SYNC_SAID_SECONDS = 10.0
"""How long the sync's one sentence stays as a toast."""


class BackgroundSync:
    """One sync after the summary, for `app`; `said` keeps its sentence (tests read it)."""

    def __init__(self, app: App[None]) -> None:
        self.app = app
        self.thread: threading.Thread | None = None
        self.said: list[str] = []
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self, source: SessionSource) -> None:
        """Start the sync if the vault has a remote (call on the app's event loop)."""
        self._loop = asyncio.get_running_loop()
        self.thread = source.sync_in_background(self._done_from_thread)

    def _done_from_thread(self, sentence: str) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the app is closing: nobody to tell
                loop.call_soon_threadsafe(self._say, sentence)

    def _say(self, sentence: str) -> None:
        self.said.append(sentence)
        trouble = sentence.startswith(("Sync failed", "Sync did not start", "Error:"))
        warn = trouble or "Needs attention" in sentence
        self.app.notify(
            sentence,
            title="Sync",
            severity="warning" if warn else "information",
            timeout=SYNC_SAID_SECONDS,
        )

    async def let_finish(self) -> None:
        """Wait a little for a sync still running before the program ends."""
        thread = self.thread
        if thread is not None and thread.is_alive():
            self.app.notify("Finishing the sync with the remote…", title="Sync")
            await asyncio.to_thread(thread.join, SYNC_BEFORE_EXIT_SECONDS)
