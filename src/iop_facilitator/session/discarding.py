"""Discarding a session nobody attended, instead of finishing it into the record.

A session started by mistake (a second window, a wrong group) has nobody marked present.
Finished, it would be stored as "Attendance: 0 of 0 present", counted in the group's and the
members' figures, and, being the latest, take the real session's place when homework and
flags are carried over. So `Records.finish` refuses it (`NobodyPresent`) and this module sets
it aside: the journal is removed and only a `DiscardedSession` is kept (kind
`discarded-session`, without an index entry, so no list, figure or carry-over ever reads it).
The caller records the discard in the access log (`review.access_log.record_discard`), as an
export is: the vault keeps a trace of every session that left the record.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.errors import EventRefused, SessionNotFound
from iop_facilitator.session.group_lock import GroupHeldJournal
from iop_facilitator.session.handling import replay
from iop_facilitator.session.journal_damage import read_journal
from iop_facilitator.session.live import LiveSession
from iop_facilitator.session.records import Records

DISCARDED_KIND = RecordKind.DISCARDED_SESSION


class DiscardedSession(BaseModel):
    """What is kept of a discarded session: that it existed, whose it was and when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    session_id: str
    group_id: str
    group_name: str
    agenda_title: str
    started: datetime
    discarded: datetime
    events: int


def discard_session(records: Records, live: LiveSession | str, *, at: datetime) -> DiscardedSession:
    """Set aside a session nobody was marked present in; raise `EventRefused` when someone
    was (it belongs in the record: finish it).

    `live`: the running session, or the id of an unfinished one (its lock is taken for the
    read and again to remove it).
    """
    if isinstance(live, LiveSession):
        events = list(live.engine.events)
    else:
        reading = read_journal(records.vault, live)
        if reading.start is None:
            raise SessionNotFound(f"Session {live} has no saved start to discard.")
        events = list(reading.events)
    state = replay(events)
    if state.attended_members():
        raise EventRefused(
            "Someone was marked present in this session, so it goes into the record; "
            "it cannot be discarded."
        )
    kept = DiscardedSession(
        session_id=state.session_id,
        group_id=state.group_id,
        group_name=state.group_name,
        agenda_title=state.agenda.title,
        started=state.started_wall,
        discarded=at,
        events=len(events),
    )
    if isinstance(live, LiveSession):
        live.retry()
    records.vault.finish_session(
        state.session_id, DISCARDED_KIND, state.session_id, kept.model_dump_json().encode(), None
    )
    if isinstance(live, LiveSession) and isinstance(live.journal, GroupHeldJournal):
        live.journal.release_group()  # the group may start its real session now
    return kept
