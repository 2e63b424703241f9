"""Draft clinical notes from a session summary: a group note and one progress note per member.

Formats: BIRP (Behavior, Intervention, Response, Plan; the default) and DAP (Data, Assessment,
Plan). The drafts state what the events show, in plain sentences, for the therapist to finish;
they never invent clinical judgement. Privacy rule: the group note names members by initials
only; a member's own progress note names that member and no other member at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from iop_facilitator.session.group_facts import group_facts
from iop_facilitator.session.summary import (
    AttendanceLine,
    FlagLine,
    HomeworkLine,
    SessionSummary,
)
from iop_facilitator.wording import equity, full_stop, percent, possessive

NoteStyle = Literal["birp", "dap"]

SECTION_TITLES: dict[NoteStyle, tuple[str, ...]] = {
    "birp": ("Behavior", "Intervention", "Response", "Plan"),
    "dap": ("Data", "Assessment", "Plan"),
}

OUTCOME_WORDS = {
    "done": "done",
    "partly": "partly done",
    "not-done": "not done",
    "not-reviewed": "not reviewed",
}


@dataclass(frozen=True)
class NoteSection:
    title: str
    text: str


@dataclass(frozen=True)
class MemberNoteDraft:
    """One member's progress-note draft (names only that member)."""

    member_id: str
    name: str
    sections: tuple[NoteSection, ...]

    @property
    def text(self) -> str:
        return _render(f"Progress note — {self.name}", self.sections)


@dataclass(frozen=True)
class NoteDraft:
    """The group note once, then a progress note per member who attended."""

    style: NoteStyle
    group_sections: tuple[NoteSection, ...]
    members: tuple[MemberNoteDraft, ...]
    title: str

    @property
    def group_text(self) -> str:
        return _render(self.title, self.group_sections)

    @property
    def text(self) -> str:
        """The whole draft as plain text (group note, then each member's note)."""
        return "\n\n".join([self.group_text, *(m.text for m in self.members)])

    def member(self, member_id: str) -> MemberNoteDraft:
        for m in self.members:
            if m.member_id == member_id:
                return m
        raise KeyError(member_id)


def _render(title: str, sections: tuple[NoteSection, ...]) -> str:
    body = "\n\n".join(f"{s.title}:\n{s.text}" for s in sections)
    return f"{title}\n{'=' * len(title)}\n\n{body}"


def minutes_words(seconds: float) -> str:
    """A duration in words a note can use: "45 s", "7 min", "1 h 05 min"."""
    if seconds < 60:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _attendance_words(a: AttendanceLine) -> str:
    # As a clinician writes it: "arrived late, at minute 2".
    arrived = f"arrived late, at minute {round(a.arrived_minute or 0)}"
    left = f"left early, at minute {round(a.left_minute or 0)}"
    return {
        "present": "attended the whole session",
        "late": arrived,
        "left-early": left,
        "late-and-left-early": f"{arrived}, and {left}",
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
            f" (passed {_count(passes, 'time')})." if passes else "."
        )
    times = "once" if line.turns == 1 else f"{line.turns} times"
    share = percent(line.member_share or 0.0)
    level = _participation_level(summary, line.member_share or 0.0)
    text = (
        f"Spoke {times}, {minutes_words(line.airtime_seconds)}, {share} of member time "
        f"({level}); longest share {minutes_words(line.longest_turn_seconds)}."
    )
    if line.passes:
        text += f" Passed {_count(line.passes, 'time')}."
    return text


def _participation_level(summary: SessionSummary, share: float) -> str:
    attended = sum(1 for a in summary.attendance if a.attended)
    fair = 1 / attended if attended else 0.0
    if share >= 1.5 * fair:
        return "more than an even share"
    if share >= 0.6 * fair:
        return "about an even share"
    return "less than an even share"


def _homework_for(lines: tuple[HomeworkLine, ...], member_id: str) -> list[HomeworkLine]:
    return [
        h
        for h in lines
        if (not h.member_ids or member_id in h.member_ids) and member_id not in h.not_due_from
    ]


def _reviewed_words(summary: SessionSummary, member_id: str) -> str:
    parts = []
    for h in _homework_for(summary.homework_reviewed, member_id):
        outcome = h.outcomes.get(member_id) or h.outcomes.get("group") or "not-reviewed"
        parts.append(f'"{h.text}": {OUTCOME_WORDS.get(outcome, outcome)}')
    return ("Homework review: " + "; ".join(parts) + ".") if parts else ""


def given_to(h: HomeworkLine, names: Mapping[str, str]) -> str:
    """Whom homework was given to, by `names` (e.g. initials): "M.L. and J.T.", or "" when it
    was given to the whole group."""
    who = [names.get(m, "?") for m in h.member_ids]
    if len(who) <= 1:
        return "".join(who)
    return f"{', '.join(who[:-1])} and {who[-1]}"


def _given_words(lines: list[HomeworkLine], names: Mapping[str, str] | None = None) -> str:
    """The homework given; with `names` (the group note), homework given to some members only
    says whom it is for, so it never reads as the group's."""
    if not lines:
        return "No homework was assigned."
    parts = [
        f'"{h.text}"' + (f" (for {given_to(h, names)})" if names and h.member_ids else "")
        for h in lines
    ]
    return full_stop("Homework: " + "; ".join(parts))


