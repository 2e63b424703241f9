"""SOAP (Subjective, Objective, Assessment, Plan), for clinics that chart in SOAP."""

from __future__ import annotations

from iop_facilitator.session.group_facts import group_facts
from iop_facilitator.session.notes.draft import NoteSection
from iop_facilitator.session.notes.formats import NoteFormat
from iop_facilitator.session.notes.spec import NoteFormatSpec
from iop_facilitator.session.notes.words import OUTCOME_WORDS, given_to, lines, minutes_words
from iop_facilitator.session.summary import AttendanceLine, SessionSummary
from iop_facilitator.wording import full_stop, possessive

ATTENDANCE_WORDS = {
    "present": "attended the whole session",
    "late": "arrived late",
    "left-early": "left early",
    "late-and-left-early": "arrived late and left early",
}


def _checkin(summary: SessionSummary, member_id: str) -> str:
    line = next((c for c in summary.checkins if c.member_id == member_id), None)
    if line is None:
        return "No check-in was recorded."
    whose = possessive(summary.member(member_id).name, summary.member(member_id).pronouns)
    said = f' In {whose} words: "{line.note}".' if line.note else ""
    if line.passed:
        return "Passed on the check-in." + said
    high = f"/{summary.checkin_scale[1]}" if summary.checkin_scale else ""
    ratings = ", ".join(f"{k} {v}{high}" for k, v in line.values.items())
    return f"Check-in ratings: {ratings}." + said


def _homework_reviewed(summary: SessionSummary, member_id: str) -> str:
    parts = [
        f'"{h.text}": {OUTCOME_WORDS.get(o, o)}'
        for h in summary.homework_reviewed
        if not h.member_ids or member_id in h.member_ids
        if (o := h.outcomes.get(member_id) or h.outcomes.get("group"))
    ]
    return ("Homework reported: " + "; ".join(parts) + ".") if parts else ""


def _participation(summary: SessionSummary, member_id: str) -> str:
    line = summary.speaker(member_id)
    if line is None or line.turns == 0:
        return "Did not speak in the group."
    times = "once" if line.turns == 1 else f"{line.turns} times"
    share = round((line.member_share or 0.0) * 100)
    return f"Spoke {times}, {minutes_words(line.airtime_seconds)}, {share}% of member time."


def _member(summary: SessionSummary, a: AttendanceLine) -> tuple[NoteSection, ...]:
    date = summary.started.date().isoformat()
    observed = [n.text for n in summary.notes if n.member_id == a.member_id]
    flags = [f for f in summary.flags if f.member_id == a.member_id]
    given = [
        h.text for h in summary.homework_given if not h.member_ids or a.member_id in h.member_ids
    ]
    return (
        NoteSection(
            "Subjective",
            lines(_checkin(summary, a.member_id), _homework_reviewed(summary, a.member_id)),
        ),
        NoteSection(
            "Objective",
            lines(
                f"{a.name} {ATTENDANCE_WORDS.get(a.status, a.status)} of {summary.group_name} "
                f"({summary.agenda_title}) on {date}.",
                _participation(summary, a.member_id),
                ("Observations: " + " ".join(observed)) if observed else "",
            ),
        ),
        NoteSection(
            "Assessment",
            lines(
                *(
                    f"SAFETY — {f.note} [{'handled' if f.handled else 'OPEN: follow up'}]"
                    for f in flags
                ),
                "[Therapist: add your assessment.]",
            ),
        ),
        NoteSection(
            "Plan",
            lines(
                ("Homework: " + "; ".join(f'"{t}"' for t in given) + ".") if given else "",
                "Follow up on the open safety concern before the next session."
                if any(not f.handled for f in flags)
                else "",
                "Continue in group.",
            ),
        ),
    )


def _group(summary: SessionSummary) -> tuple[NoteSection, ...]:
    initials = {a.member_id: a.initials for a in summary.attendance}
    shared = group_facts(summary)
    subjective = shared.checkin_sentences()
    quiet = [initials[m] for m in summary.not_spoken if m in initials]
    objective = [
        f"{summary.group_name}: {summary.agenda_title} ({summary.agenda_kind}), "
        f"{summary.started.date().isoformat()}, {round(summary.elapsed_minutes)} of "
        f"{summary.planned_minutes} planned minutes.",
        shared.attendance_sentence(),
        f"Facilitator share of speaking time: {round(summary.facilitator_share * 100)}%; "
        f"equity index {summary.equity_gini:.2f} (0 = equal airtime).",
        full_stop(f"Did not speak: {', '.join(quiet)}") if quiet else "Every member present spoke.",
    ]
    reviewed = [
        f'Homework "{h.text}": '
        + ", ".join(
            f"{initials.get(k, 'group')} {OUTCOME_WORDS.get(v, v)}" for k, v in h.outcomes.items()
        )
        + "."
        for h in summary.homework_reviewed
        if h.outcomes
    ]
    open_flags = [initials.get(f.member_id, "?") for f in summary.flags if not f.handled]
    given = [
        f'"{h.text}"' + (f" (for {given_to(h, initials)})" if h.member_ids else "")
        for h in summary.homework_given
    ]
    return (
        NoteSection("Subjective", lines(*subjective) or "No check-in was recorded."),
        NoteSection("Objective", lines(*objective)),
        NoteSection("Assessment", lines(*reviewed, "[Therapist: add your assessment.]")),
        NoteSection(
            "Plan",
            lines(
                full_stop("Homework: " + "; ".join(given))
                if given
                else "No homework was assigned.",
                full_stop("Open safety concerns to follow up: " + ", ".join(open_flags))
                if open_flags
                else "",
                "[Therapist: add the plan for the next session.]",
            ),
        ),
    )


spec = NoteFormatSpec(
    format=NoteFormat.SOAP,
    titles=("Subjective", "Objective", "Assessment", "Plan"),
    group_sections=_group,
    member_sections=_member,
)
