"""Rendering a `Document`'s blocks with Rich, beside the Markdown and HTML renderers: how both
apps show the session record (`review.export.session_record`) that the exports print.

It lives here, not beside the other renderers in `review/export/`, because the domain never
imports Rich.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

from iop_facilitator.review.export.document import (
    Block,
    Bullets,
    Facts,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from iop_facilitator.review.export.session_record import summary_blocks
from iop_facilitator.session import SessionSummary


def block_renderable(block: Block) -> RenderableType:
    """One block as Rich shows it in a terminal."""
    match block:
        case Heading(text=text, level=level):
            return Text(text, style="bold underline" if level <= 2 else "bold")
        case Paragraph(text=text):
            return Text(text.strip())
        case Facts(pairs=pairs):
            facts = RichTable.grid(padding=(0, 1))
            facts.add_column(style="bold", no_wrap=True)
            facts.add_column()
            for label, value in pairs:
                facts.add_row(f"{label}:", value)
            return facts
        case Bullets(items=items):
            return Text("\n".join(f"• {item}" for item in items))
        case Table(headers=headers, rows=rows, numeric=numeric):
            table = RichTable(box=None, padding=(0, 1), show_edge=False, expand=False)
            for i, header in enumerate(headers):
                table.add_column(header, justify="right" if i in numeric else "left")
            for row in rows:
                table.add_row(*row)
            return table
        case PageBreak():
            return Rule(style="dim")
    raise AssertionError(block)  # pragma: no cover - every block kind is matched above


def render_rich(blocks: Iterable[Block]) -> RenderableType:
    """The blocks in reading order, as one renderable."""
    return Group(*(block_renderable(block) for block in blocks))


def summary_renderables(summary: SessionSummary) -> list[RenderableType]:
    """A session's summary as both apps show it, block by block: the exports' record
    (`review.export.session_record`), members by name."""
    return [block_renderable(block) for block in summary_blocks(summary, by_initials=False)]


def summary_renderable(summary: SessionSummary) -> RenderableType:
    """The same summary as one renderable."""
    return Group(*summary_renderables(summary))
