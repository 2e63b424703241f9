"""What the runner needs from the vault and the session layer, as one small protocol.

The app asks for these steps in order (unlock, look for an unfinished session, start or
resume, finish) and knows nothing else about where sessions are kept: `VaultSessions` is the
real one, over the session layer's `Records`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from threading import Thread
from typing import Protocol

from textual.app import App

from iop_facilitator.session import Clock, LiveSession, Saving, UnfinishedSession


@dataclass(frozen=True)
class SessionPreview:
    """What the start screen says before a session: who, on what, and what carries over."""

    group_name: str
    agenda_title: str
    planned_minutes: int
    members: int
    first_timers: tuple[str, ...]
    last_session: datetime | None
    homework_to_review: int
    open_flags: int


class SessionSource(Protocol):
    """Where the runner's sessions come from and go to. Every method may touch the disk, so
    the app calls them off the UI thread."""

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

    def unfinished(self) -> list[UnfinishedSession]:
        """The group's unfinished sessions, newest first."""
        ...

    def preview(self) -> SessionPreview:
        """The group and agenda of the session about to start, for the start screen."""
        ...

    @property
    def can_edit_agenda(self) -> bool:
        """Whether the start screen can open the agenda studio on today's copy."""
        ...

    def edit_agenda(self) -> None:
        """Open the agenda studio on today's copy of the agenda and wait until it is closed;
        the session about to start runs on what was saved there."""
        ...

    def review_app(self) -> App[None]:
        """The review app over the same (unlocked) vault, for the start screen's review key."""
        ...

    def start(self, clock: Clock, saving: Saving, new_id: Callable[[], str]) -> LiveSession:
        """A new session of the group on the agenda, its journal open and locked; every event
        is saved as `saving` says (starting with `SessionStarted`)."""
        ...

    def resume(
        self, session_id: str, clock: Clock, saving: Saving, new_id: Callable[[], str]
    ) -> LiveSession:
        """An unfinished session continued from its journal, exactly where it was."""
        ...

    def resume_before_damage(
        self, session_id: str, clock: Clock, saving: Saving, new_id: Callable[[], str]
    ) -> LiveSession:
        """An unfinished session whose journal is damaged, continued from the whole entries
        before the damage (in a new journal; the damaged one is left as it is)."""
        ...

    def load_draft(self, session_id: str) -> str | None:
        """The note as last kept while it was being edited, if any."""
        ...

    def keep_draft(self, session_id: str, text: str) -> None:
        """Keep the note being edited (sealed, atomic), so a crash cannot lose it."""
        ...

    def needs_group(self) -> bool:
        """Whether the group must be chosen (none named, or a name the vault lacks)."""
        ...

    def group_names(self) -> list[str]:
        """The groups to choose from."""
        ...

    def choose_group(self, name: str) -> None:
        """The group to run a session of."""
        ...

    def group_holder(self) -> str | None:
        """Who holds the group's live session in another window (a sentence), or None."""
        ...

    def discard(self, live: LiveSession | str) -> None:
        """Set aside a session nobody was marked present in (logged in the access log)."""
        ...

    def finish(self, live: LiveSession, note: str) -> None:
        """Store the ended session with its edited note as a finished record."""
        ...

    def sync_in_background(self, on_done: Callable[[str], None]) -> Thread | None:
        """Start one sync with the vault's remote on another thread; None if there is no
        remote (or one is running). `on_done` gets one sentence, on that thread."""
        ...
