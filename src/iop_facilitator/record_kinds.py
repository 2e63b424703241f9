"""Every kind of record the program writes to the vault, in one table.

The vault stores bytes under a kind and an id; this table is where each kind is declared, with
the module that writes it and what one record holds. `vault check` reports records of any
other kind, and docs/vault-format.md lists the same kinds (a test keeps the two in step). A new
kind is one member here, one row there. Live sessions are not records: they are the vault's
journals, one JSON event per entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RecordKind(StrEnum):
    """A kind of record (its value is the name the vault files it under)."""

    GROUP = "group"
    SESSION = "session"
    NOTE_DRAFT = "note-draft"
    SESSION_DIGEST = "session-digest"
    CLINICAL_NOTE = "clinical-note"
    FLAG_HANDLED = "flag-handled"
    ACCESS_LOG = "access-log"
    DISCARDED_SESSION = "discarded-session"
    SYNC_STATE = "sync-state"

    @property
    def about(self) -> KindAbout:
        """Who writes this kind and what one record holds."""
        return ABOUT[self]


@dataclass(frozen=True)
class KindAbout:
    """`written_by`: the module that writes the kind; `holds`: one record, and its index entry."""

    written_by: str
    holds: str


ABOUT: dict[RecordKind, KindAbout] = {
    RecordKind.GROUP: KindAbout(
        "session.records.groups",
        "a group (facilitators, members, goals) as JSON; index entry: name, member counts",
    ),
    RecordKind.SESSION: KindAbout(
        "session.records.finished",
        "a finished session: every event and the note; index entry: what listing, searching "
        "and the next session need (date, group, attendance, open flags and homework)",
    ),
    RecordKind.NOTE_DRAFT: KindAbout(
        "session.records.note_drafts",
        "the runner's note while it is edited at the end of a session (emptied once finished)",
    ),
    RecordKind.SESSION_DIGEST: KindAbout(
        "review.archive",
        "review's digest of a finished session, held whole in its index entry",
    ),
    RecordKind.CLINICAL_NOTE: KindAbout(
        "review.clinical_notes",
        "the therapist's clinical note of a session, its parts and addenda",
    ),
    RecordKind.FLAG_HANDLED: KindAbout(
        "review.safety_flags",
        "how a safety flag was handled in review (by flag id): who, what, when",
    ),
    RecordKind.ACCESS_LOG: KindAbout(
        "review.access_log",
        "one export of plain text: what, when, where to; the whole entry in its index entry",
    ),
    RecordKind.DISCARDED_SESSION: KindAbout(
        "session.discarding",
        "a session nobody attended, set aside instead of finished: whose, when, how many "
        "events; no index entry, so no list or figure reads it",
    ),
    RecordKind.SYNC_STATE: KindAbout(
        "sync.vault_sync",
        "sync's own state, never sent to a store: this device's signing key (`device`, 32 raw "
        "bytes), the remote (`remote`, JSON, no credential), what it remembers of each store "
        "(`memory <store>`, JSON), conflict copies (`conflict <kind>/<name>/<digest>`: the "
        "other device's sealed object); see docs/sync.md",
    ),
}

RECORD_KINDS = tuple(RecordKind)
"""Every kind, in the table's order."""
