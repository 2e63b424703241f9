"""Between the engine's note drafts (one text, titled parts) and review's `ClinicalNote` parts.

The runner saves the note as the facilitator edited it at the end of the session: one text,
the group note then each member's progress note, each under its title and an underline
(`session.notes`). Review keeps the parts apart, so a member's note can be exported alone.
"""

from __future__ import annotations

import re

from iop_facilitator.review.clinical_notes import ClinicalNote, NoteFormat
from iop_facilitator.review.soap import soap_draft
from iop_facilitator.session.notes import NoteDraft, NoteSection, note_draft
from iop_facilitator.session.summary import SessionSummary

SECTION_TITLES: dict[NoteFormat, tuple[str, ...]] = {
    NoteFormat.BIRP: ("Behavior", "Intervention", "Response", "Plan"),
    NoteFormat.DAP: ("Data", "Assessment", "Plan"),
    NoteFormat.SOAP: ("Subjective", "Objective", "Assessment", "Plan"),
}


def draft_in(summary: SessionSummary, fmt: NoteFormat) -> NoteDraft:
    """The engine's draft (BIRP, DAP) or review's (SOAP) of a session."""
    if fmt is NoteFormat.SOAP:
        return soap_draft(summary)
    return note_draft(summary, "birp" if fmt is NoteFormat.BIRP else "dap")


def sections_text(sections: tuple[NoteSection, ...]) -> str:
    """Sections as the therapist edits them: "Title:" on its own line, then the text."""
    return "\n\n".join(f"{s.title}:\n{s.text}" for s in sections)


def note_from_draft(session_id: str, draft: NoteDraft, fmt: NoteFormat) -> ClinicalNote:
    """A draft clinical note holding the draft's text, part by part."""
    return ClinicalNote(
        session_id=session_id,
        format=fmt,
        group_text=sections_text(draft.group_sections),
        member_texts={m.member_id: sections_text(m.sections) for m in draft.members},
    )


def _strip_title(part: str) -> str:
    lines = part.strip("\n").splitlines()
    if len(lines) >= 2 and lines[1] and set(lines[1]) == {"="}:
        lines = lines[2:]
    return "\n".join(lines).strip("\n")


def note_from_saved_text(summary: SessionSummary, text: str, fmt: NoteFormat) -> ClinicalNote:
    """The note the runner saved (one text) split back into the group part and members' parts.

    A member's part starts at their "Progress note — NAME" title; when no title is found the
    whole text is the group part, so nothing the facilitator wrote is ever dropped.
    """
    names = {a.member_id: a.name for a in summary.attendance if a.attended}
    starts: list[tuple[int, str]] = []
    for member_id, name in names.items():
        found = re.search(rf"^Progress note — {re.escape(name)}\s*$", text, re.MULTILINE)
        if found:
            starts.append((found.start(), member_id))
    starts.sort()
    if not starts:
        return ClinicalNote(session_id=summary.session_id, format=fmt, group_text=text.strip())
    group = _strip_title(text[: starts[0][0]])
    parts: dict[str, str] = {}
    for (start, member_id), (end, _) in zip(starts, [*starts[1:], (len(text), "")], strict=True):
        parts[member_id] = _strip_title(text[start:end])
    return ClinicalNote(
        session_id=summary.session_id, format=fmt, group_text=group, member_texts=parts
    )


def split_sections(text: str, fmt: NoteFormat) -> list[tuple[str, str]]:
    """A part's text as (section title, body) pairs; text before any title has title ""."""
    titles = {t.casefold(): t for t in (*SECTION_TITLES[fmt], "Addendum")}
    found: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        key = line.strip().rstrip(":").casefold()
        if line.strip().endswith(":") and key in titles:
            found.append((titles[key], []))
        else:
            found[-1][1].append(line)
    pairs = [(title, "\n".join(body).strip()) for title, body in found]
    return [(t, b) for t, b in pairs if t or b]
