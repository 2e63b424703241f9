"""A printable document as plain blocks, so Markdown and HTML are two renderings of one thing.

The builders (`session_export`, `member_export`, `range_export`) say *what* a note contains;
the renderers (`markdown`, `html`) say only how it looks. Golden-file tests pin both.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 1 is the document's title


@dataclass(frozen=True)
class Paragraph:
    """Text as the therapist wrote it; line breaks inside are kept."""

    text: str


@dataclass(frozen=True)
class Facts:
    """Label and value pairs: the header of a note (group, date, format...)."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass(frozen=True)
class PageBreak:
    """Where a printed page should end (each member's progress note starts on a new page)."""


Block = Heading | Paragraph | Facts | Bullets | Table | PageBreak


@dataclass
class Document:
    """A title and blocks, in reading order."""

    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        """Append blocks in order."""
        self.blocks.extend(blocks)
