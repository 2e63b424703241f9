"""BIRP (Behavior, Intervention, Response, Plan): the default format."""

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
        NoteSection("Behavior", join(*g.facts)),
        NoteSection("Intervention", join(*g.intervention)),
        NoteSection("Response", join(*g.response)),
        NoteSection("Plan", join(*g.plan)),
    )


def _member(summary: SessionSummary, a: AttendanceLine) -> tuple[NoteSection, ...]:
    m = member_parts(summary, a)
    return (
        NoteSection("Behavior", join(*m.behavior)),
        NoteSection("Intervention", join(*m.intervention)),
        NoteSection("Response", join(*m.response)),
        NoteSection("Plan", join(*m.plan)),
    )


spec = NoteFormatSpec(
    format=NoteFormat.BIRP,
    titles=("Behavior", "Intervention", "Response", "Plan"),
    group_sections=_group,
    member_sections=_member,
)
