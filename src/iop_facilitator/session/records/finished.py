"""Finished sessions in the vault: kind `session`, every event and the note, with an index
entry that lists, searches and carries over without decrypting any session.

Carrying over: a new session receives every assignment of the group's latest finished session
that is still open (given there, or carried into it and not reviewed with done/partly/not done)
and every safety flag still open (raised or carried there, not handled in the session nor
since, in review's `flag-handled` records).
"""

from __future__ import annotations

import json
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session import last_session
from iop_facilitator.session.attendance import AttendanceStatus
from iop_facilitator.session.errors import RecordDamaged, RecordNewer, SessionNotFound
from iop_facilitator.session.events import CarriedFlag, CarriedHomework, Event, MemberLastSession
from iop_facilitator.session.group import Group
from iop_facilitator.session.handling import replay
from iop_facilitator.session.notes import NoteFormat
from iop_facilitator.session.records.store import Store
from iop_facilitator.session.state import SessionState
from iop_facilitator.session.summary import SessionSummary, summarise

SESSION = RecordKind.SESSION
FINISHED_FORMAT = 1
INDEX_FORMAT = 1


class FinishedSession(BaseModel):
    """A finished session as stored: its events (the truth) and the note as last saved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int = FINISHED_FORMAT
    session_id: str
    group_id: str
    events: list[Event]
    note: str = ""
    note_style: NoteFormat = NoteFormat.BIRP

    def state(self) -> SessionState:
        """The session's state, rebuilt from its events."""
        return replay(self.events)

    def summary(self) -> SessionSummary:
        """The session's summary, rebuilt from its events."""
        state = self.state()
        return summarise(state, state.last_at)


class SessionIndexEntry(BaseModel):
    """What the vault's index keeps about a finished session (no need to decrypt it)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    format: int = INDEX_FORMAT
    session_id: str
    group_id: str
    group_name: str
    agenda_title: str
    agenda_kind: str
    date: date
    started: datetime
    ended: datetime | None
    present: int
    absent: int
    late: int
    left_early: int
    attended_ids: list[str] = Field(default_factory=list)
    search_text: str = ""
    open_flags: list[CarriedFlag] = Field(default_factory=list)
    open_homework: list[CarriedHomework] = Field(default_factory=list)
    flags_raised: int = 0


def index_entry(state: SessionState) -> SessionIndexEntry:
    """The index entry of a session (pure)."""
    summary = summarise(state, state.last_at)
    statuses = [a.status for a in summary.attendance]
    texts = [n.text for n in summary.notes]
    texts += [c.note for c in summary.checkins if c.note]
    texts += [h.text for h in (*summary.homework_given, *summary.homework_reviewed)]
    texts += [f.note for f in summary.flags]
    open_homework = [CarriedHomework.of(h, due) for h, due in state.open_homework()]
    open_flags = [CarriedFlag.of(f) for f in state.flags.values() if not f.handled]
    return SessionIndexEntry(
        session_id=state.session_id,
        group_id=state.group_id,
        group_name=state.group_name,
        agenda_title=state.agenda.title,
        agenda_kind=state.agenda.agenda.kind.value,
        date=state.started_wall.date(),
        started=state.started_wall,
        ended=state.ended_wall,
        present=sum(1 for s in statuses if s.attended),
        absent=statuses.count(AttendanceStatus.ABSENT),
        late=sum(1 for s in statuses if s.late),
        left_early=sum(1 for s in statuses if s.left_early),
        attended_ids=[m.id for m in state.attended_members()],
        search_text="\n".join(t for t in texts if t),
        open_flags=open_flags,
        open_homework=open_homework,
        flags_raised=sum(1 for f in state.flags.values() if not f.carried),
    )


class FinishedSessions:
    """The finished sessions of an unlocked vault: list, read, store, and what carries over."""

    def __init__(self, vault: Store) -> None:
        self.vault = vault

    def ids(self) -> set[str]:
        """Every finished session's id."""
        return set(self.vault.ids(SESSION))

    def index(self, group_id: str | None = None) -> list[SessionIndexEntry]:
        """Finished sessions' index entries, newest first (nothing is decrypted)."""
        found = []
        # Validated from each entry's JSON text: no dict of every entry in between.
        for entry in self.vault.index_entries_json(SESSION).values():
            try:
                parsed = SessionIndexEntry.model_validate_json(entry)
            except ValidationError:
                continue  # an entry from another version; `vault check` reports records
            if group_id is None or parsed.group_id == group_id:
                found.append(parsed)
        return sorted(found, key=lambda e: (e.started, e.session_id), reverse=True)

    def get(self, session_id: str) -> FinishedSession:
        """A finished session, decrypted and parsed."""
        if session_id not in self.vault.ids(SESSION):
            raise SessionNotFound(f"There is no finished session {session_id}.")
        payload = self.vault.get(SESSION, session_id)
        try:
            version = json.loads(payload).get("format", FINISHED_FORMAT)
        except (ValueError, AttributeError):
            version = FINISHED_FORMAT  # not JSON at all: the validation below says so
        if isinstance(version, int) and version > FINISHED_FORMAT:
            raise RecordNewer(
                f"Session {session_id} was saved by a newer version of this program.",
                hint="Update iop-facilitator to read it.",
            )
        try:
            return FinishedSession.model_validate_json(payload)
        except ValidationError as error:
            raise RecordDamaged(
                f"The record of session {session_id} does not hold a session this program can read."
            ) from error

    def carried_from_previous(
        self, group_id: str
    ) -> tuple[list[CarriedHomework], list[CarriedFlag]]:
        """Open homework and open safety flags from the group's latest finished session."""
        sessions = self.index(group_id)
        if not sessions:
            return [], []
        latest = sessions[0]
        handled = set(self.vault.ids(RecordKind.FLAG_HANDLED))
        return list(latest.open_homework), [
            f for f in latest.open_flags if f.flag_id not in handled
        ]

    def last_sessions(self, group: Group) -> tuple[MemberLastSession, ...]:
        """What each active member's previous session of the group showed (check-in, how
        often they spoke), for their next progress note; see `session.last_session`."""
        return last_session.last_sessions(
            group, self.index(group.id), lambda s: self.get(s).summary()
        )

    def first_timers(self, group: Group) -> set[str]:
        """Ids of active members who have not attended any finished session of the group."""
        attended: set[str] = set()
        for entry in self.index(group.id):
            attended.update(entry.attended_ids)
        return {m.id for m in group.active_members if m.id not in attended}

    def store(self, finished: FinishedSession, entry: SessionIndexEntry) -> None:
        """Store a session as finished and remove its journal (crash-safe at every step); a
        session already stored only gets its note replaced, if it was edited since."""
        session_id = finished.session_id
        payload = finished.model_dump_json().encode()
        if session_id not in self.vault.ids(SESSION):
            self.vault.finish_session(
                session_id, SESSION, session_id, payload, entry.model_dump(mode="json")
            )
        elif self.get(session_id).note != finished.note:
            # Stored by an earlier attempt that failed after it; the note was edited since.
            self.vault.put(SESSION, session_id, payload, index_entry=entry.model_dump(mode="json"))
