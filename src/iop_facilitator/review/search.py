"""Search across every note, check-in note, homework text and flag, with hits to highlight;
and across what clinicians write afterwards in review: the clinical note as edited, its
addenda, and how each flag was handled."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.review.digest import SessionDigest
from iop_facilitator.review.text_search import Query, hit_spans


@dataclass(frozen=True)
class SearchHit:
    """One piece of text that matched, with the spans of the words to highlight."""

    session_id: str
    started: datetime
    group_name: str
    # "note" | "check-in" | "homework" | "flag" | "clinical note" | "addendum" | "flag handled"
    source: str
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


def _written_later(
    digest: SessionDigest, archive: Archive, note: ClinicalNote | None
) -> list[tuple[str, str, str]]:
    """What review added to the session: the saved clinical note's parts, its addenda, and
    the handling of the flags raised in it."""
    names = {m.id: m.name for m in digest.members}
    texts: list[tuple[str, str, str]] = []
    if note is not None:
        texts.append((note.group_text, "clinical note", ""))
        texts += [(t, "clinical note", names.get(m, "")) for m, t in note.member_texts.items()]
        texts += [(a.text, "addendum", "") for a in note.addenda]
    for handling in archive.handled.values():
        if handling.session_id == digest.session_id:
            words = f"Handled by {handling.by}: {handling.note}"
            texts.append((words, "flag handled", names.get(handling.member_id, "")))
    return texts


def search(
    archive: Archive,
    text: str,
    *,
    limit: int = 500,
    notes: Mapping[str, ClinicalNote] | None = None,
) -> list[SearchHit]:
    """Texts in which every word of `text` occurs, newest session first, at most `limit`.

    `notes`: the clinical notes saved in review, by session id (`Library.saved_notes`), so
    the therapist's edits and addenda are found too; flag handling always is."""
    query = Query.parse(text)
    if query.empty:
        return []
    hits: list[SearchHit] = []
    saved = notes or {}
    for digest in archive.sessions:
        texts = _texts(digest) + _written_later(digest, archive, saved.get(digest.session_id))
        for body, source, member in texts:
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
