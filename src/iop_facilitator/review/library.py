"""Review's door to the vault: finished sessions through the engine's `Records`, digests kept
up to date, clinical notes loaded and saved.

The only writes are review's own records (digests, clinical notes, handled flags, the access
log); a finished session's record is never rewritten here, so reading can never damage it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pydantic import ValidationError

from iop_facilitator.errors import UserError
from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.archive import Archive, store_digest
from iop_facilitator.review.clinical_notes import ClinicalNote, NoteFormat, load_note, save_note
from iop_facilitator.review.digest import DIGEST_VERSION, SessionDigest, digest_of
from iop_facilitator.review.digest_text import digest_version
from iop_facilitator.review.errors import NoteChanged, NoteLocked, SessionUnknown
from iop_facilitator.review.note_text import draft_in, note_from_draft, note_from_saved_text
from iop_facilitator.session.records import FinishedSession, Records
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.vault import Vault

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    return None


class Library:
    """An unlocked vault seen by review."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.records = Records(vault)

    def missing_digests(self) -> list[str]:
        """Finished sessions without a current digest (new since review last ran)."""
        return self.missing_among(self.vault.index_entries_json(RecordKind.SESSION_DIGEST))

    def missing_among(self, digests: dict[str, str]) -> list[str]:
        """Finished sessions without a current digest among `digests` (the index's texts)."""
        # Each digest's version read from its text, none of them decoded.
        return [
            sid
            for sid in self.vault.ids(RecordKind.SESSION)
            if digest_version(digests.get(sid)) != DIGEST_VERSION
        ]

    def update_digests(
        self, progress: Progress = _no_progress, *, missing: list[str] | None = None
    ) -> tuple[list[SessionDigest], list[UserError]]:
        """Build the digest of every finished session that has none, and keep them in the
        index; return them with the problems met.

        Decrypts only those sessions, once each; the index is written once at the end. A
        session that cannot be read (a damaged file) is reported and skipped, never blocking
        the others. When the digests cannot be saved (a read-only disk, the vault busy) they
        still serve this run, and are built again next time. `missing` is what
        `missing_digests` would give, when the caller already knows it.
        """
        if missing is None:
            missing = self.missing_digests()
        built: list[SessionDigest] = []
        problems: list[UserError] = []
        for done, session_id in enumerate(missing, 1):
            try:
                built.append(digest_of(self.records.finished(session_id).summary()))
            except UserError as error:
                problems.append(error)
            progress(done, len(missing))
        if built:
            try:
                with self.vault.batch():
                    for digest in built:
                        store_digest(self.vault, digest)
            except UserError as error:
                problems.append(error)
        return built, problems

    def archive(self) -> Archive:
        """Every session's digest and review's records, digests brought up to date first;
        what could not be read or saved is listed in `archive.problems`."""
        built, problems = self.update_digests()
        archive = Archive.load(self.vault)
        known = {d.session_id for d in archive.sessions}
        archive.add_all([d for d in built if d.session_id not in known])
        archive.problems = [str(p) for p in problems]
        return archive

    def resolve(self, wanted: str, archive: Archive | None = None) -> str:
        """A session id from an id, the start of one, or `latest`.

        Raises `SessionUnknown` when nothing or more than one session matches.
        """
        ids = self.vault.ids(RecordKind.SESSION)
        if wanted in ids:
            return wanted
        if wanted == "latest":
            sessions = (archive or self.archive()).sessions
            if not sessions:
                raise SessionUnknown("There is no finished session in this vault yet.")
            return sessions[0].session_id
        found = [i for i in ids if i.startswith(wanted)] if wanted else []
        if len(found) == 1:
            return found[0]
        if found:
            raise SessionUnknown(
                f"More than one session starts with {wanted}.", hint="Give more of the id."
            )
        raise SessionUnknown(
            f"There is no finished session {wanted}.",
            hint="`iop-facilitator review` lists the sessions with their ids.",
        )

    def finished(self, session_id: str) -> FinishedSession:
        """The finished session (decrypted)."""
        return self.records.finished(session_id)

    def summary(self, session_id: str) -> SessionSummary:
        """The session's summary, rebuilt from its events."""
        return self.finished(session_id).summary()

    def note(self, session_id: str, finished: FinishedSession | None = None) -> ClinicalNote:
        """The clinical note as last saved in review, or else the note saved with the session."""
        saved = load_note(self.vault, session_id)
        if saved is not None:
            return saved
        finished = finished or self.finished(session_id)
        fmt = NoteFormat(finished.note_style)
        return note_from_saved_text(finished.summary(), finished.note, fmt)

    def saved_notes(self) -> dict[str, ClinicalNote]:
        """Every clinical note saved in review, by session id (decrypted one at a time; a
        damaged one is left out here and reported by `vault check`), for search."""
        notes: dict[str, ClinicalNote] = {}
        for stored in self.vault.records(RecordKind.CLINICAL_NOTE):
            if stored.payload is None:
                continue
            try:
                notes[stored.record_id] = ClinicalNote.model_validate_json(stored.payload)
            except ValidationError:
                continue
        return notes

    def save_note(self, note: ClinicalNote, archive: Archive | None = None) -> None:
        """Save the clinical note; keeps `archive` in step."""
        save_note(self.vault, note)
        if archive is not None:
            archive.notes[note.session_id] = note.status

    def _change_note(
        self,
        session_id: str,
        change: Callable[[ClinicalNote], ClinicalNote],
        *,
        seen: ClinicalNote | None,
        archive: Archive | None = None,
    ) -> ClinicalNote:
        """Read the note, change it and save it under the vault's lock, so that no other
        window or program saves it in between (a note signed final there stays final).

        `seen` is the note as the caller showed it: a draft changed there, but signed final
        meanwhile, is refused with `NoteChanged`.
        """
        with self.vault.batch():  # holds the vault lock and re-reads the index
            current = self.note(session_id)
            if seen is not None and current.final and not seen.final:
                raise NoteChanged(
                    "This note was signed final in another window, so your changes were not saved.",
                    hint="Add them as a dated addendum.",
                )
            note = change(current)
            self.save_note(note, archive)
        return note

    def edit_note(
        self,
        session_id: str,
        *,
        at: datetime,
        group_text: str | None = None,
        member_texts: dict[str, str] | None = None,
        archive: Archive | None = None,
        seen: ClinicalNote | None = None,
    ) -> ClinicalNote:
        """Change a draft note's text and save it (`NoteLocked` if it is final, `NoteChanged`
        if it was made final since `seen`)."""
        return self._change_note(
            session_id,
            lambda note: note.edited_to(at=at, group_text=group_text, member_texts=member_texts),
            seen=seen,
            archive=archive,
        )

    def redraft_note(
        self,
        session_id: str,
        fmt: NoteFormat,
        *,
        at: datetime,
        archive: Archive | None = None,
        seen: ClinicalNote | None = None,
    ) -> ClinicalNote:
        """Replace a draft note with a fresh draft in another format, and save it.

        Raises `NoteLocked` when the note is final: a final note is never replaced
        (`NoteChanged` when it was made final since `seen`).
        """
        summary = self.summary(session_id)

        def redrafted(note: ClinicalNote) -> ClinicalNote:
            if note.final:
                raise NoteLocked(
                    "This note is final and keeps its format.",
                    hint="Add a dated addendum instead.",
                )
            fresh = note_from_draft(session_id, draft_in(summary, fmt), fmt)
            return fresh.model_copy(update={"edited": at})

        return self._change_note(session_id, redrafted, seen=seen, archive=archive)

    def finalise_note(
        self,
        session_id: str,
        *,
        at: datetime,
        by: str,
        credentials: str = "",
        leave_placeholders: bool = False,
        archive: Archive | None = None,
        seen: ClinicalNote | None = None,
    ) -> ClinicalNote:
        """Lock the note as final, signed (name and credentials) and dated, and save it;
        with placeholders left only when `leave_placeholders` says so (recorded in the note).

        With `seen` (the note as the caller showed it), a draft changed elsewhere since is
        refused with `NoteChanged`: nobody signs text they have not seen.
        """

        def signed(note: ClinicalNote) -> ClinicalNote:
            if seen is not None and not note.final and note != seen:
                raise NoteChanged(
                    "This note was changed in another window, so it was not made final.",
                    hint="Read it again, then make it final.",
                )
            return note.made_final(
                at=at, by=by, credentials=credentials, leave_placeholders=leave_placeholders
            )

        return self._change_note(session_id, signed, seen=None, archive=archive)

    def add_addendum(
        self, session_id: str, *, text: str, at: datetime, by: str, about: str | None = None
    ) -> ClinicalNote:
        """Add a dated addendum to a final note and save it (`NotFinal` on a draft); `about`:
        the member it concerns (it then goes into their own export too)."""
        return self._change_note(
            session_id,
            lambda note: note.with_addendum(text=text, at=at, by=by, about=about),
            seen=None,
        )
