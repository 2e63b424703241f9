"""Live-session journals damaged before their end: what can still be read, and its continuation.

The vault reports damage before a journal's end (`JournalDamagedError`, holding the whole
records before it) and never cuts it away, so a damaged journal cannot be appended to again.
What comes before the damage can still be saved: it is copied into a new journal, the
*continuation* (its id is the damaged one's plus `CONTINUED`, so copying again after a crash
during the copy finds the same journal and finishes it), and the session goes on there. The
damaged journal stays on disk untouched, for `vault check`; once its continuation holds every
event that could be read, it is no longer offered for resuming.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from iop_facilitator.errors import UserError
from iop_facilitator.session.events import Event, SessionStarted, event_to_json, parse_event
from iop_facilitator.vault.errors import JournalDamagedError, VaultLockedError

CONTINUED = "-continued"


def continuation_id(session_id: str) -> str:
    """The id of the session that continues `session_id` from before its journal's damage."""
    return session_id + CONTINUED


@dataclass(frozen=True)
class JournalReading:
    """What a journal holds: its whole, readable events in order, and the damage after them."""

    events: list[Event]
    problem: str | None = None
    """One sentence when the journal is damaged or holds an entry this program cannot read."""

    @property
    def start(self) -> SessionStarted | None:
        first = self.events[0] if self.events else None
        return first if isinstance(first, SessionStarted) else None


def _readable(records: Sequence[bytes]) -> tuple[list[Event], int | None]:
    """The events parsed in order up to the first entry that cannot be read (its number)."""
    events: list[Event] = []
    for number, record in enumerate(records, start=1):
        try:
            events.append(parse_event(record))
        except ValidationError:
            return events, number
    return events, None


def read_journal(vault: Any, session_id: str) -> JournalReading:
    """Read a live session's journal without taking it over (its lock is given back).

    Damage is returned as the reading's `problem`, with the events before it. Raises
    `VaultLockedError` when another process runs the session and `ValueError` when this one
    has it open: neither is damage.
    """
    try:
        journal = vault.open_journal(session_id)
    except JournalDamagedError as error:
        return _damaged(error)
    except VaultLockedError:
        raise
    except UserError as error:  # a newer format, an unreadable disk: reported, not skipped
        return JournalReading([], error.message)
    try:
        records = journal.read().records
    except JournalDamagedError as error:
        return _damaged(error)
    except UserError as error:
        return JournalReading([], error.message)
    finally:
        journal.close()
    events, unreadable = _readable(records)
    if unreadable is None:
        return JournalReading(events)
    return JournalReading(events, f"Entry {unreadable} of its journal cannot be read.")


def _damaged(error: JournalDamagedError) -> JournalReading:
    events, _unreadable = _readable(error.records)
    return JournalReading(events, error.message)


def continuation_events(damaged: JournalReading, new_session_id: str) -> list[bytes]:
    """The readable events of a damaged journal as the continuation's journal entries: the
    same events, the start carrying the continuation's session id."""
    start = damaged.start
    if start is None:
        raise ValueError("nothing before the damage can be read")
    moved = start.model_copy(update={"session_id": new_session_id})
    return [event_to_json(e) for e in (moved, *damaged.events[1:])]
