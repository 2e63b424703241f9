"""The Sessions list: every session newest first, narrowed by group, agenda, dates and text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.digest import SessionDigest
from iop_facilitator.review.text_search import Query


@dataclass(frozen=True)
class SessionFilter:
    """What the therapist narrowed the list to; empty fields do not narrow."""

    group: str = ""  # group name (case-insensitive, part of it) or id
    agenda: str = ""  # agenda title (case-insensitive, part of it)
    since: date | None = None  # on or after this local date
    until: date | None = None  # on or before this local date
    text: str = ""  # every word somewhere in the session's text

    @property
    def empty(self) -> bool:
        """True when nothing is filtered out."""
        return not (self.group or self.agenda or self.since or self.until or self.text.strip())


def session_text(digest: SessionDigest) -> str:
    """Everything a text filter looks in, folded for case-insensitive matching."""
    parts = [digest.group_name, digest.agenda_title]
    parts += [m.name for m in digest.members]
    parts += [m.checkin_note for m in digest.members if m.checkin_note]
    parts += [text for text, _ in digest.notes]
    parts += [h.text for h in digest.homework]
    parts += [f.note for f in digest.flags]
    return "\n".join(parts).casefold()


def local_date(digest: SessionDigest) -> date:
    """The day the session took place, in the computer's own time zone."""
    return digest.started.astimezone().date()


def matches(digest: SessionDigest, wanted: SessionFilter, query: Query | None = None) -> bool:
    """True when the session passes every part of the filter."""
    if wanted.group:
        g = wanted.group.casefold()
        if g != digest.group_id and g not in digest.group_name.casefold():
            return False
    if wanted.agenda and wanted.agenda.casefold() not in digest.agenda_title.casefold():
        return False
    if wanted.since or wanted.until:
        day = local_date(digest)
        if wanted.since and day < wanted.since:
            return False
        if wanted.until and day > wanted.until:
            return False
    query = query or Query.parse(wanted.text)
    return query.empty or query.matches(session_text(digest))


def list_sessions(archive: Archive, wanted: SessionFilter | None = None) -> list[SessionDigest]:
    """The sessions that pass `wanted`, newest first."""
    if wanted is None or wanted.empty:
        return list(archive.sessions)
    query = Query.parse(wanted.text)
    return [d for d in archive.sessions if matches(d, wanted, query)]


def group_names(archive: Archive) -> list[str]:
    """Every group's name, as a filter offers them (alphabetical)."""
    return sorted({d.group_name for d in archive.sessions}, key=str.casefold)


def agenda_titles(archive: Archive) -> list[str]:
    """Every agenda used, alphabetical."""
    return sorted({d.agenda_title for d in archive.sessions}, key=str.casefold)
