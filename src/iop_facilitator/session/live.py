"""A live session: the engine, with every event saved to the vault's journal as it happens.

Each event is serialised to JSON (`events.event_to_json`) and handed to a `save` callable
before the engine applies it. Two ways to save:

- the default, `OrderedSaves`, appends on the caller's thread (the journal fsyncs before
  `append` returns); if the disk refuses, the payloads stay queued in order, `problem` says
  why in one sentence, and `retry()` tries again: the session goes on in memory meanwhile;
- any `save(payload: bytes) -> None` the caller passes instead, e.g. the runner's writer thread,
  which must then keep the same promise: in order, nothing dropped.

A session is "saved" when every recorded event has been appended (`LiveSession.unsaved == 0`
with the default saver).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from iop_facilitator.errors import UserError
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.events import Event, event_to_json

Save = Callable[[bytes], None]
"""Takes one serialised event; must keep events in the order it is given them."""


class Appendable(Protocol):
    """What saving needs of the vault's `Journal`."""

    def append(self, payload: bytes) -> int: ...


class OrderedSaves:
    """Appends payloads to a journal in order; on failure keeps them queued for `retry()`.

    Thread-safe: the UI may record on its thread and call `retry()` from a worker.
    """

    def __init__(self, journal: Appendable) -> None:
        self._journal = journal
        self._waiting: deque[bytes] = deque()
        self._lock = threading.Lock()
        self._saved = 0
        self.problem: str | None = None
        """The last failure's sentence while saving is failing; None once all is saved."""

    def __call__(self, payload: bytes) -> None:
        with self._lock:
            self._waiting.append(payload)
        self.retry()

    def retry(self) -> bool:
        """Append everything waiting, oldest first; True when nothing is left unsaved."""
        with self._lock:
            while self._waiting:
                try:
                    self._journal.append(self._waiting[0])
                except UserError as error:  # StorageError: disk full, read-only, gone
                    self.problem = str(error)
                    return False
                self._waiting.popleft()
                self._saved += 1
            self.problem = None
            return True

    @property
    def waiting(self) -> int:
        """How many events are recorded but not yet on disk."""
        with self._lock:
            return len(self._waiting)

    @property
    def saved(self) -> int:
        """How many events this saver has put on disk."""
        return self._saved


def recorder_for(save: Save) -> Callable[[Event], None]:
    """The engine's `record` callback that serialises each event and hands it to `save`."""

    def record(event: Event) -> None:
        save(event_to_json(event))

    return record


@dataclass
class LiveSession:
    """A running session: its engine, its open journal and how events get saved.

    Made by `Records.start_live` or `Records.resume_live`; ended by `Records.finish`.
    """

    engine: SessionEngine
    journal: Appendable
    saves: OrderedSaves | None  # None when the caller supplied its own `save`
    torn_tail: str | None = None  # a sentence when resuming had to cut a torn last entry

    @property
    def session_id(self) -> str:
        return self.engine.session_id

    @property
    def unsaved(self) -> int:
        """Events recorded but not yet on disk (0 when the caller saves: ask its writer)."""
        return self.saves.waiting if self.saves is not None else 0

    @property
    def problem(self) -> str | None:
        """Why saving is failing, in one sentence, or None."""
        return self.saves.problem if self.saves is not None else None

    def retry(self) -> bool:
        """Try again to save what waits; True when everything is on disk."""
        return self.saves.retry() if self.saves is not None else True
