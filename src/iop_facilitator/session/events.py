"""Everything that happens in a group session, as frozen events.

An event is a fact the facilitator recorded: it never changes once made, and the state of a
session is a pure function of its events (`session.handling.replay`). Every event carries two
times:

- `at`: seconds since the session started, read from the injected monotonic clock (so a
  wall-clock jump during the call never bends a timer);
- `wall`: the wall-clock time it was recorded (UTC), for the record and for resuming after a
  crash (see `SessionRecovered`).

Events are discriminated by `type` so that a journal of JSON lines parses back into the same
classes (`parse_event`, `event_to_json`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session.session_parts import CarriedFlag as CarriedFlag
from iop_facilitator.session.session_parts import CarriedHomework as CarriedHomework
from iop_facilitator.session.session_parts import FacilitatorEntry as FacilitatorEntry
from iop_facilitator.session.session_parts import Frozen as _Frozen
from iop_facilitator.session.session_parts import HomeworkOutcome as HomeworkOutcome
from iop_facilitator.session.session_parts import MemberLastSession as MemberLastSession
from iop_facilitator.session.session_parts import RosterEntry as RosterEntry

ShortText = Annotated[str, Field(min_length=1, max_length=2000)]


class BaseEvent(_Frozen):
    """What every event has: when it happened."""

    at: float = Field(ge=0, description="Seconds since the session started.")
    wall: datetime = Field(description="Wall-clock time the event was recorded (UTC).")


# --- what the session starts with: in `session.session_parts` ------------------------------


class SessionStarted(BaseEvent):
    """The first event: a frozen copy of the agenda, the roster and what is carried over."""

    type: Literal["session-started"] = "session-started"
    session_id: str
    group_id: str
    group_name: str
    agenda: Agenda
    members: tuple[RosterEntry, ...]
    facilitators: tuple[FacilitatorEntry, ...]
    carried_homework: tuple[CarriedHomework, ...] = ()
    open_flags: tuple[CarriedFlag, ...] = ()
    last_sessions: tuple[MemberLastSession, ...] = ()


# --- attendance -------------------------------------------------------------------------------


class MemberPresent(BaseEvent):
    type: Literal["member-present"] = "member-present"
    member_id: str


class MemberAbsent(BaseEvent):
    type: Literal["member-absent"] = "member-absent"
    member_id: str


class MemberArrivedLate(BaseEvent):
    type: Literal["member-arrived-late"] = "member-arrived-late"
    member_id: str


class MemberLeftEarly(BaseEvent):
    type: Literal["member-left-early"] = "member-left-early"
    member_id: str


class MemberAdded(BaseEvent):
    """A first-time or drop-in member joins during the session; they are present from `at`."""

    type: Literal["member-added"] = "member-added"
    member: RosterEntry


# --- phases and the whole session's clock -------------------------------------------------------


class PhaseStarted(BaseEvent):
    type: Literal["phase-started"] = "phase-started"
    phase_id: str


class PhaseEnded(BaseEvent):
    type: Literal["phase-ended"] = "phase-ended"
    phase_id: str


class PhaseSkipped(BaseEvent):
    type: Literal["phase-skipped"] = "phase-skipped"
    phase_id: str


class PhaseExtended(BaseEvent):
    type: Literal["phase-extended"] = "phase-extended"
    phase_id: str
    minutes: int = Field(ge=1, le=120)


class BudgetAccepted(BaseEvent):
    """The facilitator accepted a re-budget: new planned minutes for phases not yet started."""

    type: Literal["budget-accepted"] = "budget-accepted"
    minutes: dict[str, int]


class SessionPaused(BaseEvent):
    type: Literal["session-paused"] = "session-paused"


class SessionResumed(BaseEvent):
    type: Literal["session-resumed"] = "session-resumed"


class SessionRecovered(BaseEvent):
    """The program restarted after a crash and continued this session from its journal.

    The rule: the group went on on the video call while the program was down, so the gap
    (wall-clock time between the last saved event and the restart, never negative) counts as
    session time: phase timers and the session clock continue as if the program had kept
    running. A paused session stays paused.

    A turn in progress at the crash keeps running through a short interruption (a gap of at
    most `SHORT_INTERRUPTION_SECONDS`: a restart, while the member went on talking), so the
    facilitator ends it as usual (`turn_continues`). After a longer one nobody can say how
    long it went on, so it ends at the last saved event (`crashed_after`). The choice is
    recorded in the event, so replaying a journal never depends on the threshold.
    """

    type: Literal["session-recovered"] = "session-recovered"
    crashed_after: float = Field(ge=0)
    gap_seconds: float = Field(ge=0)
    turn_continues: bool = False


SHORT_INTERRUPTION_SECONDS = 15 * 60.0
"""The longest gap since the last saved event through which a turn in progress keeps running
after a crash: a turn of several minutes plus a restart (a reboot, the charger, unlocking the
vault again). Longer than that, the program was down too long to guess who spoke."""


class SessionEnded(BaseEvent):
    type: Literal["session-ended"] = "session-ended"


# --- confidentiality and norms ------------------------------------------------------------------


class ConfidentialityReminded(BaseEvent):
    type: Literal["confidentiality-reminded"] = "confidentiality-reminded"


class NormsReviewed(BaseEvent):
    type: Literal["norms-reviewed"] = "norms-reviewed"


# --- speaking turns -----------------------------------------------------------------------------


class TurnStarted(BaseEvent):
    """A member or a facilitator starts speaking; the turn before, if any, ends now."""

    type: Literal["turn-started"] = "turn-started"
    speaker_id: str


class TurnEnded(BaseEvent):
    type: Literal["turn-ended"] = "turn-ended"


class TurnPassed(BaseEvent):
    """A member passes (in a round: their turn is done without speaking)."""

    type: Literal["turn-passed"] = "turn-passed"
    member_id: str


# --- check-ins, homework, notes, safety ---------------------------------------------------------


class CheckInRecorded(BaseEvent):
    """A member's check-in: the agenda's fields on its scale, or a pass. A later one corrects."""

    type: Literal["checkin-recorded"] = "checkin-recorded"
    member_id: str
    values: dict[str, int] = Field(default_factory=dict)
    note: str = Field(default="", max_length=2000)
    passed: bool = False


class CheckInEdited(BaseEvent):
    """A saved check-in corrected (the facilitator reopened the form): replaces the values,
    note or pass, and is kept as an edit so the record shows the check-in was corrected. An
    edit is not a turn: it changes no airtime."""

    type: Literal["checkin-edited"] = "checkin-edited"
    member_id: str
    values: dict[str, int] = Field(default_factory=dict)
    note: str = Field(default="", max_length=2000)
    passed: bool = False


class HomeworkAssigned(BaseEvent):
    type: Literal["homework-assigned"] = "homework-assigned"
    homework_id: str
    text: ShortText
    member_ids: tuple[str, ...] = ()  # empty: the whole group
    from_suggestion: bool = False


class HomeworkReviewed(BaseEvent):
    """The outcome of carried homework, for the group or for one member."""

    type: Literal["homework-reviewed"] = "homework-reviewed"
    homework_id: str
    outcome: HomeworkOutcome
    member_id: str | None = None


class NoteAdded(BaseEvent):
    type: Literal["note-added"] = "note-added"
    note_id: str
    text: ShortText
    phase_id: str | None = None
    member_id: str | None = None


class SafetyFlagRaised(BaseEvent):
    type: Literal["safety-flag-raised"] = "safety-flag-raised"
    flag_id: str
    member_id: str
    note: ShortText


class SafetyFlagHandled(BaseEvent):
    type: Literal["safety-flag-handled"] = "safety-flag-handled"
    flag_id: str
    note: str = Field(default="", max_length=2000)
    by: str = ""  # facilitator id


DraftForm = Literal["note", "flag", "homework", "check-in"]


class FormDrafted(BaseEvent):
    """What is typed in an open form (a note, a flag, homework, a check-in) before it is saved,
    journalled (sealed, like every event) a few seconds apart as it changes, so a crash never
    loses it: resuming reopens the form with it (`SessionState.draft`).

    Empty `fields`: the form was closed without saving. Saving the form (a `NoteAdded`, ...)
    clears the draft by itself. A draft is not part of the record: the finished session
    leaves drafts out, and no summary or note reads them.
    """

    type: Literal["form-drafted"] = "form-drafted"
    form: DraftForm
    member_id: str | None = None
    fields: dict[str, Annotated[str, Field(max_length=2000)]] = Field(default_factory=dict)


class ActionUndone(BaseEvent):
    """The facilitator undid their last action (a skip, ending a phase or round, ending the
    session), shortly after it and before anything else was recorded.

    Nothing is deleted: the undone events stay in the journal, and `replay` leaves out the
    `events` events recorded right before this one, so the session goes on as if they had not
    happened (a phase ended by mistake has been running all along).
    """

    type: Literal["action-undone"] = "action-undone"
    events: int = Field(ge=1, description="How many events right before this one it undoes.")
    action: str = Field(description="What was undone, in the words the status line used.")


Event = Annotated[
    SessionStarted
    | MemberPresent
    | MemberAbsent
    | MemberArrivedLate
    | MemberLeftEarly
    | MemberAdded
    | PhaseStarted
    | PhaseEnded
    | PhaseSkipped
    | PhaseExtended
    | BudgetAccepted
    | SessionPaused
    | SessionResumed
    | SessionRecovered
    | SessionEnded
    | ConfidentialityReminded
    | NormsReviewed
    | TurnStarted
    | TurnEnded
    | TurnPassed
    | CheckInRecorded
    | CheckInEdited
    | HomeworkAssigned
    | HomeworkReviewed
    | NoteAdded
    | SafetyFlagRaised
    | SafetyFlagHandled
    | FormDrafted
    | ActionUndone,
    Field(discriminator="type"),
]

_EVENT = TypeAdapter[Event](Event)
_EVENTS = TypeAdapter[list[Event]](list[Event])


def event_to_json(event: Event) -> bytes:
    """The event as compact JSON bytes (what the journal stores)."""
    return event.model_dump_json().encode()


def parse_event(data: bytes | str) -> Event:
    """An event from its JSON form; raises `pydantic.ValidationError` on anything else."""
    return _EVENT.validate_json(data)


def events_to_json(events: list[Event]) -> bytes:
    """A list of events as one JSON array (what a finished session stores)."""
    return _EVENTS.dump_json(events)


def parse_events(data: bytes | str) -> list[Event]:
    """A list of events from `events_to_json`'s form."""
    return _EVENTS.validate_json(data)
