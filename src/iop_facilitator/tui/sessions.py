"""What the runner needs from the vault and the session layer, as one small protocol.

The app asks for these steps in order (unlock, look for an unfinished session, start or
resume, finish) and knows nothing else about where sessions are kept; `vault_sessions` is the
real one, and tests can hand in the same thing over a throwaway vault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from iop_facilitator.session.clock import Clock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.events import Event
from iop_facilitator.tui.journal_writer import Journal


@dataclass(frozen=True)
class Unfinished:
    """A session of this group that was never finished (the app or the laptop stopped)."""

    session_id: str
    started: datetime | None
    last_saved: datetime | None
    agenda_title: str
    events: int
    ended: bool


class SessionSource(Protocol):
    """Where the runner's sessions come from and go to."""

    @property
    def where(self) -> str:
        """The vault's folder, in words for the unlock screen."""
        ...

    @property
    def needs_passphrase(self) -> bool:
        """Whether `unlock` must be called first (a demo vault is open already)."""
        ...

    def unlock(self, passphrase: str) -> None:
        """Open the vault; raises a `UserError` (a sentence) if the passphrase is wrong."""
        ...

    def unfinished(self) -> list[Unfinished]:
        """This group's unfinished sessions, newest first."""
        ...

    def open_new(self) -> tuple[str, Journal]:
        """A new session id and its journal, open and locked."""
        ...

    def start(
        self,
        session_id: str,
        clock: Clock,
        record: Callable[[Event], None],
        new_id: Callable[[], str],
    ) -> SessionEngine:
        """The engine of a new session of the group on the agenda (records `SessionStarted`)."""
        ...

    def open_unfinished(self, session_id: str) -> tuple[Journal, list[Event], str | None]:
        """An unfinished session's journal (open and locked), its saved events, and a sentence
        about a torn last entry that had to be cut, if there was one."""
        ...

    def finish(self, engine: SessionEngine, note: str) -> None:
        """Store the ended session and its edited note as a finished record."""
        ...

    def close(self) -> None:
        """Release every journal and lock this source holds."""
        ...
