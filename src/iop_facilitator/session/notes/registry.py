"""Every note format by its `NoteFormat`, and the one function that drafts a note in any."""

from __future__ import annotations

from iop_facilitator.session.notes import birp, dap, soap
from iop_facilitator.session.notes.draft import MemberNoteDraft, NoteDraft, NoteSection
from iop_facilitator.session.notes.formats import NoteFormat
from iop_facilitator.session.notes.spec import NoteFormatSpec
from iop_facilitator.session.notes.words import mask_others
from iop_facilitator.session.summary import AttendanceLine, SessionSummary

FORMATS: dict[NoteFormat, NoteFormatSpec] = {
    NoteFormat.BIRP: birp.spec,
    NoteFormat.DAP: dap.spec,
    NoteFormat.SOAP: soap.spec,
}


def note_format(fmt: NoteFormat | str) -> NoteFormatSpec:
    """The format module's spec of `fmt` (a `NoteFormat` or its value, e.g. "dap"); raises
    ValueError for a format nobody registered."""
    return FORMATS[NoteFormat(fmt)]


def section_titles(fmt: NoteFormat | str) -> tuple[str, ...]:
    """The section titles of `fmt`, in order (e.g. BIRP: Behavior, Intervention, ...)."""
    return note_format(fmt).titles


def _member_draft(
    summary: SessionSummary, a: AttendanceLine, spec: NoteFormatSpec
) -> MemberNoteDraft:
    # A member's note may be released to that member: every other member's name becomes
    # initials, whatever the format wrote.
    sections = tuple(
        NoteSection(s.title, mask_others(s.text, summary, a.member_id))
        for s in spec.member_sections(summary, a)
    )
    return MemberNoteDraft(member_id=a.member_id, name=a.name, sections=sections)


def note_draft(summary: SessionSummary, style: NoteFormat | str = NoteFormat.BIRP) -> NoteDraft:
    """The draft notes of a session in `style` (BIRP by default): the group note, then one
    progress note per member who attended."""
    spec = note_format(style)
    title = (
        f"Group note ({spec.format.value.upper()}) — {summary.group_name}, {summary.started.date()}"
    )
    return NoteDraft(
        style=spec.format,
        title=title,
        group_sections=spec.group_sections(summary),
        members=tuple(_member_draft(summary, a, spec) for a in summary.attendance if a.attended),
    )
