"""One summary: the runner's end screen, review's session screen and the export show the same
record, built once (`review.export.session_record`)."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType

from iop_facilitator.review.export.document import Heading, Table
from iop_facilitator.review.export.exports import session_export
from iop_facilitator.review.export.session_record import record_blocks, summary_blocks
from iop_facilitator.review.library import Library
from iop_facilitator.session.attendance import AttendanceStatus
from iop_facilitator.tui.common.document_view import summary_renderable
from tests.review.review_vault import Built


def _text(renderable: RenderableType) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_the_export_prints_the_record_block_for_block(built: Built) -> None:
    summary = next(s for s in built.summaries if s.session_id == "tue-s2")
    made = session_export(Library(built.vault), "tue-s2")
    for block in record_blocks(summary):
        if isinstance(block, Heading):
            assert f"{'#' * block.level} {block.text}" in made.text
        elif isinstance(block, Table):
            for row in block.rows:
                assert "| " + " | ".join(row) + " |" in made.text


def test_both_apps_show_the_same_record_by_name(built: Built) -> None:
    summary = built.summaries[1]
    shown = _text(summary_renderable(summary))
    by_name = summary_blocks(summary, by_initials=False)
    headings = [b.text for b in by_name if isinstance(b, Heading)]
    assert headings[:2] == ["Session record", "Attendance and participation"]
    for heading in headings:
        assert heading in shown
    maria = summary.attendance[0]
    assert maria.name in shown and f"| {maria.initials} |" not in shown


def test_unmarked_attendance_reads_not_recorded_everywhere(built: Built) -> None:
    summary = built.summaries[1]
    first = summary.attendance[0]
    unmarked = summary.model_copy(
        update={"attendance": (first.model_copy(update={"status": AttendanceStatus.UNMARKED}),)}
    )
    assert "not recorded" in _text(summary_renderable(unmarked))
    assert "not marked" not in _text(summary_renderable(unmarked))
