"""What the group note of BIRP and DAP says, as lines each of them arranges into sections."""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.session.group_facts import group_facts
from iop_facilitator.session.notes.words import (
    OUTCOME_WORDS,
    given_words,
    mask_others,
    minutes_words,
)
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.wording import equity, percent


@dataclass(frozen=True)
class GroupParts:
    """The group note's lines: what happened, what the facilitator did, the response, plan."""

    facts: tuple[str, ...]
    intervention: tuple[str, ...]
    response: tuple[str, ...]
    plan: tuple[str, ...]


def group_parts(summary: SessionSummary) -> GroupParts:
    """The group note's lines, every member named by initials only."""
    initials = {a.member_id: a.initials for a in summary.attendance}
    shared = group_facts(summary)
    date = summary.started.date().isoformat()
    facts = [
        f"{summary.group_name}: {summary.agenda_title} ({summary.agenda_kind}), {date}, "
        f"{round(summary.elapsed_minutes)} of {summary.planned_minutes} planned minutes.",
        shared.attendance_sentence(),
        *shared.checkin_sentences(),
    ]
    group_notes = [n.text for n in summary.notes if n.member_id is None]
    if group_notes:
        # The group note names nobody: every member appears as initials.
        facts.append("Notes: " + mask_others(" ".join(group_notes), summary, member_id=""))
    phases = "; ".join(
        f"{p.title} {round(p.actual_minutes)} of {round(p.planned_minutes)} min"
        for p in summary.phases
        if p.status in ("done", "running")
    )
    skipped = [p.title for p in summary.phases if p.status == "skipped"]
    unreached = [p.title for p in summary.phases if p.status == "planned"]
    intervention = (
        f"Phases: {phases}." if phases else "",
        f"Skipped: {', '.join(skipped)}." if skipped else "",
        f"Not reached: {', '.join(unreached)}." if unreached else "",
        "Confidentiality reminder given." if summary.reminders_given else "",
        "Group norms reviewed." if summary.norms_reviewed else "",
        f"Facilitator share of speaking time: {percent(summary.facilitator_share)}.",
    )
    quiet = [initials[m] for m in summary.not_spoken]
    response = [
        f"Members spoke {minutes_words(summary.member_airtime_seconds)} in all; "
        f"{equity(summary.equity_gini)}.",
        f"Did not speak: {', '.join(quiet)}" if quiet else "Every member present spoke.",
    ]
    for h in summary.homework_reviewed:
        outcomes = ", ".join(
            f"{initials.get(k, 'group') if k != 'group' else 'group'} {OUTCOME_WORDS.get(v, v)}"
            for k, v in h.outcomes.items()
        )
        response.append(f'Homework "{h.text}": {outcomes or "not reviewed"}.')
    open_flags = [f for f in summary.flags if not f.handled]
    plan = (
        given_words(list(summary.homework_given), initials),
        "Open safety concerns to follow up: "
        + ", ".join(initials.get(f.member_id, "?") for f in open_flags)
        if open_flags
        else "",
        "[Therapist: add the plan for the next session.]",
    )
    return GroupParts(tuple(facts), intervention, tuple(response), plan)
