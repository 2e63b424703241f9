"""Saves the session's events to the vault's journal on a thread of its own, in order, retrying.

The screen shows an action at once; it is "saved" only once the journal has it on disk
(appended and fsynced). If the disk refuses (full, read-only, unplugged), the writer keeps the
events in memory in order, reports the failure, and tries again with a growing pause, so
the session goes on and nothing recorded is lost while the program runs.

No Textual here: the app receives `on_status` calls from this thread and moves them to its
own with `call_from_thread`.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class Journal(Protocol):
    """What the writer needs of the vault's live journal."""

    def append(self, payload: bytes) -> int: ...


@dataclass(frozen=True)
class SaveStatus:
    """`waiting`: events not yet on disk; `problem`: the last failure's sentence, if failing."""

    waiting: int
    saved: int
    problem: str | None = None


RETRY_PAUSES = (0.5, 1.0, 2.0, 5.0)
"""Seconds between attempts after a failure; the last repeats for as long as it takes."""


class JournalWriter:
    """One thread appends payloads to `journal` strictly in the order they were handed over."""

    def __init__(
        self,
        on_status: Callable[[SaveStatus], None],
        journal: Journal | None = None,
        *,
        retry_pauses: tuple[float, ...] = RETRY_PAUSES,
    ) -> None:
        """Payloads handed over before a journal is attached wait for `attach`."""
        self._journal = journal
        self._on_status = on_status
        self._retry_pauses = retry_pauses
        self._waiting: deque[bytes] = deque()
        self._saved = 0
        self._closing = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="journal-writer", daemon=True)
        self._thread.start()

    def attach(self, journal: Journal) -> None:
        """Start appending to `journal` (the session's, once the session layer opened it)."""
        with self._condition:
            self._journal = journal
            self._condition.notify_all()

    def save(self, payload: bytes) -> None:
        """Queue `payload` to be appended after everything handed over before it."""
        with self._condition:
            if self._closing:
                raise RuntimeError("the journal writer is closed")
            self._waiting.append(payload)
            self._condition.notify()

    @property
    def waiting(self) -> int:
        """How many payloads are not yet on disk."""
        with self._condition:
            return len(self._waiting)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything handed over is on disk; False if `timeout` passed first."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._waiting, timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Stop after saving what waits (or after `timeout`); True if nothing is left unsaved."""
        with self._condition:
            self._closing = True
            self._condition.notify_all()
        self._thread.join(timeout)
        return self.waiting == 0

    def _run(self) -> None:
        failures = 0
        while True:
            with self._condition:
                self._condition.wait_for(
                    lambda: (self._waiting and self._journal is not None) or self._closing
                )
                journal = self._journal
                if not self._waiting or journal is None:
                    return
                payload = self._waiting[0]
            try:
                journal.append(payload)
            except Exception as error:  # any failure: keep the event and try again
                failures += 1
                pause = self._retry_pauses[min(failures, len(self._retry_pauses)) - 1]
                self._report(SaveStatus(self.waiting, self._saved, _sentence(error)))
                with self._condition:
                    if self._closing and failures > len(self._retry_pauses):
                        return  # closing and the disk still refuses: the caller is told
                    self._condition.wait(pause)
                continue
            with self._condition:
                self._waiting.popleft()
                self._saved += 1
                waiting = len(self._waiting)
                self._condition.notify_all()
            failures = 0
            self._report(SaveStatus(waiting, self._saved))

    def _report(self, status: SaveStatus) -> None:
        try:
            self._on_status(status)
        except Exception:
            # Telling the screen is a courtesy; saving must go on even if the screen is gone.
            return


def _sentence(error: Exception) -> str:
    """The failure in words for the banner; our own errors already are sentences."""
    text = str(error).strip()
    if isinstance(error, OSError) and error.strerror:
        text = f"The disk refused the save ({error.strerror.lower()})."
    return text or "The save failed."
