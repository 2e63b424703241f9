"""What may happen next: the rule of each kind of event, checked before it is recorded.

Each function takes the state and an event and raises `EventRefused` with one sentence for the
facilitator when the event would make the session wrong (a turn for someone absent, ending a
phase twice, a check-in value outside the scale, ...); none changes the state.
`session.handling` pairs each with what the event changes, one entry per kind of event, and
`check(state, event)` there applies the rules every event shares.
"""

from __future__ import annotations

from iop_facilitator.agenda.model import TurnMode
from iop_facilitator.session import events as ev
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import Event, HomeworkOutcome
from iop_facilitator.session.state import Attendance, PhaseStatus, SessionState
from iop_facilitator.wording import full_stop

MAX_EXTENSION_MINUTES = 120


def _member(s: SessionState, member_id: str) -> str:
    """The member's name; refuses an id that is not on this session's roster."""
    member = s.members.get(member_id)
    if member is None:
        raise EventRefused("That person is not on this session's roster.")
    return member.name


def _here(s: SessionState, member_id: str, doing: str) -> None:
    name = _member(s, member_id)
    member = s.members[member_id]
    if member.left_at is not None:
        raise EventRefused(f"{name} has left the session, so they cannot {doing}.")
    if member.attendance is not Attendance.PRESENT:
        raise EventRefused(f"{name} is not marked present, so they cannot {doing}.")


def _phase(s: SessionState, phase_id: str) -> str:
    p = s.phase_state(phase_id)
    if p is None:
        raise EventRefused(f"The agenda has no phase '{phase_id}'.")
    return p.spec.title


def member_present(s: SessionState, e: ev.MemberPresent) -> None:
    """Refuse a `MemberPresent` that cannot happen now."""
    name = _member(s, e.member_id)
    m = s.members[e.member_id]
    if m.here:
        raise EventRefused(f"{name} is already marked present.")
    if m.left_at is not None:
        raise EventRefused(f"{name} has already left this session.")


def member_absent(s: SessionState, e: ev.MemberAbsent) -> None:
    """Refuse a `MemberAbsent` that cannot happen now."""
    name = _member(s, e.member_id)
    m = s.members[e.member_id]
    if m.attendance is Attendance.ABSENT:
        raise EventRefused(f"{name} is already marked absent.")
    if s.turns and any(t.speaker_id == e.member_id for t in s.turns):
        raise EventRefused(f"{name} has already taken part; mark them as having left instead.")
    if e.member_id in s.checkins:
        raise EventRefused(f"{name} has already checked in; mark them as having left instead.")


def member_arrived_late(s: SessionState, e: ev.MemberArrivedLate) -> None:
    """Refuse a `MemberArrivedLate` that cannot happen now."""
    name = _member(s, e.member_id)
    m = s.members[e.member_id]
    if m.here:
        raise EventRefused(f"{name} is already here.")
    if m.left_at is not None:
        raise EventRefused(f"{name} has already left this session.")


def member_left_early(s: SessionState, e: ev.MemberLeftEarly) -> None:
    """Refuse a `MemberLeftEarly` that cannot happen now."""
    _here(s, e.member_id, "leave early")


def member_added(s: SessionState, e: ev.MemberAdded) -> None:
    """Refuse a `MemberAdded` that cannot happen now."""
    r = e.member
    if r.member_id in s.members or r.member_id in s.facilitators:
        raise EventRefused(f"{r.name} is already on this session's roster.")
    if not r.name.strip():
        raise EventRefused("A new member needs a name.")


def phase_started(s: SessionState, e: ev.PhaseStarted) -> None:
    """Refuse a `PhaseStarted` that cannot happen now."""
    title = _phase(s, e.phase_id)
    running = s.phase
    if running is not None:
        if running.id == e.phase_id:
            raise EventRefused(f"'{title}' is already running.")
        raise EventRefused(f"End '{running.spec.title}' before starting '{title}'.")
    if s.paused:
        raise EventRefused("The session is paused; resume it before starting a phase.")
    p = s.phase_state(e.phase_id)
    assert p is not None
    if p.status is PhaseStatus.DONE:
        raise EventRefused(f"'{title}' has already ended.")
    if p.status is PhaseStatus.SKIPPED:
        raise EventRefused(f"'{title}' was skipped.")


def phase_ended(s: SessionState, e: ev.PhaseEnded) -> None:
    """Refuse a `PhaseEnded` that cannot happen now."""
    title = _phase(s, e.phase_id)
    p = s.phase_state(e.phase_id)
    assert p is not None
    if p.status is PhaseStatus.DONE:
        raise EventRefused(f"'{title}' has already ended.")
    if p.status is not PhaseStatus.RUNNING:
        raise EventRefused(f"'{title}' has not started, so it cannot end.")


