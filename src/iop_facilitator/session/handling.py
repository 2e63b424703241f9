"""One registry of the kinds of event: what each requires of the state, and what it changes.

`HANDLING` holds, for every kind of event after `SessionStarted`, its rule (`session.rules`) and
its change (`session.changes`) side by side, so that a new kind of event cannot get one without
the other. `check` refuses an event that cannot happen now; `apply` moves the state on by one
accepted event; `replay` builds the state from a session's events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from iop_facilitator.session import changes, rules
from iop_facilitator.session import events as ev
from iop_facilitator.session.changes import start
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import BaseEvent, Event
from iop_facilitator.session.state import SessionState

E = TypeVar("E", bound=BaseEvent)


@dataclass(frozen=True)
class Handling(Generic[E]):
    """How the engine handles one kind of event."""

    check: Callable[[SessionState, E], None]  # raises EventRefused; never changes the state
    apply: Callable[[SessionState, E], None]  # changes the state; never refuses


HANDLING: Mapping[type[BaseEvent], Handling[Any]] = MappingProxyType(
    {
        ev.MemberPresent: Handling(rules.member_present, changes.member_present),
        ev.MemberAbsent: Handling(rules.member_absent, changes.member_absent),
        ev.MemberArrivedLate: Handling(rules.member_arrived_late, changes.member_arrived_late),
        ev.MemberLeftEarly: Handling(rules.member_left_early, changes.member_left_early),
        ev.MemberAdded: Handling(rules.member_added, changes.member_added),
        ev.PhaseStarted: Handling(rules.phase_started, changes.phase_started),
        ev.PhaseEnded: Handling(rules.phase_ended, changes.phase_ended),
        ev.PhaseSkipped: Handling(rules.phase_skipped, changes.phase_skipped),
        ev.PhaseExtended: Handling(rules.phase_extended, changes.phase_extended),
        ev.BudgetAccepted: Handling(rules.budget_accepted, changes.budget_accepted),
        ev.SessionPaused: Handling(rules.session_paused, changes.session_paused),
        ev.SessionResumed: Handling(rules.session_resumed, changes.session_resumed),
        ev.SessionRecovered: Handling(rules.session_recovered, changes.session_recovered),
        ev.SessionEnded: Handling(rules.nothing_to_check, changes.session_ended),
        ev.ConfidentialityReminded: Handling(
            rules.nothing_to_check, changes.confidentiality_reminded
        ),
        ev.NormsReviewed: Handling(rules.nothing_to_check, changes.norms_reviewed),
        ev.TurnStarted: Handling(rules.turn_started, changes.turn_started),
        ev.TurnEnded: Handling(rules.turn_ended, changes.turn_ended),
        ev.TurnPassed: Handling(rules.turn_passed, changes.turn_passed),
        ev.CheckInRecorded: Handling(rules.checkin_recorded, changes.checkin_recorded),
        ev.CheckInEdited: Handling(rules.checkin_edited, changes.checkin_edited),
        ev.ActionUndone: Handling(rules.nothing_to_check, changes.action_undone),
        ev.FormDrafted: Handling(rules.form_drafted, changes.form_drafted),
        ev.HomeworkAssigned: Handling(rules.homework_assigned, changes.homework_assigned),
        ev.HomeworkReviewed: Handling(rules.homework_reviewed, changes.homework_reviewed),
        ev.NoteAdded: Handling(rules.note_added, changes.note_added),
        ev.SafetyFlagRaised: Handling(rules.safety_flag_raised, changes.safety_flag_raised),
        ev.SafetyFlagHandled: Handling(rules.safety_flag_handled, changes.safety_flag_handled),
    }
)


def check(state: SessionState, event: Event) -> None:
    """Refuse `event` (raise `EventRefused`) if it cannot happen now; otherwise return."""
    if isinstance(event, ev.SessionStarted):
        raise EventRefused("This session has already started.")
    if state.ended and not isinstance(event, ev.ActionUndone):
        raise EventRefused("This session has ended; nothing more can be recorded in it.")
    if event.at < state.last_at:
        raise EventRefused("An event cannot be earlier than the one before it.")
    HANDLING[type(event)].check(state, event)


# Saving a form clears its draft (a crash right after the save never reopens it).
_SAVES_FORM: Mapping[type[BaseEvent], str] = MappingProxyType(
    {
        ev.NoteAdded: "note",
        ev.SafetyFlagRaised: "flag",
        ev.HomeworkAssigned: "homework",
        ev.CheckInRecorded: "check-in",
        ev.CheckInEdited: "check-in",
    }
)


def apply(state: SessionState, event: Event) -> None:
    """Move `state` on by one event that `check` accepted (changes `state` in place)."""
    HANDLING[type(event)].apply(state, event)
    if state.draft is not None and _SAVES_FORM.get(type(event)) == state.draft.form:
        state.draft = None
    state.last_at = event.at
    state.last_wall = event.wall
    state.event_count += 1


def replay(events: Iterable[Event]) -> SessionState:
    """The state of a session after `events` (the first must be `SessionStarted`).

    Deterministic: the same events always give an equal state. Raises `ValueError` if the
    sequence does not begin with `SessionStarted` or holds a second one.
    """
    iterator = iter(without_undone(events))
    first = next(iterator, None)
    if not isinstance(first, ev.SessionStarted):
        raise ValueError("a session's events must begin with session-started")
    state = start(first)
    for event in iterator:
        if isinstance(event, ev.SessionStarted):
            raise ValueError("a session's events hold a second session-started")
        apply(state, event)
    return state


def without_undone(events: Iterable[Event]) -> list[Event]:
    """`events` without those an `ActionUndone` undid (each undo stays, for its time).

    An undo always undoes the events recorded right before it (the engine offers it only
    while nothing else has been recorded since), so this never reorders what is left.
    """
    kept: list[Event] = []
    for event in events:
        if isinstance(event, ev.ActionUndone):
            # The action's own events, newest first; a draft journalled meanwhile stays (it is
            # not part of the action). Never the session's start.
            remaining, i = event.events, len(kept)
            while remaining and i > 1:
                i -= 1
                if not isinstance(kept[i], ev.FormDrafted):
                    del kept[i]
                    remaining -= 1
        kept.append(event)
    return kept


__all__ = ["HANDLING", "Handling", "apply", "check", "replay", "start", "without_undone"]
