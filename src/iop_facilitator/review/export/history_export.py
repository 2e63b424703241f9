"""A group's sessions over a date range, and one member's history, as documents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from iop_facilitator.review.archive import FlagHandling
from iop_facilitator.review.clinical_notes import ClinicalNote, status_line
from iop_facilitator.review.export.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from iop_facilitator.review.export.session_export import note_blocks, session_blocks
from iop_facilitator.review.member_history import MemberHistory
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.wording import day, percent


def range_title(group_name: str, since: date | None, until: date | None) -> str:
    """ "Group notes — NAME, FROM to TO" (open ends say so)."""
    start = since.isoformat() if since else "the first session"
    end = until.isoformat() if until else "the latest"
    return f"Group notes — {group_name}, {start} to {end}"


def range_document(
    title: str,
    sessions: Sequence[tuple[SessionSummary, ClinicalNote]],
    handled: Mapping[str, FlagHandling] | None = None,
) -> Document:
    """Each session in order (oldest first), each starting on a new printed page; flags as
    they stand now (`handled`: those handled in review, by id)."""
    blocks: list[Block] = [
        Facts((("Sessions", str(len(sessions))),)),
        Bullets(tuple(f"{day(s.started)} — {s.agenda_title}" for s, _ in sessions)),
    ]
    for summary, note in sessions:
        blocks += [PageBreak(), Heading(f"{day(summary.started)} — {summary.agenda_title}", 1)]
        blocks += session_blocks(summary, note, handled)
    return Document(title, blocks)


def _checkin_text(values: dict[str, int] | None, passed: bool) -> str:
    if passed:
        return "passed"
    if not values:
        return "—"
    return ", ".join(f"{k} {v}" for k, v in values.items())


def member_history_document(
    history: MemberHistory, notes: Sequence[tuple[SessionSummary, ClinicalNote]]
) -> Document:
    """A member's history: figures, every session, notes and flags, then their progress notes.

    Names only this member: other members never appear in their own history.
    """
    counts = history.counts
    facts = Facts(
        (
            ("Member", history.name),
            ("Groups", ", ".join(sorted({s.group_name for s in history.sessions}))),
            ("Sessions", str(len(history.sessions))),
            (
                "Attendance",
                f"{counts['present']} present, {counts['late'] + counts['late-and-left-early']} "
                f"late, {counts['left-early']} left early, {counts['absent']} absent "
                f"({percent(history.attendance_rate)} attended)",
            ),
            (
                "Streaks",
                f"current {history.streaks.current_attended} attended, longest "
                f"{history.streaks.longest_attended}",
            ),
            (
                "Homework completion",
                f"{percent(history.homework_rate)} of {history.homework_reviewed} reviewed",
            ),
        )
    )
    rows = tuple(
        (
            day(s.started),
            s.group_name,
            s.attendance.label,
            _checkin_text(s.checkin, s.checkin_passed),
            str(s.turns),
            percent(s.member_share if s.attendance.attended else None),
        )
        for s in history.sessions
    )
    blocks: list[Block] = [
        facts,
        Heading("Sessions", 2),
        Table(("Date", "Group", "Attendance", "Check-in", "Turns", "Share"), rows, numeric=(4, 5)),
    ]
    if history.flags:
        blocks += [
            Heading("Safety flags", 2),
            Bullets(
                tuple(
                    f"{day(f.raised)}: {f.note} — "
                    + (
                        f"handled by {f.handled_by or 'the facilitator'}: {f.handled_note}"
                        if f.handled
                        else "OPEN"
                    )
                    for f in history.flags
                )
            ),
        ]
    if history.notes:
        blocks += [
            Heading("Notes", 2),
            Bullets(tuple(f"{day(n.started)} ({n.source}): {n.text}" for n in history.notes)),
        ]
    for summary, note in notes:
        blocks += [
            PageBreak(),
            Heading(f"Progress note — {day(summary.started)}, {summary.group_name}", 2),
            Paragraph(f"{note.format.value.upper()} · {status_line(note)}"),
        ]
        blocks += note_blocks(note.member_texts.get(history.id, ""), note)
    return Document(f"Member history — {history.name}", blocks)
