"""Groups and sessions in the vault: the repository the CLI, the runner and review go through.

Record kinds (all sealed by the vault):

- `group`: a `Group` as JSON; index entry `{name, members, archived}`.
- `session`: a finished session (`FinishedSession`: every event and the note text); its index
  entry (`SessionIndexEntry`) holds what listing, searching and the next session need without
  decrypting any session: date, group, agenda title, attendance counts, who attended, the
  search text, the open safety flags and the homework still to review.
- live sessions are the vault's journals, one JSON event per entry.

Carrying over: a new session receives every assignment of the group's latest finished session
that is still open (given there, or carried into it and not reviewed with done/partly/not done)
and every safety flag still open (raised or carried there, not handled in the session nor
since, in review's `flag-handled` records).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.errors import UserError
from iop_facilitator.session import last_session
from iop_facilitator.session.clock import Clock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import (
    GroupNotFound,
    RecordDamaged,
    RecordNewer,
    SessionNotFound,
)
from iop_facilitator.session.events import (
    CarriedFlag,
    CarriedHomework,
    Event,
    MemberLastSession,
    SessionStarted,
    parse_event,
)
from iop_facilitator.session.group import Facilitator, Group, IdSource, Member, new_id
from iop_facilitator.session.journal_damage import (
    CONTINUED,
    JournalReading,
    continuation_events,
    continuation_id,
    read_journal,
)
from iop_facilitator.session.live import LiveSession, OrderedSaves, Save, recorder_for
from iop_facilitator.session.notes import NoteFormat, note_draft
from iop_facilitator.session.state import SessionState, replay
from iop_facilitator.session.summary import SessionSummary, summarise
from iop_facilitator.vault.errors import VaultLockedError

GROUP_KIND = "group"
SESSION_KIND = "session"
FLAG_HANDLED_KIND = "flag-handled"  # written by review when a therapist handles a flag
FINISHED_FORMAT = 1
INDEX_FORMAT = 1


class Store(Protocol):
    """The part of `iop_facilitator.vault.Vault` this repository and review use (one protocol
    for both, so a change to the vault's surface is made once)."""

    def put(
        self,
        kind: str,
        record_id: str,
        payload: bytes,
        *,
        index_entry: dict[str, Any] | None = None,
    ) -> None: ...

    def get(self, kind: str, record_id: str) -> bytes: ...

    def ids(self, kind: str) -> list[str]: ...

    def index_entries(self, kind: str) -> dict[str, dict[str, Any]]: ...

    def index_entries_json(self, kind: str) -> dict[str, str]: ...

    def open_journal(self, session_id: str) -> Any: ...

    def unfinished_sessions(self) -> list[str]: ...

    def finish_session(
        self,
        session_id: str,
        kind: str,
        record_id: str,
        payload: bytes,
        index_entry: dict[str, Any] | None = None,
    ) -> None: ...


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

    @property
    def resumable(self) -> bool:
        """Whether it can be resumed: as it is, or from the events before the damage."""
        return self.started is not None


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
        present=sum(1 for s in statuses if s not in ("absent", "unmarked")),
        absent=statuses.count("absent"),
        late=sum(1 for s in statuses if "late" in s),
        left_early=sum(1 for s in statuses if "left-early" in s),
        attended_ids=[m.id for m in state.attended_members()],
        search_text="\n".join(t for t in texts if t),
        open_flags=open_flags,
        open_homework=open_homework,
        flags_raised=sum(1 for f in state.flags.values() if not f.carried),
    )


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


def _sink(journal: Any, save: Save | None) -> tuple[OrderedSaves | None, Save]:
    if save is not None:
        return None, save
    saves = OrderedSaves(journal)
    return saves, saves


