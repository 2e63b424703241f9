"""A finished session's summary and note as Rich renderables, for the session screen; the
summary is the exports' record (`review.export.session_record`), rendered by
`tui.common.document_view`."""

from __future__ import annotations

from rich.console import Group as RenderGroup
from rich.console import RenderableType
from rich.text import Text

from iop_facilitator.review.clinical_notes import ClinicalNote, status_line
from iop_facilitator.session import SessionSummary
from iop_facilitator.tui.common.document_view import summary_renderables
from iop_facilitator.wording import when


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


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
