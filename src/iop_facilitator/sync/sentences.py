"""What a sync says to a person: what moved, in the clinician's words, in one line."""

from __future__ import annotations

from collections import Counter

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.sync.local import SyncReport

_WORDS: dict[str, str] = {
    RecordKind.SESSION_DIGEST: "review digest",
    RecordKind.CLINICAL_NOTE: "clinical note",
    RecordKind.NOTE_DRAFT: "note draft",
    RecordKind.FLAG_HANDLED: "handled flag",
    RecordKind.ACCESS_LOG: "export log entry",
}


def in_words(ids: list[str]) -> str:
    """'2 sessions and 1 group' for object ids `kind/name` (and conflict copies)."""
    counted = Counter(
        "conflict copy" if object_id.count("/") == 2 else object_id.split("/", 1)[0]
        for object_id in ids
    )

    def words(kind: str, n: int) -> str:
        word = _WORDS.get(kind, kind.replace("-", " "))
        if n == 1:
            return f"1 {word}"
        return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"

    parts = [words(kind, n) for kind, n in sorted(counted.items())]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def moved(report: SyncReport, where: str) -> str:
    """'Sent 1 session to s3://…; received 2 groups.'"""
    return f"Sent {in_words(report.pushed_ids)} to {where}; received {in_words(report.pulled_ids)}."
