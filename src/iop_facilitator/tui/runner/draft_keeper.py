"""Keeps the note being edited on the end screen safe: the latest text, sealed in the vault, on
a thread of its own, so a crash while writing the note loses at most the keystroke in flight.

Only the newest text matters, so a save in progress is never queued behind: the thread saves
whatever is newest when it is free. No Textual here.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable


class DraftKeeper:
    """Saves the newest text handed to `offer` with `save`, one save at a time, in order."""

    def __init__(
        self,
        save: Callable[[str], None],
        on_problem: Callable[[str | None], None],
        *,
        retry_seconds: float = 1.0,
    ) -> None:
        """`on_problem` hears a failure's sentence, and None once a save succeeds again."""
        self._retry_seconds = retry_seconds
        self._save = save
        self._on_problem = on_problem
        self._newest: str | None = None
        self._saving = False
        self._closing = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="draft-keeper", daemon=True)
        self._thread.start()

    def offer(self, text: str) -> None:
        """The note as it reads now; replaces any text not yet saved."""
        with self._condition:
            self._newest = text
            self._condition.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until the newest text is saved; False if `timeout` passed first."""
        with self._condition:
            return self._condition.wait_for(
                lambda: self._newest is None and not self._saving, timeout
            )

    def close(self, timeout: float | None = None, *, discard: bool = False) -> bool:
        """Save what waits, then stop; True if nothing was left unsaved. With `discard`, text
        not yet saved is dropped instead (it is kept elsewhere: the note was saved whole)."""
        if discard:
            with self._condition:
                self._newest = None
        done = self.flush(timeout)
        with self._condition:
            self._closing = True
            self._condition.notify_all()
        self._thread.join(timeout)
        return done

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._newest is not None or self._closing)
                if self._newest is None:
                    return
                text, self._newest, self._saving = self._newest, None, True
            problem: str | None = None
            try:
                self._save(text)
            except Exception as error:  # the disk refused: keep the text and say so
                problem = str(error) or "The note could not be saved."
                with self._condition:
                    if self._newest is None:
                        self._newest = text
            with self._condition:
                self._saving = False
                self._condition.notify_all()  # a flush waits for this, not for the screen
            # Telling the screen is a courtesy; keeping the note is the job.
            with contextlib.suppress(Exception):
                self._on_problem(problem)
            with self._condition:
                if problem is not None and not self._closing:
                    self._condition.wait(self._retry_seconds)  # then try again
                elif problem is not None:
                    return
