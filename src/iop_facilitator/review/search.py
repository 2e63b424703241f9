"""Search across every note, check-in note, homework text and flag, with hits to highlight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.digest import SessionDigest
from iop_facilitator.review.text_search import Query, hit_spans


@dataclass(frozen=True)
class SearchHit:
    """One piece of text that matched, with the spans of the words to highlight."""

    session_id: str
    started: datetime
    group_name: str
    source: str  # "note" | "check-in" | "homework" | "flag"
    member_name: str  # "" when the text is about the group
    text: str
    spans: tuple[tuple[int, int], ...]


def _texts(digest: SessionDigest) -> list[tuple[str, str, str]]:
    names = {m.id: m.name for m in digest.members}
    texts = [(text, "note", names.get(about, "")) for text, about in digest.notes]
    texts += [(m.checkin_note, "check-in", m.name) for m in digest.members if m.checkin_note]
    texts += [(h.text, "homework", "") for h in digest.homework if not h.carried]
    texts += [(f.note, "flag", names.get(f.member_id, "")) for f in digest.flags if not f.carried]
    return texts


def search(archive: Archive, text: str, *, limit: int = 500) -> list[SearchHit]:
    """Texts in which every word of `text` occurs, newest session first, at most `limit`."""
    query = Query.parse(text)
    if query.empty:
        return []
    hits: list[SearchHit] = []
    for digest in archive.sessions:
        for body, source, member in _texts(digest):
            if not query.matches(body.casefold()):
                continue
            hits.append(
                SearchHit(
                    session_id=digest.session_id,
                    started=digest.started,
                    group_name=digest.group_name,
                    source=source,
                    member_name=member,
                    text=body,
                    spans=tuple(hit_spans(body, query)),
                )
            )
            if len(hits) >= limit:
                return hits
    return hits