def phase_skipped(s: SessionState, e: ev.PhaseSkipped) -> None:
    """Refuse a `PhaseSkipped` that cannot happen now."""
    title = _phase(s, e.phase_id)
    p = s.phase_state(e.phase_id)
    assert p is not None
    if p.status is PhaseStatus.SKIPPED:
        raise EventRefused(f"'{title}' was already skipped.")
    if p.status is not PhaseStatus.PLANNED:
        raise EventRefused(f"'{title}' has already started, so it cannot be skipped; end it.")


def phase_extended(s: SessionState, e: ev.PhaseExtended) -> None:
    """Refuse a `PhaseExtended` that cannot happen now."""
    title = _phase(s, e.phase_id)
    p = s.phase_state(e.phase_id)
    assert p is not None
    if p.status in (PhaseStatus.DONE, PhaseStatus.SKIPPED):
        raise EventRefused(f"'{title}' is over, so it cannot be extended.")
    if p.extended_minutes + e.minutes > MAX_EXTENSION_MINUTES:
        raise EventRefused(f"'{title}' cannot be extended by more than two hours in all.")


def budget_accepted(s: SessionState, e: ev.BudgetAccepted) -> None:
    """Refuse a `BudgetAccepted` that cannot happen now."""
    if not e.minutes:
        raise EventRefused("The new budget names no phases.")
    for phase_id, minutes in e.minutes.items():
        title = _phase(s, phase_id)
        p = s.phase_state(phase_id)
        assert p is not None
        if p.status is not PhaseStatus.PLANNED:
            raise EventRefused(f"'{title}' has already started or was skipped; it keeps its time.")
        floor = p.spec.floor_minutes
        if not floor <= minutes <= 240:
            raise EventRefused(f"'{title}' needs at least {floor} minutes (and at most 240).")


def session_paused(s: SessionState, e: ev.SessionPaused) -> None:
    """Refuse a `SessionPaused` that cannot happen now."""
    if s.paused:
        raise EventRefused("The session is already paused.")


def session_resumed(s: SessionState, e: ev.SessionResumed) -> None:
    """Refuse a `SessionResumed` that cannot happen now."""
    if not s.paused:
        raise EventRefused("The session is not paused.")


def session_recovered(s: SessionState, e: ev.SessionRecovered) -> None:
    """Refuse a `SessionRecovered` that cannot happen now."""
    if e.crashed_after > e.at:
        raise EventRefused("A recovery cannot be earlier than the last saved event.")


def nothing_to_check(s: SessionState, e: Event) -> None:
    """The rule of events that may happen at any time while the session runs."""
    return None


def turn_started(s: SessionState, e: ev.TurnStarted) -> None:
    """Refuse a `TurnStarted` that cannot happen now."""
    is_member = e.speaker_id in s.members
    if not is_member and not s.is_facilitator(e.speaker_id):
        raise EventRefused("That person is not on this session's roster.")
    if is_member:
        _here(s, e.speaker_id, "take a turn")
    _turns_tracked(s)
    turn = s.open_turn
    if turn is not None and turn.speaker_id == e.speaker_id:
        raise EventRefused(f"{s.speaker_name(e.speaker_id)} is already speaking.")


def _turns_tracked(s: SessionState) -> None:
    if s.paused:
        raise EventRefused("The session is paused; resume it before recording turns.")
    phase = s.phase
    if phase is None:
        raise EventRefused("Start a phase before recording turns.")
    if phase.spec.turns is TurnMode.NONE:
        raise EventRefused(f"Turns are not tracked in '{phase.spec.title}'.")


def turn_ended(s: SessionState, e: ev.TurnEnded) -> None:
    """Refuse a `TurnEnded` that cannot happen now."""
    if s.open_turn is None:
        raise EventRefused("Nobody is speaking, so there is no turn to end.")


def turn_passed(s: SessionState, e: ev.TurnPassed) -> None:
    """Refuse a `TurnPassed` that cannot happen now."""
    _here(s, e.member_id, "pass")
    _turns_tracked(s)


