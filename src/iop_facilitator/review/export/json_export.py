"""The JSON export: the full session for other systems (an EHR import, a clinic's archive).

A stable, documented shape: `format` names it and `version` changes only when a field is
removed or changes meaning. Keys are sorted and the text is indented, so two exports of the
same session are byte-for-byte equal.
"""

from __future__ import annotations

import json
from typing import Any

from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.session.records import FinishedSession
from iop_facilitator.session.summary import SessionSummary

JSON_FORMAT = "iop-facilitator/session-export"
JSON_VERSION = 1


def session_json(finished: FinishedSession, note: ClinicalNote) -> dict[str, Any]:
    """A finished session as plain JSON data: its summary, its note and every event."""
    summary = finished.summary()
    return {
        "session_id": finished.session_id,
        "summary": summary.model_dump(mode="json"),
        "note": note.model_dump(mode="json"),
        "events": [e.model_dump(mode="json") for e in finished.events],
    }


def member_json(summary: SessionSummary, note: ClinicalNote, member_id: str) -> dict[str, Any]:
    """One member's part of a session: their lines of the summary and their progress note."""
    line = summary.member(member_id)
    return {
        "session_id": summary.session_id,
        "group_name": summary.group_name,
        "agenda_title": summary.agenda_title,
        "started": summary.started.isoformat(),
        "member": line.model_dump(mode="json"),
        "checkin": next(
            (c.model_dump(mode="json") for c in summary.checkins if c.member_id == member_id),
            None,
        ),
        "participation": (
            s.model_dump(mode="json") if (s := summary.speaker(member_id)) is not None else None
        ),
        "notes": [n.model_dump(mode="json") for n in summary.notes if n.member_id == member_id],
        "flags": [f.model_dump(mode="json") for f in summary.flags if f.member_id == member_id],
        "homework_given": [
            h.model_dump(mode="json")
            for h in summary.homework_given
            if not h.member_ids or member_id in h.member_ids
        ],
        "progress_note": {
            "format": note.format.value,
            "status": note.status.value,
            "text": note.member_texts.get(member_id, ""),
        },
    }


def render_json(kind: str, items: list[dict[str, Any]]) -> str:
    """The export file's text: a header naming the shape, then the items."""
    document = {"format": JSON_FORMAT, "version": JSON_VERSION, "kind": kind, "items": items}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
