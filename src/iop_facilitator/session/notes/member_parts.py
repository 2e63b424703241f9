"""What a member's progress note says, as sentences each format arranges into its sections.

Every sentence is drafted from what was recorded about this member — their attendance, their
check-in against their last session, where they shared, the facilitator's notes and flags
about them, their homework and its outcome, their goals — so that two members' notes differ
wherever their sessions did (payers deny group claims whose notes are clones). Only what the
clinician alone can add is left as a short placeholder that names the member.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.session.notes.member_words import (
    and_,
    attendance_sentence,
    baseline,
    checkin_changes,
    checkin_sentence,
    engagement_sentence,
    participation_sentence,
    phases_present,
    roles,
    times,
    turns_in,
)
from iop_facilitator.session.notes.words import OUTCOME_WORDS, flag_words, homework_for
from iop_facilitator.session.summary import AttendanceLine, PhaseLine, SessionSummary
from iop_facilitator.wording import full_stop, possessive


@dataclass(frozen=True)
class MemberParts:
    """One member's note in sentences, by what they are about (empty lines are left out)."""

    behavior: tuple[str, ...]  # attendance, check-in, participation, facilitator's notes
    subjective: tuple[str, ...]  # what the member said: check-in, homework reported
    objective: tuple[str, ...]  # what was seen and done: attendance, participation, notes, work
    intervention: tuple[str, ...]  # the group's work as it applied to this member
    response: tuple[str, ...]  # how they responded, and the clinician's placeholder
    plan: tuple[str, ...]


def _observed(summary: SessionSummary, member_id: str) -> list[str]:
    found = []
    for n in summary.notes:
        if n.member_id != member_id:
            continue
        where = f" during {n.phase_title}" if n.phase_title else ""
        found.append(full_stop(f"Facilitator observed{where}: {n.text.strip()}"))
    return found


def _reviewed(summary: SessionSummary, member_id: str) -> list[tuple[str, str]]:
    """(homework text, outcome) of the homework reviewed with this member."""
    found = []
    for h in homework_for(summary.homework_reviewed, member_id):
        outcome = h.outcomes.get(member_id) or h.outcomes.get("group") or "not-reviewed"
        found.append((h.text, outcome))
    return found


REVIEWED = "Reviewed homework"
VERBS = {"topic": "Taught", "exercise": "Practised"}  # other kinds: "Worked on"
TAUGHT = {"shared": "practised it aloud in the group", "listened": "did not practise it aloud"}
DONE = {"shared": "took part aloud", "listened": "listened without sharing aloud"}


def _skill_sentence(p: PhaseLine, role: str) -> str:
    """What a phase taught (the agenda's `skill` and `objective`) and the member's part in
    it: "Taught STOP and TIPP, to get through an intense moment; practised it aloud in the
    group." A phase whose turns nobody took (a silent exercise) says nothing of their part."""
    verb = VERBS.get(p.kind, "Worked on")
    what = p.skill or p.title
    together = " together" if p.kind == "exercise" else ""
    aim = f", {p.objective.rstrip('.')}" if p.objective else ""
    words = TAUGHT if p.kind == "topic" else DONE
    part = words.get(role, "passed when invited to share" if role.startswith("passed") else "")
    return f"{verb} {what}{together}{aim}" + (f"; {part}." if part else ".")


def _intervention(summary: SessionSummary, a: AttendanceLine) -> list[str]:
    present = phases_present(summary, a)
    lines = []
    if present:
        took = and_([f"{p.title} ({role})" if role else p.title for p, role in roles(summary, a)])
        lines.append(f"Took part in {summary.agenda_kind} group work: {took}.")
    else:
        lines.append(f"Was present for the {summary.agenda_kind} group; no phase was run.")
    for p, role in roles(summary, a):
        if p.skill or p.objective:
            lines.append(_skill_sentence(p, role))
    for text, outcome in _reviewed(summary, a.member_id):
        lines.append(f'{REVIEWED} "{text}": {OUTCOME_WORDS.get(outcome, outcome)}.')
    for f in summary.flags:
        if f.member_id == a.member_id and f.handled:
            done = f": {f.handled_note.rstrip('.')}" if f.handled_note else ""
            lines.append(f"Safety follow-up done{done}.")
    if a.goals:
        lines.append(full_stop("Treatment goals addressed: " + "; ".join(a.goals)))
    return lines


