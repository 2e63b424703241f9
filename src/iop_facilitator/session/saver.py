"""The one saver: every event reaches the journal, in order, and the caller knows what waits.

A live session hands each event, serialised, to its `Saver` before the engine applies it. The
saver appends it to the session's journal (which fsyncs before `append` returns), in the order
given, and never drops one: if the disk refuses (full, read-only, unplugged), the payloads stay
in memory, in order, `problem` says why in one sentence, and saving is tried again, while the
session goes on in memory.

Two ways to run, one promise:

- **inline** (the default): `save` appends on the caller's thread, so an event is on disk when
  the action returns; after a failure the payloads wait for the next `save`, `retry()` or
  `flush()`;
- **threaded** (the runner): one thread of the saver's own appends, so the screen never waits
  for the disk; after a failure it tries again by itself with a growing pause
  (`retry_pauses`).

Either way `on_status` is told, after every append and every failure, how many events wait and
why, if saving is failing. In threaded mode it is called from the saver's thread: a UI moves it
to its own. No UI here.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class Appendable(Protocol):
    """What saving needs of the vault's `Journal`."""

    def append(self, payload: bytes) -> int: ...


@dataclass(frozen=True)
class SaveStatus:
    """`waiting`: events not yet on disk; `saved`: events this saver put on disk;
    `problem`: the last failure's sentence while saving is failing, else None."""

    waiting: int
    saved: int
    problem: str | None = None


StatusCallback = Callable[[SaveStatus], None]

RETRY_PAUSES = (0.5, 1.0, 2.0, 5.0)
"""Seconds between a threaded saver's attempts after a failure; the last repeats for as long
as it takes."""


@dataclass(frozen=True)
class Saving:
    """How a live session saves its events: inline (default) or on a thread, and whom to tell.

    `Records.start_live`, `resume_live` and `resume_before_damage` take one and build the
    session's `Saver` from it once its journal is open.
    """

    threaded: bool = False
    on_status: StatusCallback | None = None
    retry_pauses: tuple[float, ...] = RETRY_PAUSES

    def saver(self, journal: Appendable) -> Saver:
        """A saver appending to `journal` this way."""
        return Saver(
            journal,
            threaded=self.threaded,
            on_status=self.on_status,
            retry_pauses=self.retry_pauses,
        )


INLINE = Saving()


class Saver:
    """Appends payloads to one journal strictly in the order `save` was given them.

    Thread-safe: a UI may save on its thread while a worker flushes.
    """

    def __init__(
        self,
        journal: Appendable,
        *,
        threaded: bool = False,
        on_status: StatusCallback | None = None,
        retry_pauses: tuple[float, ...] = RETRY_PAUSES,
    ) -> None:
        self.threaded = threaded
        self._journal = journal
        self._on_status = on_status
        self._retry_pauses = retry_pauses
        self._waiting: deque[bytes] = deque()
        self._saved = 0
        self._problem: str | None = None
        self._closing = False
        self._condition = threading.Condition()
        self._appending = threading.Lock()  # one append at a time, whoever calls
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(target=self._run, name="journal-saver", daemon=True)
            self._thread.start()

    # --- what the caller does -------------------------------------------------------------------

    def save(self, payload: bytes) -> None:
        """Queue `payload` after everything given before it (inline: and append what waits)."""
        with self._condition:
            if self._closing:
                raise RuntimeError("the saver is closed")
            self._waiting.append(payload)
            self._condition.notify_all()
        if not self.threaded:
            self._append_waiting()

    __call__ = save

    def retry(self) -> bool:
        """Try again now to save what waits (threaded: wake the thread); True when nothing
        waits."""
        if self.threaded:
            with self._condition:
                self._condition.notify_all()
                return not self._waiting
        return self._append_waiting()

    def flush(self, timeout: float | None = None) -> bool:
        """Everything given is on disk: True; False if the disk still refuses (inline) or
        `timeout` passed first (threaded)."""
        if not self.threaded:
            return self._append_waiting()
        with self._condition:
            self._condition.notify_all()
            return self._condition.wait_for(lambda: not self._waiting, timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Stop after saving what waits (threaded: or after `timeout`, or once the disk has
        refused every pause over); True if nothing is left unsaved."""
        if not self.threaded:
            saved = self._append_waiting()
            with self._condition:
                self._closing = True
            return saved
        with self._condition:
            self._closing = True
            self._condition.notify_all()
        assert self._thread is not None
        self._thread.join(timeout)
        return self.waiting == 0

    # --- what the caller reads ------------------------------------------------------------------

    @property
    def waiting(self) -> int:
        """How many events are recorded but not yet on disk."""
        with self._condition:
            return len(self._waiting)

    @property
    def saved(self) -> int:
        """How many events this saver has put on disk."""
        with self._condition:
            return self._saved

    @property
    def problem(self) -> str | None:
        """Why saving is failing, in one sentence, or None once nothing waits."""
        with self._condition:
            return self._problem

    @property
    def status(self) -> SaveStatus:
        """What waits and why, as now."""
        with self._condition:
            return SaveStatus(len(self._waiting), self._saved, self._problem)

    # --- appending ------------------------------------------------------------------------------

    def _append_first(self) -> bool | None:
        """Append the oldest waiting payload: True if appended, False if refused, None if
        nothing waits. Reports the status either way."""
        with self._appending:
            with self._condition:
                if not self._waiting:
                    return None
                payload = self._waiting[0]
            try:
                self._journal.append(payload)
                appended = True
            except Exception as error:  # any failure: keep the event and try again later
                appended = False
                problem = _sentence(error)
            with self._condition:
                if appended:
                    self._waiting.popleft()
                    self._saved += 1
                    if not self._waiting:
                        self._problem = None
                    self._condition.notify_all()
                else:
                    self._problem = problem
                status = SaveStatus(len(self._waiting), self._saved, self._problem)
        # Told outside the locks, so a listener may ask the saver anything (even to flush).
        self._report(status)
        return appended

    def _append_waiting(self) -> bool:
        while True:
            appended = self._append_first()
            if appended is None:
                return True
            if not appended:
                return False

    def _run(self) -> None:
        failures = 0
        while True:
            with self._condition:
                self._condition.wait_for(lambda: bool(self._waiting) or self._closing)
                if not self._waiting:
                    return
            appended = self._append_first()
            if appended is False:
                failures += 1
                pause = self._retry_pauses[min(failures, len(self._retry_pauses)) - 1]
                with self._condition:
                    if self._closing and failures > len(self._retry_pauses):
                        return  # closing and the disk still refuses: `close` says so
                    self._condition.wait(pause)
            elif appended:
                failures = 0

    def _report(self, status: SaveStatus) -> None:
        if self._on_status is None:
            return
        try:
            self._on_status(status)
        except Exception:
            # Telling the screen is a courtesy; saving must go on even if the screen is gone.
            return


def _sentence(error: Exception) -> str:
    """The failure in words; our own errors already are sentences."""
    text = str(error).strip()
    if isinstance(error, OSError) and error.strerror:
        text = f"The disk refused the save ({error.strerror.lower()})."
    return text or "The save failed."
