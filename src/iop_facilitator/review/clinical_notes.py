"""The therapist's clinical note for a session: edited from the engine's draft, then made final.

Clinical records are not rewritten: once a note is final its text is locked, and anything
added later is a dated, signed addendum kept beside it. A note is one group part plus one
progress note per member who attended; each part is plain text the therapist edits.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from iop_facilitator.errors import UserError
from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.errors import NoteLocked, NotFinal
from iop_facilitator.session.records import Store
from iop_facilitator.wording import when

PLACEHOLDER = re.compile(r"\[Therapist:[^\]]*\]")
"""What the drafts leave for the therapist to write ("[Therapist: add the plan ...]")."""


class PlaceholdersLeft(UserError):
    """A note cannot be made final with placeholders in it unless the signer chooses to."""


class NoteFormat(StrEnum):
    """The clinical note formats a clinic may choose."""

    BIRP = "birp"
    DAP = "dap"
    SOAP = "soap"


class NoteStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class Addendum(BaseModel):
    """Text added to a final note later, with when and by whom."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    written: datetime
    by: str
    text: str = Field(min_length=1, max_length=20_000)
    # The member it is about (None: the group note): it goes into that member's own export.
    about: str | None = None


class ClinicalNote(BaseModel):
    """The note of one session: the group part and each member's progress note."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    session_id: str
    format: NoteFormat = NoteFormat.BIRP
    group_text: str
    member_texts: dict[str, str] = Field(default_factory=dict)  # member id -> progress note
    status: NoteStatus = NoteStatus.DRAFT
    edited: datetime | None = None
    finalised: datetime | None = None
    finalised_by: str = ""
    finalised_credentials: str = ""  # "PsyD, LCSW": the signature block's credentials
    # The placeholders the signer chose to leave when making it final (an explicit choice,
    # kept with the note; exports mark them wherever they stand).
    placeholders_left: tuple[str, ...] = ()
    addenda: tuple[Addendum, ...] = ()

    @property
    def final(self) -> bool:
        """True once the note is locked."""
        return self.status is NoteStatus.FINAL

    def edited_to(
        self,
        *,
        at: datetime,
        group_text: str | None = None,
        member_texts: dict[str, str] | None = None,
    ) -> ClinicalNote:
        """The note with new text for the group part and/or some members' parts.

        Raises `NoteLocked` when the note is final.
        """
        if self.final:
            raise NoteLocked(
                "This note is final and cannot be changed.",
                hint="Add a dated addendum instead.",
            )
        texts = dict(self.member_texts)
        texts.update(member_texts or {})
        return self.model_copy(
            update={
                "group_text": self.group_text if group_text is None else group_text,
                "member_texts": texts,
                "edited": at,
            }
        )

    def made_final(
        self,
        *,
        at: datetime,
        by: str,
        credentials: str = "",
        leave_placeholders: bool = False,
    ) -> ClinicalNote:
        """The note locked as final, signed `by` (with `credentials`) at `at`; a final note
        stays as it was. With placeholders still in it, raises `PlaceholdersLeft` unless the
        signer chose to leave them (`leave_placeholders`), a choice kept in the note."""
        if self.final:
            return self
        left = tuple(found for _, found in self.placeholders())
        if left and not leave_placeholders:
            raise PlaceholdersLeft(
                f"The note still holds {len(left)} placeholder"
                f"{'' if len(left) == 1 else 's'} ({left[0]}), so it was not made final.",
                hint="Fill them in, or choose to sign with them left (that choice is recorded).",
            )
        return self.model_copy(
            update={
                "status": NoteStatus.FINAL,
                "finalised": at,
                "finalised_by": by,
                "finalised_credentials": credentials.strip(),
                "placeholders_left": left,
            }
        )

    def with_addendum(
        self, *, text: str, at: datetime, by: str, about: str | None = None
    ) -> ClinicalNote:
        """The final note with a dated addendum added (`about`: the member it concerns, or
        None for the group note); raises `NotFinal` on a draft."""
        if not self.final:
            raise NotFinal(
                "This note is still a draft, so it can simply be edited.",
                hint="Addenda are for notes already made final.",
            )
        addendum = Addendum(written=at, by=by, text=text.strip(), about=about)
        return self.model_copy(update={"addenda": (*self.addenda, addendum)})

    def placeholders(self) -> list[tuple[str, str]]:
        """The draft's "[Therapist: ...]" placeholders still in the note, in reading order:
        (member id, or "" for the group part; the placeholder)."""
        parts = [("", self.group_text), *self.member_texts.items()]
        return [(part, found) for part, text in parts for found in PLACEHOLDER.findall(text)]

    def index_entry(self) -> dict[str, Any]:
        """What the follow-up list needs without decrypting the note."""
        return {
            "session_id": self.session_id,
            "status": self.status.value,
            "format": self.format.value,
            "addenda": len(self.addenda),
        }


def load_note(store: Store, session_id: str) -> ClinicalNote | None:
    """The saved clinical note of a session, or None when the therapist has not saved one yet."""
    if session_id not in store.index_entries(RecordKind.CLINICAL_NOTE):
        return None
    return ClinicalNote.model_validate_json(store.get(RecordKind.CLINICAL_NOTE, session_id))


def save_note(store: Store, note: ClinicalNote) -> None:
    """Save the note (atomically, sealed) and its small index entry."""
    store.put(
        RecordKind.CLINICAL_NOTE,
        note.session_id,
        note.model_dump_json().encode(),
        index_entry=note.index_entry(),
    )


def note_statuses(store: Store) -> dict[str, NoteStatus]:
    """Each saved note's status by session id, read from the index alone."""
    return {
        session_id: NoteStatus(entry.get("status", NoteStatus.DRAFT))
        for session_id, entry in store.index_entries(RecordKind.CLINICAL_NOTE).items()
    }


def status_line(note: ClinicalNote) -> str:
    """ "Final — signed by X on DATE" or "Draft (not final)"."""
    if note.final and note.finalised is not None:
        return f"Final — signed by {note.finalised_by} on {when(note.finalised)}"
    return "Draft (not final)"
