"""SOAP (Subjective, Objective, Assessment, Plan), for clinics that chart in SOAP."""

from __future__ import annotations

from iop_facilitator.session.group_facts import group_facts
from iop_facilitator.session.notes.draft import NoteSection
from iop_facilitator.session.notes.formats import NoteFormat
from iop_facilitator.session.notes.member_parts import member_parts
from iop_facilitator.session.notes.spec import NoteFormatSpec
from iop_facilitator.session.notes.words import OUTCOME_WORDS, given_to, join, lines
from iop_facilitator.session.summary import AttendanceLine, SessionSummary
from iop_facilitator.wording import equity, full_stop


def _member(summary: SessionSummary, a: AttendanceLine) -> tuple[NoteSection, ...]:
    m = member_parts(summary, a)
    return (
        NoteSection("Subjective", join(*m.subjective)),
        NoteSection("Objective", join(*m.objective)),
        NoteSection("Assessment", join(*m.response)),
        NoteSection("Plan", join(*m.plan)),
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
        f"{equity(summary.equity_gini)}.",
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
