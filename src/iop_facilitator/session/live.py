"""A live session: the engine, with every event saved to the vault's journal as it happens.

Each event is serialised to JSON (`events.event_to_json`) and handed to the session's `Saver`
(`session.saver`: inline or threaded, one promise: in order, nothing dropped) before the engine
applies it. A session is "saved" when every recorded event has been appended
(`LiveSession.unsaved == 0`), whichever way it saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.events import Event, event_to_json
from iop_facilitator.session.saver import Appendable, Saver


class LiveJournal(Appendable, Protocol):
    """What a live session needs of the vault's `Journal`: append, and close at the end."""

    def close(self) -> None: ...


def recorder_for(save: Callable[[bytes], None]) -> Callable[[Event], None]:
    """The engine's `record` callback that serialises each event and hands it to `save`."""

    def record(event: Event) -> None:
        save(event_to_json(event))

    return record


@dataclass
class LiveSession:
    """A running session: its engine, its open journal and the saver between them.

    Made by `Records.start_live`, `resume_live` or `resume_before_damage`; ended by
    `Records.finish`.
    """

    engine: SessionEngine
    journal: LiveJournal
    saver: Saver
    torn_tail: str | None = None  # a sentence when resuming had to cut a torn last entry

    @property
    def session_id(self) -> str:
        return self.engine.session_id

    @property
    def unsaved(self) -> int:
        """Events recorded but not yet on disk."""
        return self.saver.waiting

    @property
    def problem(self) -> str | None:
        """Why saving is failing, in one sentence, or None."""
        return self.saver.problem

    def retry(self) -> bool:
        """Try again to save what waits; True when everything is on disk."""
        return self.saver.retry()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything recorded is on disk (inline: try once more); True if it is."""
        return self.saver.flush(timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Stop saving once what waits is saved (or after `timeout`) and, if nothing was left
        unsaved, close the journal (giving up its lock). True if nothing was left unsaved; the
        journal stays open otherwise, so nothing recorded is thrown away."""
        if not self.saver.close(timeout):
            return False
        self.journal.close()
        return True
