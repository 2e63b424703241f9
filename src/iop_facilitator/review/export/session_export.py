"""One session as a document: the group note, the session record and each member's progress
note; or one member's progress note alone (`member_id`)."""

from __future__ import annotations

from collections.abc import Mapping

from iop_facilitator.review.archive import FlagHandling
from iop_facilitator.review.clinical_notes import PLACEHOLDER, ClinicalNote, status_line
from iop_facilitator.review.export.document import (
    Block,
    Document,
    Facts,
    Heading,
    PageBreak,
    Paragraph,
)
from iop_facilitator.review.export.session_record import (
    record_blocks,
    record_facts,
    service_times,
)
from iop_facilitator.review.note_text import split_sections
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.wording import day, minutes, when


def marked(text: str) -> str:
    """`text` with every draft placeholder marked as not filled in: a placeholder never
    reaches an export looking like finished clinical text."""
    return PLACEHOLDER.sub(lambda m: f"[NOT FILLED IN — {m.group(0)[1:-1]}]", text)


def note_blocks(text: str, note: ClinicalNote, level: int = 3) -> list[Block]:
    """A note part as headed sections (Behavior, Intervention, ...) in reading order, its
    placeholders marked."""
    blocks: list[Block] = []
    for title, body in split_sections(text, note.format):
        if title:
            blocks.append(Heading(title, level))
        blocks.append(Paragraph(marked(body) or "—"))
    return blocks or [Paragraph("(No note was written.)")]


def attended_words(summary: SessionSummary, member_id: str) -> str:
    """ "88 of 92 minutes (arrived late, at minute 4)": the minutes a member attended."""
    a = summary.member(member_id)
    got = minutes(a.minutes_attended(summary.elapsed_minutes))
    why = []
    if a.status.late and a.arrived_minute is not None:
        why.append(f"arrived late, at minute {round(a.arrived_minute)}")
    if a.status.left_early and a.left_minute is not None:
        why.append(f"left early, at minute {round(a.left_minute)}")
    reason = f" ({'; '.join(why)})" if why else ""
    return f"{got} of {minutes(summary.elapsed_minutes)} minutes{reason}"


def signature_blocks(note: ClinicalNote) -> list[Block]:
    """The signature block: name, credentials and the time of signing, or that it is not
    signed; the placeholders the signer chose to leave and the warnings they signed despite."""
    if not note.final or note.finalised is None:
        return [Heading("Signature", 2), Facts((("Status", "Draft — not signed"),))]
    pairs = [("Signed by", note.finalised_by)]
    if note.finalised_credentials:
        pairs.append(("Credentials", note.finalised_credentials))
    pairs.append(("Signed at", when(note.finalised)))
    if note.placeholders_left:
        pairs.append(
            (
                "Signed with placeholders left",
                f"{len(note.placeholders_left)}, marked NOT FILLED IN above",
            )
        )
    # What the similarity check said when the signer signed anyway (issue 19), for a payer or
    # an auditor reading the export as much as for the clinic.
    pairs += [("Signed despite", warning) for warning in note.signed_with_warnings]
    return [Heading("Signature", 2), Facts(tuple(pairs))]


def _session_facts(summary: SessionSummary, note: ClinicalNote) -> Facts:
    pairs = record_facts(summary)
    pairs += [("Note format", note.format.value.upper()), ("Status", status_line(note))]
    return Facts(tuple(pairs))


def addenda_blocks(note: ClinicalNote, names: Mapping[str, str] | None = None) -> list[Block]:
    """The dated addenda of a final note, oldest first; one about a member says whom (by
    `names`: member id -> initials)."""
    if not note.addenda:
        return []
    blocks: list[Block] = [Heading("Addenda", 2)]
    for a in note.addenda:
        about = f", about {(names or {}).get(a.about, 'a member')}" if a.about else ""
        blocks += [Heading(f"Addendum — {when(a.written)}, {a.by}{about}", 3), Paragraph(a.text)]
    return blocks


def session_blocks(
    summary: SessionSummary,
    note: ClinicalNote,
    handled: Mapping[str, FlagHandling] | None = None,
) -> list[Block]:
    """A whole session's blocks (without a title), for one document or a range of them;
    `handled`: the flags handled in review since, by id."""
    blocks: list[Block] = [_session_facts(summary, note)]
    blocks += [Heading(f"Group note ({note.format.value.upper()})", 2)]
    blocks += note_blocks(note.group_text, note)
    blocks += record_blocks(summary, handled=handled)
    blocks += addenda_blocks(note, {a.member_id: a.initials for a in summary.attendance})
    blocks += signature_blocks(note)
    for a in summary.attendance:
        if not a.attended:
            continue
        blocks += [PageBreak(), Heading(f"Progress note — {a.name}", 2)]
        blocks += note_blocks(note.member_texts.get(a.member_id, ""), note)
    return blocks


def session_document(
    summary: SessionSummary, note: ClinicalNote, handled: Mapping[str, FlagHandling] | None = None
) -> Document:
    """The group note, the session record and every attendee's progress note."""
    title = f"Group note — {summary.group_name}, {day(summary.started)}"
    return Document(title, session_blocks(summary, note, handled))


def member_note_document(summary: SessionSummary, note: ClinicalNote, member_id: str) -> Document:
    """One member's progress note for one session, naming no other member."""
    a = summary.member(member_id)
    facts = Facts(
        (
            ("Member", a.name + (f" ({a.pronouns})" if a.pronouns else "")),
            ("Group", summary.group_name),
            ("Agenda", summary.agenda_title),
            ("Service date", day(summary.started)),
            ("Time", service_times(summary)),
            ("Attendance", a.status.label),
            ("Minutes attended", attended_words(summary, member_id)),
            ("Facilitators", ", ".join(summary.facilitators) or "—"),
            ("Note format", note.format.value.upper()),
            ("Status", status_line(note)),
        )
    )
    blocks: list[Block] = [facts]
    blocks += note_blocks(note.member_texts.get(member_id, ""), note, level=2)
    # The addenda about this member belong to their note; the others (about the group or
    # someone else) are only counted, so this export still names nobody else.
    theirs = [x for x in note.addenda if x.about == member_id]
    for x in theirs:
        blocks += [Heading(f"Addendum — {when(x.written)}, {x.by}", 2), Paragraph(x.text)]
    others = len(note.addenda) - len(theirs)
    if others:
        blocks.append(
            Paragraph(
                f"This session's note has {others} other addend"
                f"{'um' if others == 1 else 'a'}; see the whole session's export."
            )
        )
    blocks += signature_blocks(note)
    return Document(f"Progress note — {a.name}, {day(summary.started)}", blocks)
