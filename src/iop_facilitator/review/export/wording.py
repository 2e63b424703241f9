"""How dates, times, shares and statuses read in exported notes."""

from __future__ import annotations

from datetime import datetime

from iop_facilitator.review.clinical_notes import ClinicalNote

ATTENDANCE_LABELS = {
    "present": "present",
    "late": "late",
    "left-early": "left early",
    "late-and-left-early": "late, left early",
    "absent": "absent",
    "unmarked": "not recorded",
}


def when(moment: datetime) -> str:
    """A date and time in the computer's own zone: `2026-11-03 18:00`."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def day(moment: datetime) -> str:
    """A date in the computer's own zone: `2026-11-03`."""
    return moment.astimezone().strftime("%Y-%m-%d")


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def minutes(value: float) -> str:
    return f"{value:.0f}"


def status_line(note: ClinicalNote) -> str:
    """ "Final — signed by X on DATE" or "Draft (not final)"."""
    if note.final and note.finalised is not None:
        return f"Final — signed by {note.finalised_by} on {when(note.finalised)}"
    return "Draft (not final)"
