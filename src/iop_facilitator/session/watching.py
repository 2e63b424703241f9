"""Following a session another process runs, read-only, for the group's view (`share`).

The runner holds the session's lock and appends to its journal; a `SessionWatch` tails the
journal without the lock (`Vault.tail_journal`), replays the new events onto its own copy of
the state and reads the group's view at the session's time now. It never writes anything.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from iop_facilitator.errors import UserError
from iop_facilitator.session.clock import Clock
from iop_facilitator.session.events import parse_event
from iop_facilitator.session.group_slides import GroupView, Slide, group_view
from iop_facilitator.session.handling import apply, replay
from iop_facilitator.session.state import SessionState

STOPPED = "The session has stopped."
"""Said when the runner stops without ending the session (it can be resumed later)."""


class NoSessionRunning(UserError):
    """No runner holds a session of this vault now."""


def running_sessions(vault: Any) -> list[str]:
    """The ids of the sessions a runner holds now (checked without taking their locks)."""
    return [sid for sid in vault.unfinished_sessions() if vault.session_running(sid)]


def running_session(vault: Any, session_id: str | None = None) -> str:
    """The session to follow: `session_id`, or the only one running; raises
    `NoSessionRunning` in a sentence otherwise."""
    running = running_sessions(vault)
    if session_id is not None:
        if session_id not in running:
            raise NoSessionRunning(f"The session {session_id} is not being run now.")
        return session_id
    if not running:
        raise NoSessionRunning(
            "No session is being run now: start one with `iop-facilitator run` first."
        )
    if len(running) > 1:
        raise NoSessionRunning(
            f"{len(running)} sessions are being run now; name one with --session "
            f"({', '.join(running)})."
        )
    return running[0]


class SessionWatch:
    """One running session, followed read-only from its journal."""

    def __init__(self, vault: Any, session_id: str, clock: Clock) -> None:
        self._vault = vault
        self._session_id = session_id
        self._tail = vault.tail_journal(session_id)
        self._clock = clock
        self._state: SessionState | None = None
        self._stopped = False

    @property
    def state(self) -> SessionState | None:
        """The state as of the last `refresh` (None before its first event is read)."""
        return self._state

    @property
    def running(self) -> bool:
        """Whether the session is still going on: not ended, and its runner still holds it."""
        if self._stopped or (self._state is not None and self._state.ended):
            return False
        return bool(self._tail.exists and self._vault.session_running(self._session_id))

    def refresh(self) -> None:
        """Read the events appended since the last refresh and apply them."""
        for record in self._tail.read_new():
            try:
                event = parse_event(record)
            except ValidationError:
                self._stopped = True  # written by a newer program: stop rather than guess
                return
            if self._state is None:
                self._state = replay([event])
            else:
                apply(self._state, event)

    def at(self) -> float:
        """The session's time now: its last event's time plus the wall-clock time since."""
        state = self._state
        if state is None or state.last_wall is None:
            return 0.0
        return state.last_at + max(0.0, (self._clock.now() - state.last_wall).total_seconds())

    def view(self) -> GroupView | None:
        """The group's view now (None before the session's start could be read); once the
        session has ended or its runner has stopped, the slide that says so."""
        view = group_view(self._state, self.at()) if self._state is not None else None
        if self.running or (view is not None and view.slide is Slide.ENDED):
            return view
        heading = view.heading if view is not None else "Group view"
        return GroupView(Slide.ENDED, heading, STOPPED)
