"""DAP (Data, Assessment, Plan)."""

from __future__ import annotations

from iop_facilitator.session.notes.draft import NoteSection
from iop_facilitator.session.notes.formats import NoteFormat
from iop_facilitator.session.notes.group_parts import group_parts
from iop_facilitator.session.notes.member_parts import member_parts
from iop_facilitator.session.notes.spec import NoteFormatSpec
from iop_facilitator.session.notes.words import join
from iop_facilitator.session.summary import AttendanceLine, SessionSummary


def _group(summary: SessionSummary) -> tuple[NoteSection, ...]:
    g = group_parts(summary)
    return (
        NoteSection("Data", join(*g.facts, *g.intervention)),
        NoteSection("Assessment", join(*g.response, "[Therapist: add your assessment.]")),
        NoteSection("Plan", join(*g.plan)),
    )


def _member(summary: SessionSummary, a: AttendanceLine) -> tuple[NoteSection, ...]:
    m = member_parts(summary, a)
    return (
        NoteSection("Data", join(*m.behavior, *m.intervention)),
        NoteSection("Assessment", join(*m.response)),
        NoteSection("Plan", join(*m.plan)),
    )


spec = NoteFormatSpec(
    format=NoteFormat.DAP,
    titles=("Data", "Assessment", "Plan"),
    group_sections=_group,
    member_sections=_member,
)
