"""Live sessions in the vault: start one, list those a crash left unfinished, resume one.

A live session is the vault's journal of the session, one JSON event per entry; it becomes a
finished record (`finished.py`) when the session is finished. A damaged journal is resumed
from the whole events before the damage, copied into a continuation (`journal_damage`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session.clock import Clock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import RecordDamaged, SessionNotFound
from iop_facilitator.session.events import Event, SessionStarted, parse_event
from iop_facilitator.session.group import Group, IdSource, new_id
from iop_facilitator.session.group_lock import GroupHeldJournal, hold_group
from iop_facilitator.session.handling import replay
from iop_facilitator.session.journal_damage import (
    CONTINUED,
    JournalReading,
    continuation_events,
    continuation_id,
    read_journal,
)
from iop_facilitator.session.live import LiveSession, recorder_for
from iop_facilitator.session.records.finished import FinishedSessions
from iop_facilitator.session.records.store import Store
from iop_facilitator.session.saver import INLINE, Saving
from iop_facilitator.vault.errors import VaultLockedError


class UnfinishedSession(BaseModel):
    """A live session that never finished (the program or the laptop stopped).

    When its journal is damaged, `problem` says so in a sentence and the other fields describe
    the whole events before the damage (`events` of them; `started` is None, and the group and
    agenda are empty, when not even the session's start can be read).
    """

    model_config = ConfigDict(frozen=True)

    session_id: str
    group_id: str
    group_name: str
    agenda_title: str
    started: datetime | None
    last_saved: datetime | None
    events: int
    ended: bool
    problem: str | None = None
    present: int = 0  # members marked present: none, and it can be discarded

    @property
    def resumable(self) -> bool:
        """Whether it can be resumed: as it is, or from the events before the damage."""
        return self.started is not None


class LiveSessions:
    """Start, list and resume the live sessions of an unlocked vault."""

    def __init__(self, vault: Store, finished: FinishedSessions) -> None:
        self.vault = vault
        self._finished = finished

    def start(
        self,
        group: Group,
        agenda: Agenda,
        clock: Clock,
        *,
        saving: Saving = INLINE,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Start a session of `group`: open its journal (taking its lock), carry over open
        homework and flags, and journal `SessionStarted`.

        Takes the group's lock first (`group_lock`): one live session per group; raises
        `GroupSessionHeld` naming the runner that holds it."""
        group_lock = hold_group(self.vault, group.id, group.name)
        try:
            homework, flags = self._finished.carried_from_previous(group.id)
            first_time = self._finished.first_timers(group)
            session_id = new_id()
            journal = GroupHeldJournal(self.vault.open_journal(session_id), group_lock)
        except BaseException:
            if group_lock is not None:
                group_lock.release()
            raise
        saver = saving.saver(journal)
        engine = SessionEngine.start(
            group=group,
            agenda=agenda,
            clock=clock,
            session_id=session_id,
            first_time=first_time,
            carried_homework=homework,
            open_flags=flags,
            record=recorder_for(saver.save),
            new_id=new_id,
        )
        return LiveSession(engine=engine, journal=journal, saver=saver)

    def unfinished(self, group_id: str | None = None) -> list[UnfinishedSession]:
        """Live sessions never finished (of one group, or all), newest first.

        A session whose journal another process holds open is left out (it is not unfinished:
        it is running). A damaged journal is listed with its `problem` (one whose group cannot
        be read, for every group), until its continuation holds all it could give
        (`resume_before_damage`).
        """
        readings: dict[str, JournalReading] = {}
        running: set[str] = set()
        for session_id in self.vault.unfinished_sessions():
            try:
                readings[session_id] = read_journal(self.vault, session_id)
            except (VaultLockedError, ValueError):
                running.add(session_id)  # held by another process, or open in this one
        done = running | self._finished.ids()
        found = []
        for session_id, reading in readings.items():
            if reading.problem is not None and _continued(session_id, reading, readings, done):
                continue
            if _copy_unfinished(session_id, reading, readings):
                continue  # its damaged original is offered: resuming that finishes the copy
            if not reading.events and reading.problem is None:
                continue  # stopped before its start was saved: nothing happened in it
            start = reading.start
            if start is None and reading.problem is None:
                reading = JournalReading([], "Its journal does not begin with a session's start.")
            if group_id is not None and start is not None and start.group_id != group_id:
                continue
            found.append(
                UnfinishedSession(
                    session_id=session_id,
                    group_id=start.group_id if start else "",
                    group_name=start.group_name if start else "",
                    agenda_title=start.agenda.title if start else "",
                    started=start.wall if start else None,
                    last_saved=reading.events[-1].wall if start else None,
                    events=len(reading.events),
                    ended=any(e.type == "session-ended" for e in reading.events),
                    problem=reading.problem,
                    present=_present(reading.events) if start else 0,
                )
            )
        oldest = datetime.min.replace(tzinfo=UTC)
        return sorted(found, key=lambda u: u.started or oldest, reverse=True)

    def resume(
        self,
        session_id: str,
        clock: Clock,
        *,
        saving: Saving = INLINE,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Continue an unfinished session from its journal (see `SessionEngine.resume` for how
        the time the program was down is counted). The state is the one before the crash."""
        journal = self.vault.open_journal(session_id)
        try:
            contents = journal.read()
            events = _parsed(session_id, contents.records)
            if not events or not isinstance(events[0], SessionStarted):
                raise SessionNotFound(
                    f"Session {session_id} has no saved start, so there is nothing to resume."
                )
        except BaseException:
            journal.close()
            raise
        torn = contents.torn_tail
        return self._continue(
            journal, events, clock, saving, new_id, torn.message() if torn is not None else None
        )

    def resume_before_damage(
        self,
        session_id: str,
        clock: Clock,
        *,
        saving: Saving = INLINE,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Continue a session whose journal is damaged from the whole events before the damage.

        They are copied into a new journal, the continuation (`journal_damage`), and the
        session goes on there under the continuation's id; the damaged journal is left as it
        is. Raises `SessionNotFound` when nothing before the damage can be read.
        """
        reading = read_journal(self.vault, session_id)
        if reading.problem is None:
            return self.resume(session_id, clock, saving=saving, new_id=new_id)
        if reading.start is None:
            raise SessionNotFound(
                f"Nothing before the damage in the journal of session {session_id} can be "
                "read, so there is nothing to resume."
            )
        continued = continuation_id(session_id)
        entries = continuation_events(reading, continued)
        journal = self.vault.open_journal(continued)
        try:
            existing = journal.read().records  # a copy a crash interrupted is finished
            for entry in entries[len(existing) :]:
                journal.append(entry)
            events = _parsed(continued, [*existing, *entries[len(existing) :]])
        except BaseException:
            journal.close()
            raise
        return self._continue(journal, events, clock, saving, new_id, None)

    def _continue(
        self,
        journal: Any,
        events: list[Event],
        clock: Clock,
        saving: Saving,
        new_id: IdSource,
        torn_tail: str | None,
    ) -> LiveSession:
        start = events[0]
        assert isinstance(start, SessionStarted)  # both callers made sure
        try:  # one live session per group: refused if another runner holds the group
            lock = hold_group(self.vault, start.group_id, start.group_name)
        except BaseException:
            journal.close()
            raise
        journal = GroupHeldJournal(journal, lock)
        saver = saving.saver(journal)
        engine = SessionEngine.resume(events, clock, record=recorder_for(saver.save), new_id=new_id)
        return LiveSession(engine=engine, journal=journal, saver=saver, torn_tail=torn_tail)


def _present(events: list[Event]) -> int:
    """How many members were marked present (0 also when the events cannot be replayed)."""
    try:
        return len(replay(events).attended_members())
    except ValueError:
        return 0


def _parsed(session_id: str, records: list[bytes]) -> list[Event]:
    try:
        return [parse_event(r) for r in records]
    except ValidationError as error:
        raise RecordDamaged(
            f"The journal of session {session_id} holds an entry this program cannot read."
        ) from error


def _continued(
    session_id: str,
    damaged: JournalReading,
    readings: dict[str, JournalReading],
    done: set[str],
) -> bool:
    """Whether a damaged journal's continuation already holds everything it could give."""
    continued = continuation_id(session_id)
    if continued in done:  # finished, or running now
        return True
    reading = readings.get(continued)
    return reading is not None and len(reading.events) >= len(damaged.events)


def _copy_unfinished(
    session_id: str, reading: JournalReading, readings: dict[str, JournalReading]
) -> bool:
    """Whether this is a continuation that a crash stopped before it held every event its
    damaged original could give."""
    if not session_id.endswith(CONTINUED):
        return False
    original = readings.get(session_id.removesuffix(CONTINUED))
    return (
        original is not None
        and original.problem is not None
        and len(reading.events) < len(original.events)
    )
