"""A finished session's summary and note as Rich renderables, for the session screen."""

from __future__ import annotations

from rich.console import Group as RenderGroup
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.review.export.wording import ATTENDANCE_LABELS, status_line, when
from iop_facilitator.session import OUTCOME_WORDS, SessionSummary, given_to
from iop_facilitator.tui.common.formatting import bar_text, percent_text

BAR_WIDTH = 10


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def summary_renderables(summary: SessionSummary) -> list[RenderableType]:
    """Attendance, check-ins, airtime with bars, who did not speak, phases, homework, notes,
    flags: the session as the therapist reviews it."""
    names = {a.member_id: a.name for a in summary.attendance}
    checkins = {c.member_id: c for c in summary.checkins}
    out: list[RenderableType] = [
        Text.assemble(
            (f"{summary.group_name} — {summary.agenda_title}\n", "bold"),
            f"{when(summary.started)} · {round(summary.elapsed_minutes)} of "
            f"{summary.planned_minutes} min · {summary.present_count} present, "
            f"{summary.absent_count} absent",
        ),
        _heading("Attendance, check-ins and airtime"),
    ]
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=False)
    for column, justify in (
        ("Member", "left"),
        ("Here", "left"),
        ("Check-in", "left"),
        ("Turns", "right"),
        ("Min", "right"),
        ("Share", "left"),
    ):
        table.add_column(column, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for a in summary.attendance:
        c = checkins.get(a.member_id)
        checkin = (
            "—"
            if c is None
            else "passed"
            if c.passed
            else " ".join(f"{k[:5]} {v}" for k, v in c.values.items())
        )
        s = summary.speaker(a.member_id)
        share = s.member_share or 0.0 if s else 0.0
        table.add_row(
            a.name,
            ATTENDANCE_LABELS.get(a.status, a.status),
            checkin,
            str(s.turns) if s else "0",
            str(round(s.airtime_seconds / 60)) if s else "0",
            f"{bar_text(share, BAR_WIDTH)} {percent_text(share)}" if a.attended else "",
        )
    out.append(table)
    quiet = [names.get(m, "?") for m in summary.not_spoken]
    out.append(
        Text(
            f"Equity index {summary.equity_gini:.2f} (0 = equal) · facilitator share "
            f"{percent_text(summary.facilitator_share)} · "
            + (f"did not speak: {', '.join(quiet)}" if quiet else "every member present spoke")
        )
    )
    notes = [c for c in summary.checkins if c.note]
    if notes:
        out.append(_heading("Check-in notes"))
        out += [Text(f"{c.name}: {c.note}") for c in notes]
    out.append(_heading("Phases (planned / actual min)"))
    out += [
        Text(f"{p.title}: {round(p.planned_minutes)} / {round(p.actual_minutes)} ({p.status})")
        for p in summary.phases
    ]
    if summary.homework_given or summary.homework_reviewed:
        out.append(_heading("Homework"))
        out += [
            Text(f"Given to {given_to(h, names)}: {h.text}" if h.member_ids else f"Given: {h.text}")
            for h in summary.homework_given
        ]
        for h in summary.homework_reviewed:
            outcomes = ", ".join(
                f"{names.get(k, 'group')} {OUTCOME_WORDS.get(v, v)}" for k, v in h.outcomes.items()
            )
            out.append(Text(f"Reviewed: {h.text} — {outcomes or 'not reviewed'}"))
    if summary.notes:
        out.append(_heading("Notes"))
        out += [Text(f"{names.get(n.member_id or '', 'Group')}: {n.text}") for n in summary.notes]
    if summary.flags:
        out.append(_heading("Safety flags"))
        out += [
            Text(
                f"{'OPEN' if not f.handled else 'handled'} — {f.member_name}: {f.note}",
                style="bold" if not f.handled else "",
            )
            for f in summary.flags
        ]
    return out


def note_renderables(summary: SessionSummary, note: ClinicalNote) -> list[RenderableType]:
    """The clinical note: status, the group part, each member's part, the addenda."""
    out: list[RenderableType] = [
        _heading(f"Note ({note.format.value.upper()}) — {status_line(note)}"),
        Text(note.group_text),
    ]
    for a in summary.attendance:
        if a.member_id in note.member_texts:
            out += [_heading(f"Progress note — {a.name}"), Text(note.member_texts[a.member_id])]
    for addendum in note.addenda:
        out += [
            _heading(f"Addendum — {when(addendum.written)}, {addendum.by}"),
            Text(addendum.text),
        ]
    return out


def session_renderable(summary: SessionSummary, note: ClinicalNote) -> RenderableType:
    """Everything on the session screen, top to bottom."""
    return RenderGroup(*summary_renderables(summary), *note_renderables(summary, note))
