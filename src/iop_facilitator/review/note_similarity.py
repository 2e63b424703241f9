"""The check before signing, on the clinical note as the therapist edited it: which members'
progress notes share a section word for word (names and pronouns aside).

The note editor and `export` show these sentences; a note signed anyway keeps them
(`ClinicalNote.signed_with_warnings`).
"""

from __future__ import annotations

from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.review.note_text import split_sections
from iop_facilitator.session.notes import MemberSections, SharedSection, shared_sections
from iop_facilitator.session.summary import SessionSummary


def note_shared_sections(note: ClinicalNote, summary: SessionSummary) -> list[SharedSection]:
    """The sections two or more members' notes share word for word (names, pronouns aside)."""
    people = {a.member_id: a for a in summary.attendance}
    members = []
    for member_id, text in note.member_texts.items():
        a = people.get(member_id)
        if a is None:
            continue
        members.append(
            MemberSections(
                member_id=member_id,
                name=a.name,
                initials=a.initials,
                pronouns=a.pronouns,
                sections=split_sections(text, note.format),
            )
        )
    return shared_sections(members)


def similarity_warnings(note: ClinicalNote, summary: SessionSummary) -> list[str]:
    """One sentence per shared section, naming the members and the section."""
    return [shared.sentence() for shared in note_shared_sections(note, summary)]
