"""Rendering a `Document` as one self-contained HTML page that reads on screen and prints well.

Self-contained means no scripts, no fonts, no images, nothing fetched: the page's own policy
forbids loading anything, so an exported note opened years later looks the same and tells no
server that it was opened.
"""

from __future__ import annotations

from html import escape

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

_STYLE = """\
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.45;
  color: #111; max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #999; padding-bottom: 0.1em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
p { white-space: pre-wrap; margin: 0.4em 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #999; padding: 0.15em 0.5em; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.confidential { font-size: 0.85em; color: #444; border: 1px solid #999; padding: 0.3em 0.6em; }
hr.page-break { border: none; border-top: 1px dashed #bbb; margin: 2em 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  hr.page-break { border: none; margin: 0; break-after: page; }
  h2, h3 { break-after: avoid; }
  table, dl.facts { break-inside: avoid; }
}
@page { margin: 2cm; }
"""

CONFIDENTIAL = (
    "Confidential health information. Store and share this document only as your clinic's "
    "policy allows."
)


def _block(block: Block) -> str:
    match block:
        case Heading(text=text, level=level):
            return f"<h{level}>{escape(text)}</h{level}>"
        case Paragraph(text=text):
            return f"<p>{escape(text.strip())}</p>"
        case Facts(pairs=pairs):
            rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in pairs)
            return f'<dl class="facts">{rows}</dl>'
        case Bullets(items=items):
            return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
        case Table(headers=headers, rows=rows, numeric=numeric):

            def cls(i: int) -> str:
                return ' class="num"' if i in numeric else ""

            head = "".join(f"<th{cls(i)}>{escape(h)}</th>" for i, h in enumerate(headers))
            body = "".join(
                "<tr>"
                + "".join(f"<td{cls(i)}>{escape(c)}</td>" for i, c in enumerate(row))
                + "</tr>"
                for row in rows
            )
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        case PageBreak():
            return '<hr class="page-break">'
    raise AssertionError(block)  # pragma: no cover - every block kind is matched above


def render_html(document: Document) -> str:
    """The document as a complete HTML5 page with its style inline and nothing to fetch."""
    body = "\n".join(_block(block) for block in document.blocks)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>\n{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(document.title)}</h1>\n"
        f'<p class="confidential">{escape(CONFIDENTIAL)}</p>\n'
        f"{body}\n</body>\n</html>\n"
    )
