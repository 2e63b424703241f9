"""What a member's progress note says, as sentences each format arranges into its sections."""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.session.notes.words import (
    OUTCOME_WORDS,
    count,
    flag_words,
    given_words,
    homework_for,
    minutes_words,
    percent,
)
from iop_facilitator.session.summary import AttendanceLine, SessionSummary
from iop_facilitator.wording import full_stop, possessive

THERAPIST_OBSERVATIONS = "[Therapist: add your clinical observations.]"


@dataclass(frozen=True)
class MemberParts:
    """One member's facts in sentences (empty when there is nothing to say)."""

    facts: str  # who, attendance, which group and day, first session
    goals: str
    checkin: str
    participation: str
    reviewed: str  # homework reviewed and its outcome
    observed: str  # the facilitator's notes about the member
    flags: str
    intervention: str  # what the group did
    plan: str


def attendance_words(a: AttendanceLine) -> str:
    arrived = f" (arrived at minute {round(a.arrived_minute or 0)})"
    left = f" (left at minute {round(a.left_minute or 0)})"
    return {
        "present": "attended the whole session",
        "late": f"arrived late{arrived}",
        "left-early": f"left early{left}",
        "late-and-left-early": f"arrived late{arrived} and left early{left}",
        "absent": "was absent",
        "unmarked": "attendance was not recorded",
    }[a.status]


def _checkin_words(summary: SessionSummary, member_id: str) -> str:
    line = next((c for c in summary.checkins if c.member_id == member_id), None)
    if line is None:
        return "No check-in was recorded."
    if line.passed:
        return "Passed on the check-in." + (f' Note: "{line.note}".' if line.note else "")
    high = summary.checkin_scale[1] if summary.checkin_scale else None
    ratings = ", ".join(
        f"{name} {value}" + (f"/{high}" if high is not None else "")
        for name, value in line.values.items()
    )
    text = f"Check-in: {ratings}." if ratings else "Checked in."
    return text + (f' Note: "{line.note}".' if line.note else "")


def _participation_words(summary: SessionSummary, member_id: str) -> str:
    line = summary.speaker(member_id)
    if line is None or line.turns == 0:
        passes = line.passes if line else 0
        return "Did not speak in the group" + (
            f" (passed {count(passes, 'time')})." if passes else "."
        )
    times = "once" if line.turns == 1 else f"{line.turns} times"
    share = percent(line.member_share or 0.0)
    level = _participation_level(summary, line.member_share or 0.0)
    text = (
        f"Spoke {times}, {minutes_words(line.airtime_seconds)}, {share} of member time "
        f"({level}); longest share {minutes_words(line.longest_turn_seconds)}."
    )
    if line.passes:
        text += f" Passed {count(line.passes, 'time')}."
    return text


def _participation_level(summary: SessionSummary, share: float) -> str:
    attended = sum(1 for a in summary.attendance if a.attended)
    fair = 1 / attended if attended else 0.0
    if share >= 1.5 * fair:
        return "more than an even share"
    if share >= 0.6 * fair:
        return "about an even share"
    return "less than an even share"


def _reviewed_words(summary: SessionSummary, member_id: str) -> str:
    parts = []
    for h in homework_for(summary.homework_reviewed, member_id):
        outcome = h.outcomes.get(member_id) or h.outcomes.get("group") or "not-reviewed"
        parts.append(f'"{h.text}": {OUTCOME_WORDS.get(outcome, outcome)}')
    return ("Homework review: " + "; ".join(parts) + ".") if parts else ""


def member_parts(summary: SessionSummary, a: AttendanceLine) -> MemberParts:
    """The sentences of `a`'s progress note, from the session's summary."""
    who = a.name + (f" ({a.pronouns})" if a.pronouns else "")
    date = summary.started.date().isoformat()
    first = f" This was {possessive(a.name, a.pronouns)} first session." if a.first_time else ""
    notes = [n.text for n in summary.notes if n.member_id == a.member_id]
    flags = [f for f in summary.flags if f.member_id == a.member_id]
    plan = " ".join(
        x
        for x in (
            given_words(homework_for(summary.homework_given, a.member_id)),
            "Follow up on the open safety concern before the next session."
            if any(not f.handled for f in flags)
            else "",
            "Continue in group.",
        )
        if x
    )
    return MemberParts(
        facts=(
            f"{who} {attendance_words(a)} of {summary.group_name} ({summary.agenda_title}) "
            f"on {date}.{first}"
        ),
        goals=full_stop("Personal goals: " + "; ".join(a.goals)) if a.goals else "",
        checkin=_checkin_words(summary, a.member_id),
        participation=_participation_words(summary, a.member_id),
        reviewed=_reviewed_words(summary, a.member_id),
        observed=("Observations: " + " ".join(notes)) if notes else "",
        flags=flag_words(flags, name=a.name),
        intervention=full_stop(
            f"Group {summary.agenda_kind} session: "
            + ", ".join(p.title for p in summary.phases if p.actual_minutes > 0)
        ),
        plan=plan,
    )
