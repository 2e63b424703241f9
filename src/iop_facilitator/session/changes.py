"""How each event changes the state of a session: one function per kind of event.

Each takes the state and an event that `session.rules` accepted, and changes the state in
place; none refuses. `session.handling` pairs each with its rule, one entry per kind of event.
"""

from __future__ import annotations

from iop_facilitator.session import events as ev
from iop_facilitator.session.state import (
    Attendance,
    CheckIn,
    FacilitatorState,
    FormDraft,
    Homework,
    MemberState,
    Note,
    PhaseState,
    PhaseStatus,
    SafetyFlag,
    SessionState,
    Turn,
)


def start(event: ev.SessionStarted) -> SessionState:
    """The state right after `event`, the first event of every session."""
    members = {
        r.member_id: MemberState(
            id=r.member_id,
            name=r.name,
            initials=r.initials,
            pronouns=r.pronouns,
            goals=r.goals,
            first_time=r.first_time,
        )
        for r in event.members
    }
    facilitators = {
        f.facilitator_id: FacilitatorState(id=f.facilitator_id, name=f.name, role=f.role)
        for f in event.facilitators
    }
    state = SessionState(
        session_id=event.session_id,
        group_id=event.group_id,
        group_name=event.group_name,
        agenda=event.agenda,
        started_wall=event.wall,
        members=members,
        facilitators=facilitators,
        phases=[PhaseState(spec=p, planned_seconds=p.minutes * 60.0) for p in event.agenda.phases],
        last_at=event.at,
        last_wall=event.wall,
        event_count=1,
    )
    for h in event.carried_homework:
        state.homework[h.homework_id] = Homework(
            id=h.homework_id,
            text=h.text,
            member_ids=h.member_ids,
            carried=True,
            assigned_in=h.assigned_in,
            assigned_wall=h.assigned_on,
        )
    for f in event.open_flags:
        state.flags[f.flag_id] = SafetyFlag(
            id=f.flag_id,
            member_id=f.member_id,
            note=f.note,
            raised_in=f.raised_in,
            raised_wall=f.raised_on,
            carried=True,
        )
    return state


def _end_turn(s: SessionState, at: float) -> None:
    turn = s.open_turn
    if turn is not None:
        turn.ended_at = at


def _end_phase(s: SessionState, at: float) -> None:
    phase = s.phase
    if phase is None:
        return
    if s.paused_since is not None and phase.started_at is not None:
        # The pause so far belongs to this phase; the rest of it (if any) to no phase.
        phase.paused_seconds += at - max(s.paused_since, phase.started_at)
    phase.status = PhaseStatus.DONE
    phase.ended_at = at
    s.current_phase = None


def member_present(s: SessionState, e: ev.MemberPresent) -> None:
    """The member is here from now (arrived at `e.at`)."""
    m = s.members[e.member_id]
    m.attendance, m.arrived_at, m.left_at = Attendance.PRESENT, e.at, None


def member_absent(s: SessionState, e: ev.MemberAbsent) -> None:
    """The member is marked absent."""
    m = s.members[e.member_id]
    m.attendance, m.arrived_at, m.late = Attendance.ABSENT, None, False


def member_arrived_late(s: SessionState, e: ev.MemberArrivedLate) -> None:
    """The member is here from now, marked late."""
    m = s.members[e.member_id]
    m.attendance, m.arrived_at, m.late, m.left_at = Attendance.PRESENT, e.at, True, None


def member_left_early(s: SessionState, e: ev.MemberLeftEarly) -> None:
    """The member has left; their turn ends if they were speaking."""
    turn = s.open_turn
    if turn is not None and turn.speaker_id == e.member_id:
        turn.ended_at = e.at
    s.members[e.member_id].left_at = e.at


def member_added(s: SessionState, e: ev.MemberAdded) -> None:
    """A new member joins the roster, here from now (late once under way)."""
    r = e.member
    s.members[r.member_id] = MemberState(
        id=r.member_id,
        name=r.name,
        initials=r.initials,
        pronouns=r.pronouns,
        goals=r.goals,
        first_time=r.first_time,
        attendance=Attendance.PRESENT,
        arrived_at=e.at,
        late=s.under_way,
        added_in_session=True,
    )


def phase_started(s: SessionState, e: ev.PhaseStarted) -> None:
    """The phase runs from now."""
    for i, p in enumerate(s.phases):
        if p.id == e.phase_id:
            p.status, p.started_at = PhaseStatus.RUNNING, e.at
            s.current_phase = i
            return


def phase_ended(s: SessionState, e: ev.PhaseEnded) -> None:
    """The running phase (and the turn in progress) ends now."""
    _end_turn(s, e.at)
    _end_phase(s, e.at)


def phase_skipped(s: SessionState, e: ev.PhaseSkipped) -> None:
    """The phase is marked skipped."""
    p = s.phase_state(e.phase_id)
    if p is not None:
        p.status = PhaseStatus.SKIPPED


def phase_extended(s: SessionState, e: ev.PhaseExtended) -> None:
    """The phase gets the extra minutes."""
    p = s.phase_state(e.phase_id)
    if p is not None:
        p.planned_seconds += e.minutes * 60.0
        p.extended_minutes += e.minutes


def budget_accepted(s: SessionState, e: ev.BudgetAccepted) -> None:
    """The phases to come get their new planned minutes."""
    for phase_id, minutes in e.minutes.items():
        p = s.phase_state(phase_id)
        if p is not None:
            p.planned_seconds = minutes * 60.0


