"""What a note format module provides: its section titles and how it drafts each note."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from iop_facilitator.session.notes.draft import NoteSection
from iop_facilitator.session.notes.formats import NoteFormat
from iop_facilitator.session.summary import AttendanceLine, SessionSummary


@dataclass(frozen=True)
class NoteFormatSpec:
    """One format: its section titles, and how it drafts the group note and a member's note.

    Both drafting functions state only what the summary shows; the group note names members by
    initials, and a member's note names no other member (the registry masks other names)."""

    format: NoteFormat
    titles: tuple[str, ...]
    group_sections: Callable[[SessionSummary], tuple[NoteSection, ...]]
    member_sections: Callable[[SessionSummary, AttendanceLine], tuple[NoteSection, ...]]