def _flag_words(flags: list[FlagLine], *, name: str | None) -> str:
    parts = []
    for f in flags:
        who = f"{name}: " if name else ""
        state = f"handled ({f.handled_note})" if f.handled and f.handled_note else "handled"
        parts.append(f"SAFETY — {who}{f.note} [{state if f.handled else 'OPEN: follow up'}]")
    return "\n".join(parts)


def _member_notes(summary: SessionSummary, member_id: str) -> str:
    notes = [n.text for n in summary.notes if n.member_id == member_id]
    return ("Observations: " + " ".join(notes)) if notes else ""


def mask_others(text: str, summary: SessionSummary, member_id: str) -> str:
    """`text` with every other member's name (full, or first name alone) put as initials.

    Free text written during the session often names others ("Maria coached Aisha"); a
    member's own note may be released to that member, so others appear only as initials.
    """
    for a in summary.attendance:
        if a.member_id == member_id:
            continue
        names = [a.name]
        first = a.name.split()[0] if a.name.split() else ""
        if len(first) >= 3 and first.rstrip(".") == first:
            names.append(first)
        for name in names:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", a.initials, text)
    return text


def _member_draft(summary: SessionSummary, a: AttendanceLine, style: NoteStyle) -> MemberNoteDraft:
    who = a.name + (f" ({a.pronouns})" if a.pronouns else "")
    date = summary.started.date().isoformat()
    first = f" This was {possessive(a.name, a.pronouns)} first session." if a.first_time else ""
    facts = (
        f"{who} {_attendance_words(a)} of {summary.group_name} ({summary.agenda_title}) "
        f"on {date}.{first}"
    )
    goals = full_stop("Personal goals: " + "; ".join(a.goals)) if a.goals else ""
    checkin = _checkin_words(summary, a.member_id)
    participation = _participation_words(summary, a.member_id)
    reviewed = _reviewed_words(summary, a.member_id)
    observed = _member_notes(summary, a.member_id)
    flags = _flag_words([f for f in summary.flags if f.member_id == a.member_id], name=a.name)
    given = _given_words(_homework_for(summary.homework_given, a.member_id))
    finish = "[Therapist: add your clinical observations.]"
    plan = " ".join(
        x
        for x in (
            given,
            "Follow up on the open safety concern before the next session."
            if any(not f.handled for f in summary.flags if f.member_id == a.member_id)
            else "",
            "Continue in group.",
        )
        if x
    )
    sections: tuple[NoteSection, ...]
    if style == "birp":
        sections = (
            NoteSection("Behavior", _join(facts, checkin, participation, observed)),
            NoteSection(
                "Intervention",
                _join(
                    full_stop(
                        f"Group {summary.agenda_kind} session: "
                        + ", ".join(p.title for p in summary.phases if p.actual_minutes > 0)
                    ),
                    goals,
                ),
            ),
            NoteSection("Response", _join(reviewed, flags, finish)),
            NoteSection("Plan", plan),
        )
    else:
        sections = (
            NoteSection("Data", _join(facts, checkin, participation, reviewed, observed)),
            NoteSection("Assessment", _join(goals, flags, finish)),
            NoteSection("Plan", plan),
        )
    masked = tuple(
        NoteSection(x.title, mask_others(x.text, summary, a.member_id)) for x in sections
    )
    return MemberNoteDraft(member_id=a.member_id, name=a.name, sections=masked)


def _join(*parts: str) -> str:
    """Lines joined, each ending with one full stop (initials already end with one)."""
    return "\n".join(p if p.endswith((".", "]")) else p + "." for p in parts if p)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _group_sections(summary: SessionSummary, style: NoteStyle) -> tuple[NoteSection, ...]:
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
    intervention = [
        f"Phases: {phases}." if phases else "",
        f"Skipped: {', '.join(skipped)}." if skipped else "",
        f"Not reached: {', '.join(unreached)}." if unreached else "",
        "Confidentiality reminder given." if summary.reminders_given else "",
        "Group norms reviewed." if summary.norms_reviewed else "",
        f"Facilitator share of speaking time: {percent(summary.facilitator_share)}.",
    ]
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
    plan = [
        _given_words(list(summary.homework_given), initials),
        "Open safety concerns to follow up: "
        + ", ".join(initials.get(f.member_id, "?") for f in open_flags)
        if open_flags
        else "",
        "[Therapist: add the plan for the next session.]",
    ]
    if style == "birp":
        return (
            NoteSection("Behavior", _join(*facts)),
            NoteSection("Intervention", _join(*intervention)),
            NoteSection("Response", _join(*response)),
            NoteSection("Plan", _join(*plan)),
        )
    return (
        NoteSection("Data", _join(*facts, *intervention)),
        NoteSection("Assessment", _join(*response, "[Therapist: add your assessment.]")),
        NoteSection("Plan", _join(*plan)),
    )


def note_draft(summary: SessionSummary, style: NoteStyle = "birp") -> NoteDraft:
    """The draft notes of a session in `style` (BIRP by default, or DAP)."""
    if style not in SECTION_TITLES:
        raise ValueError(f"unknown note style {style!r}")
    title = f"Group note ({style.upper()}) — {summary.group_name}, {summary.started.date()}"
    return NoteDraft(
        style=style,
        title=title,
        group_sections=_group_sections(summary, style),
        members=tuple(_member_draft(summary, a, style) for a in summary.attendance if a.attended),
    )