def session_paused(s: SessionState, e: ev.SessionPaused) -> None:
    """The session is paused from now; the turn in progress ends."""
    _end_turn(s, e.at)
    s.paused_since = e.at


def session_resumed(s: SessionState, e: ev.SessionResumed) -> None:
    """The pause ends; its time is not counted against the running phase."""
    since = s.paused_since if s.paused_since is not None else e.at
    phase = s.phase
    if phase is not None and phase.started_at is not None:
        phase.paused_seconds += e.at - max(since, phase.started_at)
    s.pauses.append((since, e.at))
    s.paused_since = None


def session_recovered(s: SessionState, e: ev.SessionRecovered) -> None:
    """The downtime after a crash is counted; a turn ends at the crash unless it continues."""
    turn = s.open_turn
    if turn is not None and not e.turn_continues:
        turn.ended_at = e.crashed_after
    s.recoveries.append((e.crashed_after, e.at))


def session_ended(s: SessionState, e: ev.SessionEnded) -> None:
    """The session, with its turn, phase and pause in progress, ends now."""
    _end_turn(s, e.at)
    _end_phase(s, e.at)
    if s.paused_since is not None:
        s.pauses.append((s.paused_since, e.at))
        s.paused_since = None
    s.ended_at, s.ended_wall = e.at, e.wall


def confidentiality_reminded(s: SessionState, e: ev.ConfidentialityReminded) -> None:
    """The reminder was given now."""
    s.reminders_at.append(e.at)


def norms_reviewed(s: SessionState, e: ev.NormsReviewed) -> None:
    """The norms were reviewed now."""
    s.norms_reviewed_at.append(e.at)


def turn_started(s: SessionState, e: ev.TurnStarted) -> None:
    """A turn starts now; the one in progress ends."""
    _end_turn(s, e.at)
    phase = s.phase
    s.turns.append(
        Turn(
            speaker_id=e.speaker_id,
            phase_id=phase.id if phase else None,
            started_at=e.at,
            limit_seconds=phase.spec.turn_seconds if phase else None,
        )
    )


def turn_ended(s: SessionState, e: ev.TurnEnded) -> None:
    """The turn in progress ends now."""
    _end_turn(s, e.at)


def turn_passed(s: SessionState, e: ev.TurnPassed) -> None:
    """The member passes now (a turn of no time); the one in progress ends."""
    _end_turn(s, e.at)
    phase = s.phase
    s.turns.append(
        Turn(
            speaker_id=e.member_id,
            phase_id=phase.id if phase else None,
            started_at=e.at,
            ended_at=e.at,
            passed=True,
        )
    )


def checkin_recorded(s: SessionState, e: ev.CheckInRecorded) -> None:
    """The member's check-in (replacing an earlier one)."""
    s.checkins[e.member_id] = CheckIn(
        member_id=e.member_id, at=e.at, values=dict(e.values), note=e.note, passed=e.passed
    )


def checkin_edited(s: SessionState, e: ev.CheckInEdited) -> None:
    """The member's saved check-in, corrected (it keeps the time it was first saved)."""
    first = s.checkins[e.member_id]
    s.checkins[e.member_id] = CheckIn(
        member_id=e.member_id,
        at=first.at,
        values=dict(e.values),
        note=e.note,
        passed=e.passed,
        edited_at=e.at,
    )


def form_drafted(s: SessionState, e: ev.FormDrafted) -> None:
    """The open form's text as typed (none: the form was closed unsaved)."""
    s.draft = FormDraft(e.form, e.member_id, dict(e.fields), e.at) if e.fields else None


def action_undone(s: SessionState, e: ev.ActionUndone) -> None:
    """Nothing here: `handling.replay` leaves the undone events out, and the engine rebuilds
    its state by replaying when it records an undo."""


def homework_assigned(s: SessionState, e: ev.HomeworkAssigned) -> None:
    """New homework, given in this session."""
    s.homework[e.homework_id] = Homework(
        id=e.homework_id,
        text=e.text,
        member_ids=e.member_ids,
        carried=False,
        assigned_in=s.session_id,
        assigned_wall=e.wall,
        from_suggestion=e.from_suggestion,
    )


def homework_reviewed(s: SessionState, e: ev.HomeworkReviewed) -> None:
    """The homework's outcome for the member (or the group)."""
    s.homework[e.homework_id].reviews[e.member_id] = e.outcome


def note_added(s: SessionState, e: ev.NoteAdded) -> None:
    """A note is added."""
    s.notes.append(
        Note(id=e.note_id, at=e.at, text=e.text, phase_id=e.phase_id, member_id=e.member_id)
    )


def safety_flag_raised(s: SessionState, e: ev.SafetyFlagRaised) -> None:
    """A safety flag is raised, open until handled."""
    s.flags[e.flag_id] = SafetyFlag(
        id=e.flag_id,
        member_id=e.member_id,
        note=e.note,
        raised_in=s.session_id,
        raised_wall=e.wall,
        carried=False,
    )


def safety_flag_handled(s: SessionState, e: ev.SafetyFlagHandled) -> None:
    """The flag is marked handled."""
    f = s.flags[e.flag_id]
    f.handled, f.handled_note, f.handled_by, f.handled_wall = True, e.note, e.by, e.wall