def _response(summary: SessionSummary, a: AttendanceLine) -> list[str]:
    lines = []
    for field, before, now in checkin_changes(summary, a.member_id):
        way = "higher" if now > before else "lower"
        lines.append(f"Reported {field} {way} than at the last session ({before} to {now}).")
    first = baseline(summary, a.member_id)
    if first:
        ratings = " and ".join(f"{k} {v}" for k, v in first.items())
        lines.append(f"Baseline ratings for comparison in later sessions: {ratings}.")
    lines.append(engagement_sentence(summary, a))
    spoke = turns_in(summary, a.member_id)
    last = summary.last_session(a.member_id)
    if last is not None:
        if spoke > last.turns:
            lines.append(
                f"Took a more active part than at the last session (spoke {times(spoke)}, "
                f"against {times(last.turns) if last.turns else 'not at all'})."
            )
        elif spoke < last.turns:
            said = times(spoke) if spoke else "not at all"
            lines.append(
                f"Quieter than at the last session (spoke {said}, against {times(last.turns)})."
            )
        elif spoke:
            lines.append("Took part about as actively as at the last session.")
    outcomes = [o for _t, o in _reviewed(summary, a.member_id)]
    if "done" in outcomes:
        lines.append("Followed through on the homework.")
    elif "not-done" in outcomes or "partly" in outcomes:
        lines.append("Follow-through on the homework was incomplete.")
    flags = [f for f in summary.flags if f.member_id == a.member_id]
    if flags:
        lines.append(flag_words(flags, name=a.name))
    lines.append(f"[Therapist: add your impression of {possessive(a.name, a.pronouns)} response.]")
    return lines


def _plan(summary: SessionSummary, a: AttendanceLine) -> list[str]:
    lines = []
    own = []
    given = []
    for h in homework_for(summary.homework_given, a.member_id):
        whose = "assigned to this member" if h.member_ids else "the group's assignment"
        given.append(f'"{h.text.rstrip(".")}" ({whose})')
        own += [h.text] if h.member_ids else []
    if given:
        lines.append("Homework before next session: " + "; ".join(given) + ".")
    for text, outcome in _reviewed(summary, a.member_id):
        if outcome in ("partly", "not-done"):
            own.append(text)
            lines.append(f'Revisit "{text.rstrip(".")}" ({OUTCOME_WORDS[outcome]}).')
        elif outcome == "not-reviewed":
            own.append(text)
            lines.append(f'Review "{text.rstrip(".")}" next session (not reviewed this time).')
    checkin = next((c for c in summary.checkins if c.member_id == a.member_id), None)
    if checkin is not None and checkin.passed:
        own.append("ratings")
        lines.append("Offer the check-in ratings again next session.")
    for phase, role in roles(summary, a):
        if (phase.skill or phase.objective) and role in ("listened", "passed when invited"):
            own.append(phase.phase_id)
            lines.append(f"Invite to practise {phase.skill or phase.title} aloud next session.")
    for field, before, now in checkin_changes(summary, a.member_id):
        own.append(field)
        lines.append(f"Check {field} at the next check-in (moved from {before} to {now}).")
    first = baseline(summary, a.member_id)
    if first:
        own.append("baseline")
        fields = " and ".join(first)
        values = " and ".join(str(v) for v in first.values())
        lines.append(f"Compare {fields} at the next check-in with today's ({values}).")
    for f in summary.flags:
        if f.member_id == a.member_id and not f.handled:
            own.append(f.note)
            lines.append(
                f"Follow up on the open safety concern ({f.note.rstrip('.')}) before the next "
                "session."
            )
    if not turns_in(summary, a.member_id):
        own.append("invite")
        lines.append("Invite to share early in the next session.")
    if a.goals:
        own.append("goals")
        lines.append(full_stop("Next session, keep working toward: " + "; ".join(a.goals)))
    if own:
        lines.append("Continue in group.")
    else:
        lines.append(f"[Therapist: add {possessive(a.name, a.pronouns)} plan.]")
    return lines


def member_parts(summary: SessionSummary, a: AttendanceLine) -> MemberParts:
    """The sentences of `a`'s progress note, from the session's summary."""
    attendance = attendance_sentence(summary, a)
    if a.first_time:
        attendance += f" This was {possessive(a.name, a.pronouns)} first session."
    checkin = checkin_sentence(summary, a.member_id)
    participation = participation_sentence(summary, a)
    observed = _observed(summary, a.member_id)
    intervention = tuple(_intervention(summary, a))
    reported = [
        f'Reported on homework "{text}": {OUTCOME_WORDS.get(outcome, outcome)}.'
        for text, outcome in _reviewed(summary, a.member_id)
    ]
    return MemberParts(
        behavior=(attendance, checkin, participation, *observed),
        subjective=(checkin, *reported),
        # SOAP gives the homework review in the member's words (Subjective), so its Objective
        # takes the intervention without it.
        objective=(
            attendance,
            participation,
            *observed,
            *(x for x in intervention if not x.startswith(REVIEWED)),
        ),
        intervention=intervention,
        response=tuple(_response(summary, a)),
        plan=tuple(_plan(summary, a)),
    )
