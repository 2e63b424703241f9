"""Groups and sessions in the vault: what the CLI, the runner and review go through.

One module per lifecycle, behind the thin `Records`:

- `groups`: kind `group`, a `Group` as JSON, index entry `{name, members, archived}`;
- `live_sessions`: live sessions, kept in the vault's journals (one JSON event per entry):
  start, list the unfinished, resume (also from before damage);
- `finished`: kind `session`, a `FinishedSession` (every event and the note) whose index
  entry (`SessionIndexEntry`) holds what listing, searching and the next session need without
  decrypting any session; what carries over to the next session;
- `note_drafts`: kind `note-draft`, the runner's note while it is edited.

Every kind is declared in `iop_facilitator.record_kinds`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.errors import UserError
from iop_facilitator.session.clock import Clock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import NobodyPresent
from iop_facilitator.session.events import CarriedFlag, CarriedHomework
from iop_facilitator.session.group import Group, IdSource, new_id
from iop_facilitator.session.group_lock import GroupHeldJournal
from iop_facilitator.session.live import LiveSession
from iop_facilitator.session.notes import NoteStyle, note_draft
from iop_facilitator.session.records.finished import (
    FinishedSession,
    FinishedSessions,
    SessionIndexEntry,
    index_entry,
)
from iop_facilitator.session.records.groups import Groups, T
from iop_facilitator.session.records.live_sessions import LiveSessions, UnfinishedSession
from iop_facilitator.session.records.note_drafts import NoteDrafts
from iop_facilitator.session.records.store import Store
from iop_facilitator.session.saver import INLINE, Saving

__all__ = [
    "FinishedSession",
    "NobodyPresent",
    "Records",
    "SessionIndexEntry",
    "Store",
    "UnfinishedSession",
    "index_entry",
]


class Records:
    """Groups, live and finished sessions and note drafts, over an unlocked vault."""

    def __init__(self, vault: Store) -> None:
        self.vault = vault
        self._groups = Groups(vault)
        self._finished = FinishedSessions(vault)
        self._live = LiveSessions(vault, self._finished)
        self.note_drafts = NoteDrafts(vault)

    # --- groups ---------------------------------------------------------------------------------

    def groups(self) -> list[Group]:
        """Every group, by name (raises on the first that cannot be read: see
        `readable_groups` to list the others)."""
        return self._groups.all()

    def readable_groups(self) -> tuple[list[Group], list[UserError]]:
        """Every group that can be read, by name, and one error per group that cannot."""
        return self._groups.readable()

    def group(self, name_or_id: str) -> Group:
        """The group with this id, or else this name (case-insensitive)."""
        return self._groups.find(name_or_id)

    def new_group(
        self,
        name: str,
        *,
        facilitators: Iterable[str] = (),
        on: date | None = None,
        new_id: IdSource = new_id,
    ) -> Group:
        """Create and save a group (see `Groups.new`)."""
        return self._groups.new(name, facilitators=facilitators, on=on, new_id=new_id)

    def save_group(self, group: Group) -> None:
        """Store the group (replacing its earlier version atomically). To change a stored
        group, use `change_group`: reading it and saving it here would lose a change made at
        the same moment elsewhere."""
        self._groups.save(group)

    def change_group(self, name_or_id: str, edit: Callable[[Group], T]) -> tuple[Group, T]:
        """Read, edit and save a group under the vault's write lock (see `Groups.change`)."""
        return self._groups.change(name_or_id, edit)

    # --- finished sessions ----------------------------------------------------------------------

    def session_index(self, group_id: str | None = None) -> list[SessionIndexEntry]:
        """Finished sessions' index entries, newest first (nothing is decrypted)."""
        return self._finished.index(group_id)

    def finished(self, session_id: str) -> FinishedSession:
        """A finished session, decrypted and parsed."""
        return self._finished.get(session_id)

    def carried_from_previous(
        self, group_id: str
    ) -> tuple[list[CarriedHomework], list[CarriedFlag]]:
        """Open homework and open safety flags from the group's latest finished session."""
        return self._finished.carried_from_previous(group_id)

    def first_timers(self, group: Group) -> set[str]:
        """Ids of active members who have not attended any finished session of the group."""
        return self._finished.first_timers(group)

    # --- live sessions --------------------------------------------------------------------------

    def start_live(
        self,
        group: Group,
        agenda: Agenda,
        clock: Clock,
        *,
        saving: Saving = INLINE,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Start a session of `group` (see `LiveSessions.start`); `saving` says how its events
        are saved (default: inline, on the caller's thread)."""
        return self._live.start(group, agenda, clock, saving=saving, new_id=new_id)

    def unfinished(self, group_id: str | None = None) -> list[UnfinishedSession]:
        """Live sessions never finished, newest first (see `LiveSessions.unfinished`)."""
        return self._live.unfinished(group_id)

    def resume_live(
        self,
        session_id: str,
        clock: Clock,
        *,
        saving: Saving = INLINE,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Continue an unfinished session from its journal, as it was before the crash."""
        return self._live.resume(session_id, clock, saving=saving, new_id=new_id)

    def resume_before_damage(
        self,
        session_id: str,
        clock: Clock,
        *,
        saving: Saving = INLINE,
        new_id: IdSource = new_id,
    ) -> LiveSession:
        """Continue a session whose journal is damaged from the whole events before it."""
        return self._live.resume_before_damage(session_id, clock, saving=saving, new_id=new_id)

    def finish(
        self, live: LiveSession | SessionEngine, note: str | None = None, style: NoteStyle = "birp"
    ) -> FinishedSession:
        """End the session if it has not ended, add members who joined during it to the
        group's roster, store it as a finished record with its index entry, remove its
        journal, and forget its note draft.

        `note` is the note as the facilitator edited it (default: the draft in `style`).
        Raises the vault's `StorageError` if the disk refuses (the journal is then intact).
        Safe to call again after a failure, and after success: a session already stored as
        finished keeps its record, with the note replaced if it was edited since.
        """
        engine = live.engine if isinstance(live, LiveSession) else live
        if not engine.state.attended_members():
            raise NobodyPresent(
                "Nobody was marked present in this session, so it cannot go into the record: "
                "mark who was there, or discard it."
            )
        if not engine.state.ended:
            engine.end_session()
        if isinstance(live, LiveSession):
            live.retry()  # the finished record holds every event anyway; this only tidies
        state = engine.state
        finished = FinishedSession(
            session_id=state.session_id,
            group_id=state.group_id,
            # Drafts of forms are not part of the record (replay never needs them).
            events=[e for e in engine.events if e.type != "form-drafted"],
            note=note if note is not None else note_draft(engine.summary(), style).text,
            note_style=style,
        )
        # The roster first: repeating it is harmless (members match by id), so a failure after
        # it, or a retry, can never leave a member who joined in this session off the roster.
        self._groups.add_joined(state)
        self._finished.store(finished, index_entry(state))
        self.note_drafts.clear(state.session_id)
        if isinstance(live, LiveSession) and isinstance(live.journal, GroupHeldJournal):
            live.journal.release_group()  # the group may run its next session now
        return finished
