"""The runner's note while it is being edited at the end of a session: kind `note-draft`, one
record per session, so a crash cannot lose what was typed. Emptied once the session is
finished (the finished record holds the note from then on)."""

from __future__ import annotations

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.records.store import Store

NOTE_DRAFT = RecordKind.NOTE_DRAFT


class NoteDrafts:
    """Notes being edited, by session id."""

    def __init__(self, vault: Store) -> None:
        self.vault = vault

    def load(self, session_id: str) -> str | None:
        """The note as last kept, if any."""
        if session_id not in self.vault.ids(NOTE_DRAFT):
            return None
        return self.vault.get(NOTE_DRAFT, session_id).decode("utf-8") or None

    def keep(self, session_id: str, text: str) -> None:
        """Keep the note being edited (sealed, atomic)."""
        self.vault.put(NOTE_DRAFT, session_id, text.encode("utf-8"))

    def clear(self, session_id: str) -> None:
        """Forget the draft of a finished session, if it has one."""
        if session_id in self.vault.ids(NOTE_DRAFT):
            # The vault keeps no record it cannot replace; an empty one says "nothing here".
            self.vault.put(NOTE_DRAFT, session_id, b"")