class Records:
    """Groups, finished sessions and live sessions, over an unlocked vault."""

    def __init__(self, vault: Store) -> None:
        self.vault = vault

    # --- groups ---------------------------------------------------------------------------------

    def groups(self) -> list[Group]:
        """Every group, by name (raises on the first that cannot be read: see
        `readable_groups` to list the others)."""
        groups, problems = self.readable_groups()
        if problems:
            raise problems[0]
        return groups

    def readable_groups(self) -> tuple[list[Group], list[UserError]]:
        """Every group that can be read, by name, and one error per group that cannot: a
        damaged group file never hides the others."""
        found: list[Group] = []
        problems: list[UserError] = []
        for gid in self.vault.ids(GROUP_KIND):
            try:
                found.append(self._load_group(gid))
            except UserError as error:
                problems.append(error)
        return sorted(found, key=lambda g: g.name.casefold()), problems

    def group(self, name_or_id: str) -> Group:
        """The group with this id, or else this name (case-insensitive)."""
        ids = self.vault.ids(GROUP_KIND)
        if name_or_id in ids:
            return self._load_group(name_or_id)
        wanted = name_or_id.strip().casefold()
        entries = self.vault.index_entries(GROUP_KIND)
        matches = [gid for gid, e in entries.items() if str(e.get("name", "")).casefold() == wanted]
        if len(matches) == 1:
            return self._load_group(matches[0])
        if matches:
            raise GroupNotFound(
                f"More than one group is called {name_or_id}.", hint="Use the group's id."
            )
        raise GroupNotFound(
            f"There is no group called {name_or_id}.",
            hint="`iop-facilitator group list` shows the groups.",
        )

    def new_group(
        self,
        name: str,
        *,
        facilitators: Iterable[str] = (),
        on: date | None = None,
        new_id: IdSource = new_id,
    ) -> Group:
        """Create and save a group (names are unique, ignoring case); the first facilitator
        leads, a second co-facilitates."""
        name = name.strip()
        if not name:
            raise UserError("A group needs a name.")
        taken = {str(e.get("name", "")).casefold() for e in self._group_entries().values()}
        if name.casefold() in taken:
            raise UserError(f"There is already a group called {name}.")
        names = [f.strip() for f in facilitators if f.strip()]
        if len(names) > 2:
            raise UserError("A group has one or two facilitators.")
        group = Group(
            id=new_id(),
            name=name,
            created=on or date.today(),
            facilitators=[
                Facilitator(id=new_id(), name=n, role="lead" if i == 0 else "co")
                for i, n in enumerate(names)
            ],
        )
        self.save_group(group)
        return group

    def save_group(self, group: Group) -> None:
        """Store the group (replacing its earlier version atomically)."""
        entry = {
            "name": group.name,
            "members": len(group.active_members),
            "archived": len(group.members) - len(group.active_members),
        }
        self.vault.put(GROUP_KIND, group.id, group.model_dump_json().encode(), index_entry=entry)

    def _group_entries(self) -> dict[str, dict[str, Any]]:
        return self.vault.index_entries(GROUP_KIND)

    def _load_group(self, group_id: str) -> Group:
        try:
            return Group.model_validate_json(self.vault.get(GROUP_KIND, group_id))
        except ValidationError as error:
            raise RecordDamaged(
                f"The record of group {group_id} does not hold a group this program can read."
            ) from error

    # --- finished sessions ----------------------------------------------------------------------

    def session_index(self, group_id: str | None = None) -> list[SessionIndexEntry]:
        """Finished sessions' index entries, newest first (nothing is decrypted)."""
        found = []
        # Validated from each entry's JSON text: no dict of every entry in between.
        for entry in self.vault.index_entries_json(SESSION_KIND).values():
            try:
                parsed = SessionIndexEntry.model_validate_json(entry)
            except ValidationError:
                continue  # an entry from another version; `vault check` reports records
            if group_id is None or parsed.group_id == group_id:
                found.append(parsed)
        return sorted(found, key=lambda e: (e.started, e.session_id), reverse=True)

    def finished(self, session_id: str) -> FinishedSession:
        """A finished session, decrypted and parsed."""
        if session_id not in self.vault.ids(SESSION_KIND):
            raise SessionNotFound(f"There is no finished session {session_id}.")
        payload = self.vault.get(SESSION_KIND, session_id)
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
        sessions = self.session_index(group_id)
        if not sessions:
            return [], []
        latest = sessions[0]
        handled = set(self.vault.ids(FLAG_HANDLED_KIND))
        return list(latest.open_homework), [
            f for f in latest.open_flags if f.flag_id not in handled
        ]

    def last_sessions(self, group: Group) -> tuple[MemberLastSession, ...]:
        """What each active member's previous session of the group showed (check-in, how
        often they spoke), for their next progress note; see `session.last_session`."""
        return last_session.last_sessions(
            group, self.session_index(group.id), lambda s: self.finished(s).summary()
        )

    def first_timers(self, group: Group) -> set[str]:
        """Ids of active members who have not attended any finished session of the group."""
        attended: set[str] = set()
        for entry in self.session_index(group.id):
            attended.update(entry.attended_ids)
        return {m.id for m in group.active_members if m.id not in attended}

    # --- live sessions --------------------------------------------------------------------------

    def start_live(
        self,
        group: Group,
        agenda: Agenda,
        clock: Clock,
        *,
        save: Save | None = None,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Start a session of `group`: open its journal (taking its lock), carry over open
        homework and flags and each member's previous session, and journal `SessionStarted`.

        Without `save`, events are appended on the caller's thread (`OrderedSaves`).
        """
        homework, flags = self.carried_from_previous(group.id)
        first_time = self.first_timers(group)
        earlier = self.last_sessions(group)
        session_id = new_id()
        journal = self.vault.open_journal(session_id)
        saves, sink = _sink(journal, save)
        engine = SessionEngine.start(
            group=group,
            agenda=agenda,
            clock=clock,
            session_id=session_id,
            first_time=first_time,
            carried_homework=homework,
            open_flags=flags,
            last_sessions=earlier,
            record=recorder_for(sink),
            new_id=new_id,
        )
        return LiveSession(engine=engine, journal=journal, saves=saves)

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
        done = running | set(self.vault.ids(SESSION_KIND))
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
                )
            )
        oldest = datetime.min.replace(tzinfo=UTC)
        return sorted(found, key=lambda u: u.started or oldest, reverse=True)

    def _journal_events(self, session_id: str, *, keep_open: bool) -> tuple[list[Event], Any]:
        journal = self.vault.open_journal(session_id)
        try:
            contents = journal.read()
            events = [parse_event(r) for r in contents.records]
        except ValidationError as error:
            journal.close()
            raise RecordDamaged(
                f"The journal of session {session_id} holds an entry this program cannot read."
            ) from error
        except BaseException:
            journal.close()
            raise
        if not keep_open:
            journal.close()
            return events, None
        return events, (journal, contents.torn_tail)

    def resume_live(
        self,
        session_id: str,
        clock: Clock,
        *,
        save: Save | None = None,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Continue an unfinished session from its journal (see `SessionEngine.resume` for how
        the time the program was down is counted). The state is the one before the crash."""
        events, opened = self._journal_events(session_id, keep_open=True)
        journal, torn = opened
        if not events or not isinstance(events[0], SessionStarted):
            journal.close()
            raise SessionNotFound(
                f"Session {session_id} has no saved start, so there is nothing to resume."
            )
        saves, sink = _sink(journal, save)
        engine = SessionEngine.resume(
            events,
            clock,
            record=recorder_for(sink),
            new_id=new_id,
        )
        return LiveSession(
            engine=engine,
            journal=journal,
            saves=saves,
            torn_tail=torn.message() if torn is not None else None,
        )

    def resume_before_damage(
        self,
        session_id: str,
        clock: Clock,
        *,
        save: Save | None = None,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Continue a session whose journal is damaged from the whole events before the damage.

        They are copied into a new journal, the continuation (`journal_damage`), and the
        session goes on there under the continuation's id; the damaged journal is left as it
        is. Raises `SessionNotFound` when nothing before the damage can be read.
        """
        reading = read_journal(self.vault, session_id)
        if reading.problem is None:
            return self.resume_live(session_id, clock, save=save, new_id=new_id)
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
            events = [parse_event(r) for r in (*existing, *entries[len(existing) :])]
        except ValidationError as error:
            journal.close()
            raise RecordDamaged(
                f"The journal of session {continued} holds an entry this program cannot read."
            ) from error
        except BaseException:
            journal.close()
            raise
        saves, sink = _sink(journal, save)
        engine = SessionEngine.resume(events, clock, record=recorder_for(sink), new_id=new_id)
        return LiveSession(engine=engine, journal=journal, saves=saves)

    def finish(
        self,
        live: LiveSession | SessionEngine,
        note: str | None = None,
        style: NoteFormat = NoteFormat.BIRP,
    ) -> FinishedSession:
        """End the session if it has not ended, add members who joined during it to the
        group's roster, store it as a finished record with its index entry, and remove its
        journal.

        `note` is the note as the facilitator edited it (default: the draft in `style`).
        Raises the vault's `StorageError` if the disk refuses (the journal is then intact).
        Safe to call again after a failure, and after success: a session already stored as
        finished keeps its record, with the note replaced if it was edited since.
        """
        engine = live.engine if isinstance(live, LiveSession) else live
        if not engine.state.ended:
            engine.end_session()
        if isinstance(live, LiveSession):
            live.retry()  # the finished record holds every event anyway; this only tidies
        state = engine.state
        finished = FinishedSession(
            session_id=state.session_id,
            group_id=state.group_id,
            events=list(engine.events),
            note=note if note is not None else note_draft(engine.summary(), style).text,
            note_style=style,
        )
        entry = index_entry(state)
        # The roster first: repeating it is harmless (members match by id), so a failure after
        # it, or a retry, can never leave a member who joined in this session off the roster.
        self._add_new_members(state)
        if state.session_id not in self.vault.ids(SESSION_KIND):
            self.vault.finish_session(
                state.session_id,
                SESSION_KIND,
                state.session_id,
                finished.model_dump_json().encode(),
                entry.model_dump(mode="json"),
            )
        elif self.finished(state.session_id).note != finished.note:
            # Stored by an earlier attempt that failed after it; the note was edited since.
            self.vault.put(
                SESSION_KIND,
                state.session_id,
                finished.model_dump_json().encode(),
                index_entry=entry.model_dump(mode="json"),
            )
        return finished

    def _add_new_members(self, state: SessionState) -> None:
        added = [m for m in state.members.values() if m.added_in_session]
        if not added:
            return
        try:
            group = self.group(state.group_id)
        except GroupNotFound:
            return
        known = {m.id for m in group.members}
        joining = [m for m in added if m.id not in known]
        if not joining:
            return  # on the roster already (an earlier attempt to finish stored them)
        day = state.started_wall.astimezone(UTC).date()
        for m in joining:
            group.members.append(
                Member(
                    id=m.id,
                    name=m.name,
                    initials=m.initials,
                    pronouns=m.pronouns,
                    goals=list(m.goals),
                    joined=day,
                )
            )
        self.save_group(group)
