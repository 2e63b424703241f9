"""The Sessions list for the command line: newest first, reading only the digests it shows.

`Library.archive` validates every digest, which the review app needs for its views; a list
of the newest 50 needs the order of all of them but the contents of 50. Each digest's place
comes from its text (`digest_text`), a text filter first passes over digests whose text
cannot hold a word, and only digests that may be shown are validated. The result is what
`list_sessions` over the whole archive gives, to the session (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.archive import valid_digest
from iop_facilitator.review.clinical_notes import NoteStatus, note_statuses
from iop_facilitator.review.digest import SessionDigest
from iop_facilitator.review.digest_text import collector_paused, digest_started, may_contain
from iop_facilitator.review.library import Library
from iop_facilitator.review.sessions import SessionFilter, matches
from iop_facilitator.review.text_search import Query


@dataclass
class Listing:
    """The sessions listed, newest first, with their notes' status."""

    sessions: list[SessionDigest]
    notes: dict[str, NoteStatus] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # sessions unread, digests unsaved

    def note_status(self, session_id: str) -> NoteStatus:
        """The clinical note's status; a session whose note was never saved is a draft."""
        return self.notes.get(session_id, NoteStatus.DRAFT)


def newest_sessions(library: Library, wanted: SessionFilter, limit: int) -> Listing:
    """The newest `limit` sessions that pass `wanted` (`list_sessions(...)[:limit]`, a
    negative `limit` included), digests brought up to date first as `Library.archive` does."""
    texts = library.vault.index_entries_json(RecordKind.SESSION_DIGEST)
    built, problems = library.update_digests(missing=library.missing_among(texts))
    rebuilt = {d.session_id for d in built}
    query = Query.parse(wanted.text)
    placed: list[tuple[datetime, str, SessionDigest | str]] = [
        (d.started, d.session_id, d) for d in built
    ]
    shown: list[SessionDigest] = []
    with collector_paused():
        for session_id, text in texts.items():
            if session_id in rebuilt:
                continue
            started = digest_started(text)
            if started is not None:
                placed.append((started, session_id, text))
                continue
            digest = valid_digest(text)  # its text did not say: read it now
            if digest is not None:
                placed.append((digest.started, digest.session_id, digest))
        placed.sort(key=lambda place: (place[0], place[1]), reverse=True)
        enough = limit if limit >= 0 else None
        for _, _, item in placed:
            if enough is not None and len(shown) >= enough:
                break
            if isinstance(item, str):
                if not query.empty and not may_contain(item, query.words):
                    continue
                digest = valid_digest(item)
                if digest is None:
                    continue
            else:
                digest = item
            if matches(digest, wanted, query):
                shown.append(digest)
    if enough is None:
        shown = shown[:limit]
    return Listing(shown, note_statuses(library.vault), [str(p) for p in problems])
