"""Rendering a `Document` as Markdown (CommonMark with pipe tables)."""

from __future__ import annotations

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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _paragraph(text: str) -> str:
    # Two trailing spaces keep the therapist's own line breaks inside a paragraph.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line:
            out[-1] += "  "
        out.append(line)
    return "\n".join(out)


def _block(block: Block) -> str:
    match block:
        case Heading(text=text, level=level):
            return f"{'#' * level} {text}"
        case Paragraph(text=text):
            return _paragraph(text)
        case Facts(pairs=pairs):
            return "\n".join(f"- **{label}:** {value}" for label, value in pairs)
        case Bullets(items=items):
            return "\n".join(f"- {_cell(item)}" for item in items)
        case Table(headers=headers, rows=rows, numeric=numeric):
            rule = ["---:" if i in numeric else "---" for i in range(len(headers))]
            lines = [
                "| " + " | ".join(_cell(h) for h in headers) + " |",
                "| " + " | ".join(rule) + " |",
            ]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
            return "\n".join(lines)
        case PageBreak():
            return "---"
    raise AssertionError(block)  # pragma: no cover - every block kind is matched above


def render_markdown(document: Document) -> str:
    """The document as Markdown text ending in one newline."""
    parts = [f"# {document.title}"]
    parts += [_block(block) for block in document.blocks]
    return "\n\n".join(part for part in parts if part) + "\n"
