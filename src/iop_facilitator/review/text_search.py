"""Finding words in clinical text, with the positions a screen or a page needs to highlight them.

The rule a therapist expects from a search box: every word of the query must appear (in any
order, ignoring case and accents' case folding), and each occurrence of each word is a hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    """A search query split into the words that must all appear."""

    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        """The query's words, folded for case-insensitive matching; duplicates dropped."""
        seen: dict[str, None] = {}
        for word in text.split():
            seen.setdefault(word.casefold(), None)
        return cls(tuple(seen))

    @property
    def empty(self) -> bool:
        """True when there is nothing to look for."""
        return not self.words

    def matches(self, folded: str) -> bool:
        """True when every word occurs in `folded` (text already passed through `casefold`)."""
        return all(word in folded for word in self.words)


def hit_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Every occurrence of the query's words in `text` as sorted, non-overlapping (start, end).

    Positions index into `text` itself, so they can be used to style it directly. Overlapping
    occurrences of different words are merged into one span.
    """
    if query.empty:
        return []
    folded = text.casefold()
    found: list[tuple[int, int]] = []
    for word in query.words:
        # casefold can change a text's length (ß -> ss); fall back to a regex search then.
        if len(folded) == len(text):
            start = folded.find(word)
            while start >= 0:
                found.append((start, start + len(word)))
                start = folded.find(word, start + 1)
        else:
            pattern = re.compile(re.escape(word), re.IGNORECASE)
            found.extend(m.span() for m in pattern.finditer(text))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def excerpt(
    text: str, spans: list[tuple[int, int]], width: int = 80
) -> tuple[str, list[tuple[int, int]]]:
    """A window of about `width` characters around the first hit, with the spans shifted into it.

    Returns the excerpt (with "…" where text was cut) and the spans that fall inside it.
    """
    flat = " ".join(text.split())
    if flat != text:
        # Re-find on the flattened text so that positions stay true after collapsing spaces.
        return excerpt(flat, _respan(flat, text, spans), width)
    if len(text) <= width or not spans:
        cut = text[:width]
        suffix = "…" if len(text) > width else ""
        return cut + suffix, [(s, min(e, len(cut))) for s, e in spans if s < len(cut)]
    first = spans[0][0]
    start = max(0, min(first - width // 3, len(text) - width))
    end = start + width
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(s + shift, min(e, end) + shift) for s, e in spans if s >= start and s < end]
    return prefix + text[start:end] + suffix, inside


def _respan(flat: str, original: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    words = Query.parse(" ".join(original[s:e] for s, e in spans))
    return hit_spans(flat, words)
