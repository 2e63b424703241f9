"""Safety flags across sessions: open until handled, in a session or here in review.

A flag raised in a session stays open (and the engine carries it into the group's next
session) until someone marks it handled. Review records the handling as its own small record
(who, what was done, when) instead of touching the finished session, so a read-only session
record is never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.archive import Archive, FlagHandling
from iop_facilitator.review.errors import FlagUnknown, HandlingIncomplete
from iop_facilitator.session.records import Store
from iop_facilitator.session.summary import FlagLine


@dataclass(frozen=True)
class SafetyFlagRecord:
    """A flag as the follow-up list and a member's history show it."""

    id: str
    member_id: str
    member_name: str
    note: str
    session_id: str
    group_name: str
    raised: datetime
    handled_by: str = ""
    handled_note: str = ""
    handled_at: datetime | None = None
    handled: bool = False

    @property
    def open(self) -> bool:
        """Not yet marked handled."""
        return not self.handled

    def handling_words(self) -> str:
        """How the flag was handled, in words: "handled 2026-11-19 18:40 by Dr. Rivera: Called
        her after group" (when, by whom and what was done; what is not known is left out), or
        "OPEN"."""
        if not self.handled:
            return "OPEN"
        return handling_words(self.handled_at, self.handled_by, self.handled_note)


def handling_words(at: datetime | None, by: str, note: str) -> str:
    """ "handled 2026-11-19 18:40 by Dr. Rivera: Called her after group" (what is not known
    is left out): one wording for the screens and every export."""
    when = f" {at.astimezone():%Y-%m-%d %H:%M}" if at else ""
    what = f": {note}" if note else ""
    return f"handled{when} by {by or 'the facilitator'}{what}"


def flag_state(flag: FlagLine, review: FlagHandling | None) -> str:
    """A session's flag as it stands now, not as the session left it: handled in review
    since (when, by whom, what was done), handled in the session, or OPEN."""
    if review is not None:
        return handling_words(review.at, review.by, review.note)
    if flag.handled:
        return handling_words(flag.handled_on, flag.handled_by, flag.handled_note)
    return "OPEN"


def handlings(store: Store) -> dict[str, FlagHandling]:
    """Every flag handled in review, by flag id (read from the vault's index alone)."""
    return {
        flag_id: FlagHandling.model_validate(entry)
        for flag_id, entry in store.index_entries(RecordKind.FLAG_HANDLED).items()
    }


def all_flags(archive: Archive) -> list[SafetyFlagRecord]:
    """Every flag ever raised: open ones first, each part newest first."""
    raised: dict[str, SafetyFlagRecord] = {}
    handled_in_session: dict[str, tuple[str, str, datetime | None]] = {}
    for digest in archive.sessions:
        for flag in digest.flags:
            if flag.handled:
                handled_in_session[flag.id] = ("", flag.handled_note, flag.handled_at)
            if flag.carried:
                continue
            member = digest.member(flag.member_id)
            raised[flag.id] = SafetyFlagRecord(
                id=flag.id,
                member_id=flag.member_id,
                member_name=member.name if member else "?",
                note=flag.note,
                session_id=digest.session_id,
                group_name=digest.group_name,
                raised=digest.started,
            )
    records = []
    for flag_id, record in raised.items():
        review = archive.handled.get(flag_id)
        if review is not None:
            record = _handled(record, review.by, review.note, review.at)
        elif flag_id in handled_in_session:
            record = _handled(record, *handled_in_session[flag_id])
        records.append(record)
    records.sort(key=lambda r: r.raised, reverse=True)
    records.sort(key=lambda r: r.handled)  # stable: open first, newest first within each
    return records


def _handled(record: SafetyFlagRecord, by: str, note: str, at: datetime | None) -> SafetyFlagRecord:
    return SafetyFlagRecord(
        **{
            **record.__dict__,
            "handled": True,
            "handled_by": by,
            "handled_note": note,
            "handled_at": at,
        }
    )


def open_flags(archive: Archive) -> list[SafetyFlagRecord]:
    """Flags not yet marked handled, newest first."""
    return [f for f in all_flags(archive) if f.open]


def handle_flag(
    store: Store, archive: Archive, flag_id: str, *, by: str, note: str, at: datetime
) -> FlagHandling:
    """Mark an open flag handled: who did it, what they did, when. Saved before it returns.

    Raises `FlagUnknown` if no open flag has this id.
    """
    flag = next((f for f in open_flags(archive) if f.id == flag_id), None)
    if flag is None:
        raise FlagUnknown("There is no open safety flag with that id.")
    who = by.strip()
    what = note.strip()
    if not who or not what:
        raise HandlingIncomplete(
            "Handling a safety flag needs who handled it and what was done.",
            hint="Fill in both and save again.",
        )
    handling = FlagHandling(
        flag_id=flag_id,
        session_id=flag.session_id,
        member_id=flag.member_id,
        by=who,
        note=what,
        at=at,
    )
    store.put(
        RecordKind.FLAG_HANDLED,
        flag_id,
        handling.model_dump_json().encode(),
        index_entry=handling.model_dump(mode="json"),
    )
    archive.handled[flag_id] = handling
    return handling


def handled_flag_ids(store: Store) -> set[str]:
    """Ids of flags handled in review, for the engine to leave them out of the next session."""
    return set(store.index_entries(RecordKind.FLAG_HANDLED))