def checkin_recorded(s: SessionState, e: ev.CheckInRecorded) -> None:
    """Refuse a `CheckInRecorded` that cannot happen now."""
    _here(s, e.member_id, "check in")
    spec = s.checkin_spec
    if spec is None:
        raise EventRefused("This agenda has no check-in phase.")
    if e.passed:
        if e.values:
            raise EventRefused("A passed check-in carries no ratings.")
        return
    low, high = spec.scale
    for name, value in e.values.items():
        if name not in spec.fields:
            raise EventRefused(
                f"'{name}' is not a check-in field of this agenda "
                f"(the fields are: {', '.join(spec.fields)})."
            )
        if not low <= value <= high:
            raise EventRefused(f"{name.capitalize()} must be between {low} and {high}.")
    if not e.values and not e.note.strip():
        raise EventRefused("A check-in needs at least one rating or a note, or record a pass.")


def checkin_edited(s: SessionState, e: ev.CheckInEdited) -> None:
    """Refuse a `CheckInEdited` of a check-in never saved, or with values off the scale.

    A member who has left can still have their check-in corrected: the correction is about
    what they said while here."""
    name = _member(s, e.member_id)
    if e.member_id not in s.checkins:
        raise EventRefused(f"{name} has not checked in yet, so there is nothing to correct.")
    spec = s.checkin_spec
    if spec is None:  # pragma: no cover - a saved check-in implies a check-in phase
        raise EventRefused("This agenda has no check-in phase.")
    if e.passed:
        if e.values:
            raise EventRefused("A passed check-in carries no ratings.")
        return
    low, high = spec.scale
    for field, value in e.values.items():
        if field not in spec.fields:
            raise EventRefused(f"'{field}' is not a check-in field of this agenda.")
        if not low <= value <= high:
            raise EventRefused(f"{field.capitalize()} must be between {low} and {high}.")
    if not e.values and not e.note.strip():
        raise EventRefused("A check-in needs at least one rating or a note, or record a pass.")


def form_drafted(s: SessionState, e: ev.FormDrafted) -> None:
    """Refuse a draft about someone not on the roster."""
    if e.member_id is not None:
        _member(s, e.member_id)


def homework_assigned(s: SessionState, e: ev.HomeworkAssigned) -> None:
    """Refuse a `HomeworkAssigned` that cannot happen now."""
    if e.homework_id in s.homework:
        raise EventRefused("That homework has already been assigned.")
    if not e.text.strip():
        raise EventRefused("Homework needs some text.")
    for member_id in e.member_ids:
        _member(s, member_id)
    if len(set(e.member_ids)) != len(e.member_ids):
        raise EventRefused("The homework names a member twice.")


def homework_reviewed(s: SessionState, e: ev.HomeworkReviewed) -> None:
    """Refuse a `HomeworkReviewed` that cannot happen now."""
    h = s.homework.get(e.homework_id)
    if h is None:
        raise EventRefused("There is no such homework to review.")
    if not h.carried:
        raise EventRefused("Homework is reviewed at the next session, not the one that gave it.")
    if e.member_id is not None:
        name = _member(s, e.member_id)
        if h.member_ids and e.member_id not in h.member_ids:
            raise EventRefused(full_stop(f"That homework was not assigned to {name}"))
        if s.joined_after(e.member_id, h):
            raise EventRefused(
                f"{name} joined after that homework was given, so it is not theirs to review."
            )
    if e.outcome not in HomeworkOutcome:
        raise EventRefused("Unknown homework outcome.")


def note_added(s: SessionState, e: ev.NoteAdded) -> None:
    """Refuse a `NoteAdded` that cannot happen now."""
    if not e.text.strip():
        raise EventRefused("A note needs some text.")
    if e.phase_id is not None:
        _phase(s, e.phase_id)
    if e.member_id is not None:
        _member(s, e.member_id)
    if any(n.id == e.note_id for n in s.notes):
        raise EventRefused("That note has already been added.")


def safety_flag_raised(s: SessionState, e: ev.SafetyFlagRaised) -> None:
    """Refuse a `SafetyFlagRaised` that cannot happen now."""
    _member(s, e.member_id)
    if not e.note.strip():
        raise EventRefused("A safety flag needs a short note saying what the concern is.")
    if e.flag_id in s.flags:
        raise EventRefused("That safety flag has already been raised.")


def safety_flag_handled(s: SessionState, e: ev.SafetyFlagHandled) -> None:
    """Refuse a `SafetyFlagHandled` that cannot happen now."""
    f = s.flags.get(e.flag_id)
    if f is None:
        raise EventRefused("There is no such safety flag.")
    if f.handled:
        raise EventRefused("That safety flag is already marked handled.")


def __getattr__(name: str) -> object:
    # `check` lives in `session.handling` (which imports this module); it stays importable
    # from here, loaded on first use.
    if name == "check":
        from iop_facilitator.session import handling

        return handling.check
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
