"""The session engine: what the runner calls for everything the facilitator does.

Every action builds its event stamped with the injected clock, then

1. **validates** it against the state (`handling.check`, by `rules`; a wrong one raises
   `EventRefused` and nothing changes),
2. **records** it (the `record` callback: the live session queues it for the journal), then
3. **applies** it to the state (`handling.apply`).

Every action (`session.actions`, a mixin of the engine) returns the event it recorded. One
action of the facilitator is one call, even when it records several events (`next_phase`,
`give_reminder(with_norms=True)`, a pass in a check-in phase, `finish_checkin`): every event
is checked, in order, against a copy of the state before the first is recorded
(`submit_all`), so a refused action changes nothing. The views
(`clock_view`, `speaking_view`, ...) are pure readings of the state at the clock's current time;
call them as often as the screen refreshes.

Time: `now()` is seconds since the session started, from the monotonic clock. After a crash,
`resume` continues the session from its events: the wall-clock gap since the last saved event
counts as session time (the group went on on the video call meanwhile) and is recorded in a
`SessionRecovered` event, so replaying the journal later gives the same timers. A turn in
progress keeps running through a short interruption (`SHORT_INTERRUPTION_SECONDS`) and ends at
the last saved event after a longer one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

from pydantic import ValidationError

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session import events as ev
from iop_facilitator.session.actions import EngineActions
from iop_facilitator.session.clock import Clock
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import (
    SHORT_INTERRUPTION_SECONDS,
    BaseEvent,
    CarriedFlag,
    CarriedHomework,
    Event,
    FacilitatorEntry,
    RosterEntry,
)
from iop_facilitator.session.group import Group, IdSource, new_id
from iop_facilitator.session.handling import apply, check, replay
from iop_facilitator.session.notes import NoteDraft, NoteStyle, note_draft
from iop_facilitator.session.reminders import ReminderOwed, reminder_owed
from iop_facilitator.session.speaking import SpeakingView, speaking_view
from iop_facilitator.session.state import SessionState
from iop_facilitator.session.summary import SessionSummary, summarise
from iop_facilitator.session.timing import BudgetSuggestion, ClockView, clock_view, suggest_budget

E = TypeVar("E", bound=BaseEvent)

Recorder = Callable[[Event], None]
"""Called with each accepted event before it is applied (the live session queues it)."""


def _ignore(event: Event) -> None:
    return None


DRAFT_SECONDS = 2.0
"""At most one draft of an open form is journalled in this many seconds while it is typed in:
a crash loses at most the last two seconds of typing, and a fast typist does not write an
entry per keystroke."""

UNDO_SECONDS = 120.0
"""How long a skip, an ended phase or round, or the end of the session can be undone (and only
until the next thing is recorded): long enough to notice a slip of one key while the group
goes on, short enough that an undo never rewrites a stretch of the session already charted."""


@dataclass(frozen=True)
class UndoOffer:
    """The last action, while it can still be undone (`SessionEngine.undo_offer`)."""

    action: str  # "Skipped New skill: STOP and TIPP"
    events: int  # how many events the action recorded
    at: float  # when it was recorded (session seconds)
    seconds_left: float = UNDO_SECONDS


class SessionEngine(EngineActions):
    """One session in progress: its events, its state and the actions that move it on.

    Build one with `SessionEngine.start(...)` or `SessionEngine.resume(events, ...)`.
    Not thread-safe: call it from the UI thread only.
    """

    def __init__(
        self,
        events: Sequence[Event],
        clock: Clock,
        *,
        record: Recorder | None = None,
        new_id: IdSource = new_id,
    ) -> None:
        """An engine over `events` already recorded (use `start` or `resume` instead)."""
        self._events: list[Event] = list(events)
        self._state = replay(self._events)
        self._clock = clock
        self._record = record or _ignore
        self._new_id = new_id
        self._undoable: UndoOffer | None = None
        self._draft_pending: ev.FormDrafted | None = None
        self._draft_saved_mono: float | None = None
        # now() = _origin_at + (monotonic - _origin_mono): the session clock is pinned to the
        # monotonic clock at the moment this engine was built.
        self._origin_at = self._state.last_at
        self._origin_mono = clock.monotonic()

    # --- building -------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        *,
        group: Group,
        agenda: Agenda,
        clock: Clock,
        session_id: str | None = None,
        first_time: Iterable[str] = (),
        carried_homework: Iterable[CarriedHomework] = (),
        open_flags: Iterable[CarriedFlag] = (),
        record: Recorder | None = None,
        new_id: IdSource = new_id,
    ) -> SessionEngine:
        """Start a session of `group` on a frozen copy of `agenda`; records `SessionStarted`.

        `first_time` holds the ids of members who have never attended (the reminder is owed
        again when one of them is here). `carried_homework` and `open_flags` come from the
        group's earlier sessions (`Records.carried_from_previous`).
        """
        first = set(first_time)
        started = ev.SessionStarted(
            at=0.0,
            wall=clock.now(),
            session_id=session_id or new_id(),
            group_id=group.id,
            group_name=group.name,
            agenda=agenda,
            members=tuple(
                RosterEntry(
                    member_id=m.id,
                    name=m.name,
                    initials=m.shown_initials,
                    pronouns=m.pronouns,
                    goals=tuple(m.goals),
                    first_time=m.id in first,
                )
                for m in group.active_members
            ),
            facilitators=tuple(
                FacilitatorEntry(facilitator_id=f.id, name=f.name, role=f.role)
                for f in group.facilitators
            ),
            carried_homework=tuple(carried_homework),
            open_flags=tuple(open_flags),
        )
        (record or _ignore)(started)
        return cls([started], clock, record=record, new_id=new_id)

    @classmethod
    def resume(
        cls,
        events: Sequence[Event],
        clock: Clock,
        *,
        record: Recorder | None = None,
        new_id: IdSource = new_id,
    ) -> SessionEngine:
        """Continue a session from its saved events after a crash or a reboot.

        Unless the session had ended, records a `SessionRecovered` event whose time is the last
        saved event's time plus the wall-clock gap since it (never negative): timers continue
        as if the program had kept running. A turn in progress keeps running when the gap is
        at most `SHORT_INTERRUPTION_SECONDS` (the facilitator ends it as usual); after a longer
        gap it ends at the last saved event.
        """
        engine = cls(events, clock, record=record, new_id=new_id)
        state = engine._state
        if not state.ended and state.last_wall is not None:
            gap = max(0.0, (clock.now() - state.last_wall).total_seconds())
            engine._origin_at = state.last_at + gap
            engine.submit(
                ev.SessionRecovered(
                    at=state.last_at + gap,
                    wall=clock.now(),
                    crashed_after=state.last_at,
                    gap_seconds=gap,
                    turn_continues=state.open_turn is not None
                    and gap <= SHORT_INTERRUPTION_SECONDS,
                )
            )
        return engine

    # --- reading --------------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        """The current state (read-only: change it only through the actions)."""
        return self._state

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event recorded so far, oldest first."""
        return tuple(self._events)

    @property
    def session_id(self) -> str:
        return self._state.session_id

    def now(self) -> float:
        """Seconds since the session started, by the injected monotonic clock."""
        at = self._origin_at + (self._clock.monotonic() - self._origin_mono)
        return max(at, self._state.last_at)

    def clock_view(self) -> ClockView:
        """The countdown, the session's elapsed time and projected end, now."""
        return clock_view(self._state, self.now())

    def speaking_view(self) -> SpeakingView:
        """The members board: airtime, shares, turns, equity and the suggested next speaker."""
        return speaking_view(self._state, self.now())

    def budget_suggestion(self) -> BudgetSuggestion | None:
        """A re-budget of the phases to come when the session runs late, else None."""
        return suggest_budget(self._state, self.now())

    def reminder_owed(self) -> ReminderOwed | None:
        """The confidentiality reminder, when it is owed now; else None."""
        return reminder_owed(self._state)

    def homework_suggestions(self) -> list[str]:
        """The agenda's homework suggestions: the running phase's first, then the others'."""
        phase = self._state.phase
        first = list(phase.spec.homework) if phase else []
        rest = [h for p in self._state.agenda.phases for h in p.homework if h not in first]
        return first + list(dict.fromkeys(rest))

    def undo_offer(self) -> UndoOffer | None:
        """The last action if it can still be undone now (see `UNDO_SECONDS`), else None."""
        offer = self._undoable
        if offer is None:
            return None
        left = offer.at + UNDO_SECONDS - self.now()
        if left <= 0:
            return None
        return UndoOffer(offer.action, offer.events, offer.at, left)

    def summary(self) -> SessionSummary:
        """The session summary (complete once the session has ended)."""
        return summarise(self._state, self.now())

    def note_draft(self, style: NoteStyle = "birp") -> NoteDraft:
        """The draft group note and per-member progress notes (BIRP by default, or DAP)."""
        return note_draft(self.summary(), style)

    # --- the one way in -------------------------------------------------------------------------

    def submit(self, event: Event) -> Event:
        """Validate, record and apply `event`; raise `EventRefused` (nothing changed) if wrong."""
        check(self._state, event)
        if not isinstance(event, ev.FormDrafted):  # a draft is not an action: undo stays
            self._undoable = None
        self._keep(event)
        return event

    def submit_all(self, events: Sequence[Event]) -> tuple[Event, ...]:
        """Submit `events` as one action: all of them, or none.

        Each is checked against a copy of the state as the ones before it leave it; only when
        every one passes are they recorded and applied, in order. Raises `EventRefused`
        (nothing recorded, nothing changed) if any one is refused.
        """
        if len(events) > 1:
            trial = self._trial_state()
            for event in events:
                check(trial, event)
                apply(trial, event)
        elif events:
            check(self._state, events[0])
        if events:
            self._undoable = None
        for event in events:
            self._keep(event)
        return tuple(events)

    def _trial_state(self) -> SessionState:
        """A copy of the state to try events on; the agenda (frozen) is shared, not copied."""
        shared: dict[int, object] = {id(self._state.agenda): self._state.agenda}
        shared |= {id(p.spec): p.spec for p in self._state.phases}
        return copy.deepcopy(self._state, shared)

    def _keep(self, event: Event) -> None:
        """Record, then apply, an event already checked."""
        self._record(event)
        if isinstance(event, ev.ActionUndone):
            # Undoing is replaying without the undone events (`handling.without_undone`).
            self._state = replay([*self._events, event])
        else:
            apply(self._state, event)
        self._events.append(event)

    def _undoable_for(self, action: str, events: Sequence[Event]) -> None:
        """Offer to undo the action that just recorded `events`."""
        self._undoable = UndoOffer(action, len(events), events[-1].at)

    def undo(self) -> ev.ActionUndone:
        """Undo the last action while `undo_offer()` offers it: records an `ActionUndone`
        (nothing is deleted; replay leaves the undone events out)."""
        offer = self.undo_offer()
        if offer is None:
            raise EventRefused("There is nothing to undo now.")
        return self._submit(ev.ActionUndone, events=offer.events, action=offer.action)

    def _build(self, kind: type[E], **fields: object) -> E:
        """An event of `kind` stamped now (refused, as a sentence, if a field is invalid)."""
        try:
            return kind.model_validate({"at": self.now(), "wall": self._clock.now(), **fields})
        except ValidationError as error:
            raise EventRefused(_sentence(error)) from None

    def _submit(self, kind: type[E], **fields: object) -> E:
        """Build an event of `kind` stamped now, then submit it."""
        event = self._build(kind, **fields)
        self.submit(cast(Event, event))
        return event

    # --- drafts of open forms ---------------------------------------------------------------------

    def keep_draft(
        self,
        form: ev.DraftForm,
        fields: Mapping[str, str],
        *,
        member_id: str | None = None,
        now: bool = False,
    ) -> ev.FormDrafted | None:
        """What is typed in an open form, journalled at most every `DRAFT_SECONDS` (or `now`);
        a newer text waits in memory until `flush_draft` (call it on the screen's tick).
        Empty `fields` (every field blank): the form was closed unsaved, journalled at once.
        Returns the draft event it recorded, or None if it waits (or nothing changed)."""
        typed = {k: v[:2000] for k, v in fields.items() if v.strip()}
        if self._state.ended:
            return None
        self._draft_pending = self._build(
            ev.FormDrafted, form=form, member_id=member_id, fields=typed
        )
        return self.flush_draft(now=now or not typed)

    def flush_draft(self, *, now: bool = False) -> ev.FormDrafted | None:
        """Journal the newest draft still waiting once `DRAFT_SECONDS` have passed since the
        last one (or `now`), unless the state holds that very text already."""
        draft = self._draft_pending
        if draft is None:
            return None
        saved = self._draft_saved_mono
        if not now and saved is not None and self._clock.monotonic() - saved < DRAFT_SECONDS:
            return None
        self._draft_pending = None
        current = self._state.draft
        if current is None and not draft.fields:
            return None
        if current is not None and (current.form, current.member_id, current.fields) == (
            draft.form,
            draft.member_id,
            dict(draft.fields),
        ):
            return None
        draft = draft.model_copy(update={"at": self.now(), "wall": self._clock.now()})
        self.submit(draft)
        self._draft_saved_mono = self._clock.monotonic()
        return draft

    def drop_draft(self) -> None:
        """Forget a draft waiting in memory (its form was just saved: the save clears it)."""
        self._draft_pending = None


def _sentence(error: ValidationError) -> str:
    """The first problem pydantic found, as a sentence for the facilitator."""
    problem = error.errors()[0]
    where = " ".join(str(part).replace("_", " ") for part in problem["loc"])
    return f"The {where} is not valid: {problem['msg'].lower()}."
