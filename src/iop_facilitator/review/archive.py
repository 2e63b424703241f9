"""The archive: every session's digest and review's own records, read once from the index.

`Archive.load` reads the vault's encrypted index only (never a session file), so opening
review costs one index read whatever the number of sessions; every query in `review` then
works on this in-memory view. Writes (a note, a handled flag, an export) go to the vault and
update the archive in step, so the screen and the disk never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, ConfigDict, ValidationError

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.clinical_notes import NoteStatus, note_statuses
from iop_facilitator.review.digest import DIGEST_VERSION, SessionDigest
from iop_facilitator.review.digest_text import collector_paused
from iop_facilitator.session.records import Store


class FlagHandling(BaseModel):
    """Who marked a safety flag handled, what they did, and when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    flag_id: str
    session_id: str  # the session the flag was raised in
    member_id: str
    by: str
    note: str
    at: datetime


@dataclass
class Archive:
    """Every session newest first, with what review has recorded about them."""

    sessions: list[SessionDigest] = field(default_factory=list)
    notes: dict[str, NoteStatus] = field(default_factory=dict)  # session id -> status
    handled: dict[str, FlagHandling] = field(default_factory=dict)  # flag id -> handling
    stale: list[str] = field(default_factory=list)  # digests from another version
    problems: list[str] = field(default_factory=list)  # sessions unread, digests unsaved

    @classmethod
    def load(cls, store: Store) -> Archive:
        """The archive as the vault's index holds it (no session file is decrypted)."""
        # Each digest validated from its JSON text: no dict of every digest in between
        # (at 5,000 sessions those dicts were some 70 MB at once).
        raw = store.index_entries_json(RecordKind.SESSION_DIGEST)
        digests = []
        with collector_paused():
            for text in raw.values():
                digest = valid_digest(text)
                if digest is not None:
                    digests.append(digest)
        archive = cls(
            sessions=_newest_first(digests),
            notes=note_statuses(store),
            handled={
                flag_id: FlagHandling.model_validate(entry)
                for flag_id, entry in store.index_entries(RecordKind.FLAG_HANDLED).items()
            },
            stale=sorted(set(raw) - {d.session_id for d in digests}),
        )
        return archive

    @classmethod
    def of(cls, digests: Iterable[SessionDigest]) -> Archive:
        """An archive of these digests alone (for exports and tests)."""
        return cls(sessions=_newest_first(list(digests)))

    def session(self, session_id: str) -> SessionDigest | None:
        """The digest of one session, or None."""
        return next((s for s in self.sessions if s.session_id == session_id), None)

    def add_all(self, digests: list[SessionDigest]) -> None:
        """Put (re)built digests in their places."""
        if not digests:
            return
        ids = {d.session_id for d in digests}
        others = [s for s in self.sessions if s.session_id not in ids]
        self.sessions = _newest_first([*others, *digests])

    def note_status(self, session_id: str) -> NoteStatus:
        """The clinical note's status; a session whose note was never saved is a draft."""
        return self.notes.get(session_id, NoteStatus.DRAFT)

    def flag_handled(self, flag_id: str) -> bool:
        """True when the flag was handled in a session or in review."""
        if flag_id in self.handled:
            return True
        return any(f.id == flag_id and f.handled for s in self.sessions for f in s.flags)


def valid_digest(text: str) -> SessionDigest | None:
    """The digest in this JSON text, or None when it is damaged or of another version."""
    try:
        digest = SessionDigest.model_validate_json(text)
    except ValidationError:
        return None  # one bad entry must not hide every other session
    return digest if digest.version == DIGEST_VERSION else None


def _newest_first(digests: list[SessionDigest]) -> list[SessionDigest]:
    return sorted(digests, key=lambda d: (d.started, d.session_id), reverse=True)


def store_digest(store: Store, digest: SessionDigest) -> None:
    """Keep a session's digest in the vault's index (its record holds the same JSON)."""
    entry = digest.model_dump(mode="json")
    store.put(
        RecordKind.SESSION_DIGEST,
        digest.session_id,
        digest.model_dump_json().encode(),
        index_entry=entry,
    )
