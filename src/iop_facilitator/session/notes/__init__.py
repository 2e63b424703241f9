"""Draft clinical notes from a session summary: a group note and one progress note per member.

Formats (`NoteFormat`): BIRP (the default), DAP and SOAP, one module each, listed in
`registry.FORMATS`. The drafts state what the events show, in plain sentences, for the
therapist to finish; they never invent clinical judgement. Privacy rule: the group note names
members by initials only; a member's own progress note names that member and no other member.
"""

from __future__ import annotations

from iop_facilitator.session.notes.draft import MemberNoteDraft, NoteDraft, NoteSection
from iop_facilitator.session.notes.formats import NoteFormat
from iop_facilitator.session.notes.registry import (
    FORMATS,
    note_draft,
    note_format,
    section_titles,
)
from iop_facilitator.session.notes.similarity import (
    MemberSections,
    SharedSection,
    draft_shared_sections,
    shared_sections,
)
from iop_facilitator.session.notes.words import (
    OUTCOME_WORDS,
    given_to,
    mask_others,
    minutes_words,
)

__all__ = [
    "FORMATS",
    "OUTCOME_WORDS",
    "MemberNoteDraft",
    "MemberSections",
    "NoteDraft",
    "NoteFormat",
    "NoteSection",
    "SharedSection",
    "draft_shared_sections",
    "given_to",
    "mask_others",
    "minutes_words",
    "note_draft",
    "note_format",
    "section_titles",
    "shared_sections",
]
