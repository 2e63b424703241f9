"""What may happen next: every event is checked against the state before it is recorded.

`check(state, event)` raises `EventRefused` with one sentence for the facilitator when the event
would make the session wrong (a turn for someone absent, ending a phase twice, a check-in value
outside the scale, ...). It never changes the state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iop_facilitator.agenda.model import TurnMode
from iop_facilitator.session import events as ev
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.events import Event, HomeworkOutcome
from iop_facilitator.session.state import Attendance, PhaseStatus, SessionState

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


def _present(s: SessionState, e: ev.MemberPresent) -> None:
    name = _member(s, e.member_id)
    m = s.members[e.member_id]
    if m.here:
        raise EventRefused(f"{name} is already marked present.")
    if m.left_at is not None:
        raise EventRefused(f"{name} has already left this session.")


def _absent(s: SessionState, e: ev.MemberAbsent) -> None:
    name = _member(s, e.member_id)
    m = s.members[e.member_id]
    if m.attendance is Attendance.ABSENT:
        raise EventRefused(f"{name} is already marked absent.")
    if s.turns and any(t.speaker_id == e.member_id for t in s.turns):
        raise EventRefused(f"{name} has already taken part; mark them as having left instead.")
    if e.member_id in s.checkins:
        raise EventRefused(f"{name} has already checked in; mark them as having left instead.")


def _late(s: SessionState, e: ev.MemberArrivedLate) -> None:
    name = _member(s, e.member_id)
    m = s.members[e.member_id]
    if m.here:
        raise EventRefused(f"{name} is already here.")
    if m.left_at is not None:
        raise EventRefused(f"{name} has already left this session.")


def _left(s: SessionState, e: ev.MemberLeftEarly) -> None:
    _here(s, e.member_id, "leave early")


def _added(s: SessionState, e: ev.MemberAdded) -> None:
    r = e.member
    if r.member_id in s.members or r.member_id in s.facilitators:
        raise EventRefused(f"{r.name} is already on this session's roster.")
    if not r.name.strip():
        raise EventRefused("A new member needs a name.")


def _phase_started(s: SessionState, e: ev.PhaseStarted) -> None:
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


def _phase_ended(s: SessionState, e: ev.PhaseEnded) -> None:
    title = _phase(s, e.phase_id)
    p = s.phase_state(e.phase_id)
    assert p is not None
    if p.status is PhaseStatus.DONE:
        raise EventRefused(f"'{title}' has already ended.")
    if p.status is not PhaseStatus.RUNNING:
        raise EventRefused(f"'{title}' has not started, so it cannot end.")


def _phase_skipped(s: SessionState, e: ev.PhaseSkipped) -> None:
    title = _phase(s, e.phase_id)
    p = s.phase_state(e.phase_id)
    assert p is not None
    if p.status is PhaseStatus.SKIPPED:
        raise EventRefused(f"'{title}' was already skipped.")
    if p.status is not PhaseStatus.PLANNED:
        raise EventRefused(f"'{title}' has already started, so it cannot be skipped; end it.")


def _phase_extended(s: SessionState, e: ev.PhaseExtended) -> None:
    title = _phase(s, e.phase_id)
    p = s.phase_state(e.phase_id)
    assert p is not None
    if p.status in (PhaseStatus.DONE, PhaseStatus.SKIPPED):
        raise EventRefused(f"'{title}' is over, so it cannot be extended.")
    if p.extended_minutes + e.minutes > MAX_EXTENSION_MINUTES:
        raise EventRefused(f"'{title}' cannot be extended by more than two hours in all.")


def _budget(s: SessionState, e: ev.BudgetAccepted) -> None:
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


def _paused(s: SessionState, e: ev.SessionPaused) -> None:
    if s.paused:
        raise EventRefused("The session is already paused.")


def _resumed(s: SessionState, e: ev.SessionResumed) -> None:
    if not s.paused:
        raise EventRefused("The session is not paused.")


def _recovered(s: SessionState, e: ev.SessionRecovered) -> None:
    if e.crashed_after > e.at:
        raise EventRefused("A recovery cannot be earlier than the last saved event.")


def _nothing_to_check(s: SessionState, e: Event) -> None:
    return None


def _turn_started(s: SessionState, e: ev.TurnStarted) -> None:
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


def _turn_ended(s: SessionState, e: ev.TurnEnded) -> None:
    if s.open_turn is None:
        raise EventRefused("Nobody is speaking, so there is no turn to end.")


def _turn_passed(s: SessionState, e: ev.TurnPassed) -> None:
    _here(s, e.member_id, "pass")
    _turns_tracked(s)


def _checkin(s: SessionState, e: ev.CheckInRecorded) -> None:
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


def _homework(s: SessionState, e: ev.HomeworkAssigned) -> None:
    if e.homework_id in s.homework:
        raise EventRefused("That homework has already been assigned.")
    if not e.text.strip():
        raise EventRefused("Homework needs some text.")
    for member_id in e.member_ids:
        _member(s, member_id)
    if len(set(e.member_ids)) != len(e.member_ids):
        raise EventRefused("The homework names a member twice.")


def _reviewed(s: SessionState, e: ev.HomeworkReviewed) -> None:
    h = s.homework.get(e.homework_id)
    if h is None:
        raise EventRefused("There is no such homework to review.")
    if not h.carried:
        raise EventRefused("Homework is reviewed at the next session, not the one that gave it.")
    if e.member_id is not None:
        name = _member(s, e.member_id)
        if h.member_ids and e.member_id not in h.member_ids:
            raise EventRefused(f"That homework was not assigned to {name}.")
    if e.outcome not in HomeworkOutcome:
        raise EventRefused("Unknown homework outcome.")


def _note(s: SessionState, e: ev.NoteAdded) -> None:
    if not e.text.strip():
        raise EventRefused("A note needs some text.")
    if e.phase_id is not None:
        _phase(s, e.phase_id)
    if e.member_id is not None:
        _member(s, e.member_id)
    if any(n.id == e.note_id for n in s.notes):
        raise EventRefused("That note has already been added.")


def _flag(s: SessionState, e: ev.SafetyFlagRaised) -> None:
    _member(s, e.member_id)
    if not e.note.strip():
        raise EventRefused("A safety flag needs a short note saying what the concern is.")
    if e.flag_id in s.flags:
        raise EventRefused("That safety flag has already been raised.")


def _handled(s: SessionState, e: ev.SafetyFlagHandled) -> None:
    f = s.flags.get(e.flag_id)
    if f is None:
        raise EventRefused("There is no such safety flag.")
    if f.handled:
        raise EventRefused("That safety flag is already marked handled.")


_CHECK: dict[type[Any], Callable[[SessionState, Any], None]] = {
    ev.MemberPresent: _present,
    ev.MemberAbsent: _absent,
    ev.MemberArrivedLate: _late,
    ev.MemberLeftEarly: _left,
    ev.MemberAdded: _added,
    ev.PhaseStarted: _phase_started,
    ev.PhaseEnded: _phase_ended,
    ev.PhaseSkipped: _phase_skipped,
    ev.PhaseExtended: _phase_extended,
    ev.BudgetAccepted: _budget,
    ev.SessionPaused: _paused,
    ev.SessionResumed: _resumed,
    ev.SessionRecovered: _recovered,
    ev.SessionEnded: _nothing_to_check,
    ev.ConfidentialityReminded: _nothing_to_check,
    ev.NormsReviewed: _nothing_to_check,
    ev.TurnStarted: _turn_started,
    ev.TurnEnded: _turn_ended,
    ev.TurnPassed: _turn_passed,
    ev.CheckInRecorded: _checkin,
    ev.HomeworkAssigned: _homework,
    ev.HomeworkReviewed: _reviewed,
    ev.NoteAdded: _note,
    ev.SafetyFlagRaised: _flag,
    ev.SafetyFlagHandled: _handled,
}


def check(state: SessionState, event: Event) -> None:
    """Refuse `event` (raise `EventRefused`) if it cannot happen now; otherwise return."""
    if isinstance(event, ev.SessionStarted):
        raise EventRefused("This session has already started.")
    if state.ended:
        raise EventRefused("This session has ended; nothing more can be recorded in it.")
    if event.at < state.last_at:
        raise EventRefused("An event cannot be earlier than the one before it.")
    _CHECK[type(event)](state, event)
