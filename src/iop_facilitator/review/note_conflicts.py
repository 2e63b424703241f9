"""Clinical notes edited on two computers at once: both versions, and keeping one.

Sync never drops either version (`sync.conflict_copies`); review shows the session with a
mark, both versions, and keeps the one the clinician chooses as a normal edit of the note
(a new version, which settles the conflict on every computer once it syncs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.clinical_notes import ClinicalNote, load_note, save_note
from iop_facilitator.sync.conflict_copies import open_conflict_copies
from iop_facilitator.vault import Vault


@dataclass(frozen=True)
class NoteConflict:
    """The note of `session_id` as this computer uses it, and the other version kept."""

    session_id: str
    in_use: ClinicalNote
    other: ClinicalNote


def note_conflicts(vault: Vault) -> dict[str, NoteConflict]:
    """The sessions whose clinical note has two versions nobody chose between, by id."""
    found: dict[str, NoteConflict] = {}
    for copy in open_conflict_copies(vault, RecordKind.CLINICAL_NOTE):
        try:
            other = ClinicalNote.model_validate_json(copy.payload)
        except ValidationError:
            continue  # a newer program's note: this one cannot show it, nor choose
        in_use = load_note(vault, copy.record_id)
        if in_use is None or in_use == other:
            continue
        found[copy.record_id] = NoteConflict(copy.record_id, in_use, other)
    return found


def keep_version(
    vault: Vault, conflict: NoteConflict, *, other: bool, now: Callable[[], datetime]
) -> ClinicalNote:
    """Keep the other version (`other`) or the one in use, saved as a normal edit."""
    chosen = conflict.other if other else conflict.in_use
    kept = chosen.model_copy(update={"edited": now()})
    save_note(vault, kept)
    return kept
