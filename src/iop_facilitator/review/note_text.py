"""Between the engine's note drafts (one text, titled parts) and review's `ClinicalNote` parts.

The runner saves the note as the facilitator edited it at the end of the session: one text,
the group note then each member's progress note, each under its title and an underline
(`session.notes`). Review keeps the parts apart, so a member's note can be exported alone.
"""

from __future__ import annotations

import re

from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.session.notes import (
    NoteDraft,
    NoteFormat,
    NoteSection,
    note_draft,
    section_titles,
)
from iop_facilitator.session.summary import SessionSummary


def draft_in(summary: SessionSummary, fmt: NoteFormat) -> NoteDraft:
    """The draft of a session in `fmt` (any registered format)."""
    return note_draft(summary, fmt)


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


# A line that starts a member's progress note: "Progress note" then a dash or colon and
# (normally) the member's name. Such a line always ends the part before it.
PROGRESS_HEADING = re.compile(r"^[ \t]*progress note[ \t]*[—–:-][ \t]*(.*)$", re.I | re.M)  # noqa: RUF001


def _underline(line: str) -> bool:
    return bool(line.strip()) and set(line.strip()) == {"="}


def _strip_title(part: str, generated: frozenset[str]) -> str:
    """`part` without its title when the title is exactly one the program wrote, and without
    the title's underline of "=" (which holds no words); anything else typed stays."""
    lines = part.strip("\n").splitlines()
    if lines and lines[0].strip() in generated:
        lines = lines[1:]
        if lines and _underline(lines[0]):
            lines = lines[1:]
    elif len(lines) >= 2 and _underline(lines[1]):
        del lines[1]
    return "\n".join(lines).strip("\n")


def heading_member(heading_rest: str, names: dict[str, str]) -> str | None:
    """The member (id) whose name the rest of a progress-note heading starts with (the
    longest name that fits, then anything but a letter or digit), or None."""
    rest = heading_rest.strip().casefold()
    best: tuple[int, str] | None = None
    for member_id, name in names.items():
        key = name.strip().casefold()
        if not key or not rest.startswith(key):
            continue
        after = rest[len(key) : len(key) + 1]
        if after and after.isalnum():
            continue
        if best is None or len(key) > best[0]:
            best = (len(key), member_id)
    return best[1] if best else None


def generated_titles(summary: SessionSummary, names: dict[str, str]) -> frozenset[str]:
    """Every title the program writes for this session's note (any format)."""
    day = summary.started.date()
    groups = {f"Group note ({f.value.upper()}) — {summary.group_name}, {day}" for f in NoteFormat}
    return frozenset(groups | {f"Progress note — {name}" for name in names.values()})


def note_from_saved_text(summary: SessionSummary, text: str, fmt: NoteFormat) -> ClinicalNote:
    """The note the runner saved (one text) split back into the group part and members' parts.

    Every line that starts a progress note ("Progress note — ...") ends the part before it; the
    part belongs to the member whose name the heading starts with, so text added to a heading
    keeps the part with its member. A part whose heading names no member who attended, or a
    member already placed, cannot be told apart: it stays, heading and all, at the end of the
    group part (nothing the facilitator wrote is dropped), and every attendee without a part of
    their own gets an empty one to fill in review. Titles are dropped only when they are
    exactly as the program wrote them. Without any heading the whole text is the group part.
    """
    names = {a.member_id: a.name for a in summary.attendance if a.attended}
    generated = generated_titles(summary, names)
    headings = list(PROGRESS_HEADING.finditer(text))
    if not headings:
        return ClinicalNote(
            session_id=summary.session_id,
            format=fmt,
            group_text=_strip_title(text, generated),
        )
    group = _strip_title(text[: headings[0].start()], generated)
    parts: dict[str, str] = {}
    unplaced: list[str] = []
    ends = [h.start() for h in headings[1:]] + [len(text)]
    for heading, end in zip(headings, ends, strict=True):
        member_id = heading_member(heading.group(1), names)
        part = text[heading.start() : end]
        if member_id is None or member_id in parts:
            unplaced.append(part.strip("\n"))
        else:
            parts[member_id] = _strip_title(part, generated)
    if unplaced:
        group = "\n\n".join(x for x in (group, *unplaced) if x)
    for member_id in names:
        parts.setdefault(member_id, "")
    ordered = {m: parts[m] for m in names}
    return ClinicalNote(
        session_id=summary.session_id, format=fmt, group_text=group, member_texts=ordered
    )


def split_sections(text: str, fmt: NoteFormat) -> list[tuple[str, str]]:
    """A part's text as (section title, body) pairs; text before any title has title ""."""
    titles = {t.casefold(): t for t in (*section_titles(fmt), "Addendum")}
    found: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        key = line.strip().rstrip(":").casefold()
        if line.strip().endswith(":") and key in titles:
            found.append((titles[key], []))
        else:
            found[-1][1].append(line)
    pairs = [(title, "\n".join(body).strip()) for title, body in found]
    return [(t, b) for t, b in pairs if t or b]
