"""Sessions never finished, read for review from their journals, without taking them over.

A session the runner did not finish (quit, a crash, a new session started instead) has no
finished record, only its journal; its open safety flags, notes and homework must still reach
Follow-up, the member pages and search. Each journal is read read-only (`read_journal`: its
lock is taken for the read and given back; nothing is written). A journal held by a runner now
is *in progress*: listed, its content left alone. A journal damaged before its end gives the
whole events before the damage, with the problem in a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.errors import UserError
from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.digest import SessionDigest, digest_of
from iop_facilitator.session.handling import replay
from iop_facilitator.session.journal_damage import JournalReading, read_journal
from iop_facilitator.session.records import Records, UnfinishedSession
from iop_facilitator.session.summary import SessionSummary, summarise
from iop_facilitator.vault.errors import VaultLockedError

IN_PROGRESS = (
    "This session is being run now (its journal is open in a runner); it is shown here once it "
    "is finished or stopped."
)


@dataclass(frozen=True)
class UnfinishedReading:
    """One unfinished session as review sees it."""

    session_id: str
    listing: UnfinishedSession | None = None
    """What the runner offers to resume; None while the session is in progress."""
    summary: SessionSummary | None = None
    """Its summary so far (None in progress, or when not even its start can be read)."""
    problem: str | None = None
    """One sentence when its journal is damaged or cannot be read."""

    @property
    def in_progress(self) -> bool:
        """Held by a runner now: its content is left alone."""
        return self.listing is None

    def digest(self) -> SessionDigest | None:
        """Its digest for review's lists, marked unfinished (`finished` False), or None."""
        if self.summary is None:
            return None
        return digest_of(self.summary).model_copy(update={"finished": False})


def _summary(reading: JournalReading) -> tuple[SessionSummary | None, str | None]:
    if reading.start is None:
        return None, reading.problem
    try:
        state = replay(reading.events)
    except (UserError, ValueError):
        return None, "Its journal holds events this program cannot replay."
    return summarise(state, state.last_at), reading.problem


def read_unfinished(records: Records) -> list[UnfinishedReading]:
    """Every unfinished session, newest first, then those in progress (read-only)."""
    vault = records.vault
    found: list[UnfinishedReading] = []
    listed = records.unfinished()
    for listing in listed:
        try:
            reading = read_journal(vault, listing.session_id)
        except (VaultLockedError, ValueError):  # a runner took it up since
            found.append(UnfinishedReading(listing.session_id))
            continue
        summary, problem = _summary(reading)
        found.append(UnfinishedReading(listing.session_id, listing, summary, problem))
    seen = {u.session_id for u in listed} | set(vault.ids(RecordKind.SESSION))
    for session_id in vault.unfinished_sessions():
        if session_id in seen:
            continue
        try:
            read_journal(vault, session_id)
        except (VaultLockedError, ValueError):
            found.append(UnfinishedReading(session_id))  # held by a runner now
    return found


def unfinished_digests(readings: list[UnfinishedReading]) -> list[SessionDigest]:
    """The digests of the unfinished sessions whose content could be read."""
    return [d for d in (r.digest() for r in readings) if d is not None]
