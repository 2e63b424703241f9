"""One session as a document: the group note, the session record and each member's progress
note; or one member's progress note alone (`member_id`)."""

from __future__ import annotations

from iop_facilitator.review.clinical_notes import ClinicalNote, status_line
from iop_facilitator.review.export.document import (
    Block,
    Document,
    Facts,
    Heading,
    PageBreak,
    Paragraph,
)
from iop_facilitator.review.export.session_record import record_blocks, record_facts
from iop_facilitator.review.note_text import split_sections
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.wording import day, when


def note_blocks(text: str, note: ClinicalNote, level: int = 3) -> list[Block]:
    """A note part as headed sections (Behavior, Intervention, ...) in reading order."""
    blocks: list[Block] = []
    for title, body in split_sections(text, note.format):
        if title:
            blocks.append(Heading(title, level))
        blocks.append(Paragraph(body or "—"))
    return blocks or [Paragraph("(No note was written.)")]


def _session_facts(summary: SessionSummary, note: ClinicalNote) -> Facts:
    pairs = record_facts(summary)
    pairs += [("Note format", note.format.value.upper()), ("Status", status_line(note))]
    return Facts(tuple(pairs))


def addenda_blocks(note: ClinicalNote) -> list[Block]:
    """The dated addenda of a final note, oldest first."""
    if not note.addenda:
        return []
    blocks: list[Block] = [Heading("Addenda", 2)]
    for a in note.addenda:
        blocks += [Heading(f"Addendum — {when(a.written)}, {a.by}", 3), Paragraph(a.text)]
    return blocks


def session_blocks(summary: SessionSummary, note: ClinicalNote) -> list[Block]:
    """A whole session's blocks (without a title), for one document or a range of them."""
    blocks: list[Block] = [_session_facts(summary, note)]
    blocks += [Heading(f"Group note ({note.format.value.upper()})", 2)]
    blocks += note_blocks(note.group_text, note)
    blocks += record_blocks(summary)
    blocks += addenda_blocks(note)
    for a in summary.attendance:
        if not a.attended:
            continue
        blocks += [PageBreak(), Heading(f"Progress note — {a.name}", 2)]
        blocks += note_blocks(note.member_texts.get(a.member_id, ""), note)
    return blocks


def session_document(summary: SessionSummary, note: ClinicalNote) -> Document:
    """The group note, the session record and every attendee's progress note."""
    title = f"Group note — {summary.group_name}, {day(summary.started)}"
    return Document(title, session_blocks(summary, note))


def member_note_document(summary: SessionSummary, note: ClinicalNote, member_id: str) -> Document:
    """One member's progress note for one session, naming no other member."""
    a = summary.member(member_id)
    facts = Facts(
        (
            ("Member", a.name + (f" ({a.pronouns})" if a.pronouns else "")),
            ("Group", summary.group_name),
            ("Agenda", summary.agenda_title),
            ("Date", when(summary.started)),
            ("Attendance", a.status.label),
            ("Note format", note.format.value.upper()),
            ("Status", status_line(note)),
        )
    )
    blocks: list[Block] = [facts]
    blocks += note_blocks(note.member_texts.get(member_id, ""), note, level=2)
    if note.addenda:
        blocks.append(
            Paragraph(
                f"This session's note has {len(note.addenda)} addend"
                f"{'um' if len(note.addenda) == 1 else 'a'}; see the whole session's export."
            )
        )
    return Document(f"Progress note — {a.name}, {day(summary.started)}", blocks)
