"""The last line of defence before one member's progress note leaves the vault alone.

A member's export may be handed to that member, so it must never carry another member's name
or part of another member's note. The split of the runner's note into parts
(`review.note_text`) follows the progress-note headings; when the therapist has deleted or
changed a heading the split may be wrong, and this check refuses the export with a sentence
saying which heading to fix, rather than leak.
"""

from __future__ import annotations

import re
from collections import Counter

from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.review.errors import MemberNoteUnclear
from iop_facilitator.review.note_text import PROGRESS_HEADING, SECTION_TITLES, heading_member
from iop_facilitator.session.summary import SessionSummary

_FIX = (
    "Nothing was exported: in `iop-facilitator review`, edit the session's note (e) so each "
    "member's part holds only their own note, then export again."
)


def _names_of_others(summary: SessionSummary, member_id: str) -> list[str]:
    """Every other member's full name, and first name when it could not be a common word
    part (three letters or more, not an initial): the names `mask_others` hides."""
    names: list[str] = []
    for a in summary.attendance:
        if a.member_id == member_id:
            continue
        names.append(a.name)
        words = a.name.split()
        if words and len(words[0]) >= 3 and not words[0].endswith("."):
            names.append(words[0])
    return names


def _other_named(summary: SessionSummary, member_id: str, text: str) -> str | None:
    """The first other member's name found in `text`, or None."""
    for name in _names_of_others(summary, member_id):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            return name
    return None


def _stray_headings(summary: SessionSummary, note: ClinicalNote) -> list[str]:
    """Progress-note headings left where no member's part begins (changed or repeated)."""
    names = {a.member_id: a.name for a in summary.attendance if a.attended}
    stray = [h.group(0).strip() for h in PROGRESS_HEADING.finditer(note.group_text)]
    for owner, text in note.member_texts.items():
        for h in PROGRESS_HEADING.finditer(text):
            if heading_member(h.group(1), names) != owner:
                stray.append(h.group(0).strip())
    return stray


def member_note_problem(summary: SessionSummary, note: ClinicalNote, member_id: str) -> str | None:
    """Why `member_id`'s part of `note` cannot be exported alone (a sentence), or None."""
    who = summary.member(member_id).name
    names = {a.member_id: a.name for a in summary.attendance if a.attended}
    text = note.member_texts.get(member_id, "")
    day = summary.started.date().isoformat()
    for h in PROGRESS_HEADING.finditer(text):
        if heading_member(h.group(1), names) != member_id:
            return (
                f'The progress note of {who} ({day}) runs into the heading "{h.group(0).strip()}", '
                "so it may hold another member's note."
            )
    other = _other_named(summary, member_id, text)
    if other is not None:
        # The sentence names the part, never the other member (it may be read aloud).
        return f"The progress note of {who} ({day}) names another member of the group."
    for addendum in note.addenda:
        if addendum.about == member_id and _other_named(summary, member_id, addendum.text):
            return f"An addendum about {who} ({day}) names another member of the group."
    titles = {t.casefold() for t in SECTION_TITLES[note.format]}
    repeated = Counter(
        line.strip().rstrip(":").casefold()
        for line in text.splitlines()
        if line.strip().endswith(":") and line.strip().rstrip(":").casefold() in titles
    )
    if any(n > 1 for n in repeated.values()):
        return (
            f"The progress note of {who} ({day}) has a section twice, so it may hold "
            "another member's note whose heading was deleted."
        )
    if text.strip():
        return None
    stray = _stray_headings(summary, note)
    if stray:
        return (
            f'The progress note of {who} ({day}) could not be found: the heading "{stray[0]}" '
            "names no member who attended, or one named twice."
        )
    elsewhere = [note.group_text, *(t for m, t in note.member_texts.items() if m != member_id)]
    if any(re.search(rf"(?<!\w){re.escape(who)}(?!\w)", t) for t in elsewhere):
        return (
            f"The progress note of {who} ({day}) could not be found: it seems to run on from "
            "another part of the note, whose heading was deleted."
        )
    return None


def check_member_note(summary: SessionSummary, note: ClinicalNote, member_id: str) -> None:
    """Raise `MemberNoteUnclear` when `member_id`'s part may carry another member's note."""
    problem = member_note_problem(summary, note, member_id)
    if problem is not None:
        raise MemberNoteUnclear(problem, hint=_FIX)


def note_warnings(summary: SessionSummary, note: ClinicalNote) -> list[str]:
    """Every member's part that could not be exported alone, one sentence each (the same
    check as a member's export): shown when a note is saved and with a whole-session export,
    so the problem is fixed while the note is fresh, not found when one member asks for it."""
    return [
        problem
        for a in summary.attendance
        if a.attended and (problem := member_note_problem(summary, note, a.member_id))
    ]
