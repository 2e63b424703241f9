"""What the `export` command and the review app call: build an export, then deliver it.

Building reads the vault and returns the text and a description; nothing is written. Delivering
records the export in the vault's access log, then writes the file (0600), in that order, so no
plain text ever leaves the vault unlogged; a file that could not be written leaves nothing
behind, and its log entry says it failed.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from iop_facilitator.errors import UserError
from iop_facilitator.review.access_log import record_export, record_export_failed
from iop_facilitator.review.archive import Archive
from iop_facilitator.review.attendance_register import (
    attendance_register,
    register_csv,
    register_document,
)
from iop_facilitator.review.clinical_notes import ClinicalNote, NoteFormat
from iop_facilitator.review.errors import ExportFailed, SessionUnknown
from iop_facilitator.review.export.document import Document
from iop_facilitator.review.export.files import write_export
from iop_facilitator.review.export.history_export import (
    member_history_document,
    range_document,
    range_title,
)
from iop_facilitator.review.export.html import render_html
from iop_facilitator.review.export.json_export import member_json, render_json, session_json
from iop_facilitator.review.export.markdown import render_markdown
from iop_facilitator.review.export.session_export import member_note_document, session_document
from iop_facilitator.review.library import Library
from iop_facilitator.review.member_history import find_member, member_history
from iop_facilitator.review.note_privacy import check_member_note, note_warnings
from iop_facilitator.review.note_text import draft_in, note_from_draft
from iop_facilitator.review.safety_flags import handlings
from iop_facilitator.review.sessions import SessionFilter, list_sessions
from iop_facilitator.session.group import initials_of
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.wording import count, day


class FileFormat(StrEnum):
    MARKDOWN = "md"
    HTML = "html"
    JSON = "json"
    CSV = "csv"  # the attendance register only


@dataclass(frozen=True)
class Export:
    """An export ready to write: its text, what it holds (in words) and a file name."""

    text: str
    what: str
    file_name: str
    file_format: FileFormat
    notices: tuple[str, ...] = ()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "export"


def _render(document: Document, fmt: FileFormat) -> str:
    return render_html(document) if fmt is FileFormat.HTML else render_markdown(document)


def note_in_style(
    library: Library, session_id: str, summary: SessionSummary, style: NoteFormat | None
) -> tuple[ClinicalNote, str | None]:
    """The therapist's note, or a fresh draft when another format is asked for (with a notice
    saying the therapist's own note was not used)."""
    note = library.note(session_id)
    if style is None or style is note.format:
        return note, None
    notice = (
        f"The saved note of {day(summary.started)} is {note.format.value.upper()}; this export "
        f"holds a fresh {style.value.upper()} draft instead, without the therapist's edits."
    )
    return note_from_draft(session_id, draft_in(summary, style), style), notice


def session_export(
    library: Library,
    session_id: str,
    *,
    fmt: FileFormat = FileFormat.MARKDOWN,
    style: NoteFormat | None = None,
    member: str | None = None,
) -> Export:
    """One session: the group note and every progress note, or one member's note only."""
    finished = library.finished(session_id)
    summary = finished.summary()
    note, notice = note_in_style(library, session_id, summary, style)
    notices: tuple[str, ...] = (notice,) if notice else ()
    when = day(summary.started)
    if member is not None:
        line = next(
            (a for a in summary.attendance if a.member_id == member or a.name == member), None
        )
        if line is None or not line.attended:
            raise SessionUnknown(f"{member} did not attend the session of {when}.")
        check_member_note(summary, note, line.member_id)
        what = f"progress note of {line.initials} from {summary.group_name}, {when}"
        name = f"progress-note-{_slug(line.initials)}-{when}"
        if fmt is FileFormat.JSON:
            text = render_json("member-session", [member_json(summary, note, line.member_id)])
        else:
            text = _render(member_note_document(summary, note, line.member_id), fmt)
    else:
        attended = sum(1 for a in summary.attendance if a.attended)
        notes = count(attended, "progress note")
        what = f"group note and {notes} of {summary.group_name}, {when}"
        # The whole session names everyone anyway; but a part that could not go out alone is
        # said now, by name, so it is fixed before a member's own export is asked for.
        notices += tuple(note_warnings(summary, note))
        name = f"group-note-{_slug(summary.group_name)}-{when}"
        if fmt is FileFormat.JSON:
            text = render_json("session", [session_json(finished, note)])
        else:
            handled = handlings(library.vault)
            text = _render(session_document(summary, note, handled), fmt)
    return Export(text, what, f"{name}.{fmt.value}", fmt, notices)


def range_export(
    library: Library,
    archive: Archive,
    *,
    group: str,
    since: date | None,
    until: date | None,
    fmt: FileFormat = FileFormat.MARKDOWN,
    style: NoteFormat | None = None,
) -> Export:
    """A group's finished sessions between two dates (both included), oldest first."""
    digests = [
        d
        for d in list_sessions(archive, SessionFilter(group=group, since=since, until=until))
        if d.finished
    ]
    if not digests:
        raise SessionUnknown(f"No finished session of {group} falls in that range.")
    digests.reverse()
    group_name = digests[0].group_name
    items: list[tuple[SessionSummary, ClinicalNote]] = []
    json_items: list[dict[str, Any]] = []
    notices = []
    for d in digests:
        finished = library.finished(d.session_id)
        summary = finished.summary()
        note, notice = note_in_style(library, d.session_id, summary, style)
        notices += [notice] if notice else []
        items.append((summary, note))
        if fmt is FileFormat.JSON:
            json_items.append(session_json(finished, note))
    title = range_title(group_name, since, until)
    text = (
        render_json("sessions", json_items)
        if fmt is FileFormat.JSON
        else _render(range_document(title, items, handlings(library.vault)), fmt)
    )
    first, last = day(items[0][0].started), day(items[-1][0].started)
    what = f"{count(len(items), 'session')} of {group_name}, {first} to {last}"
    name = f"group-notes-{_slug(group_name)}-{first}-to-{last}.{fmt.value}"
    return Export(text, what, name, fmt, tuple(notices))


def member_history_export(
    library: Library,
    archive: Archive,
    *,
    member: str,
    fmt: FileFormat = FileFormat.MARKDOWN,
    style: NoteFormat | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Export:
    """A member's history: figures, sessions, notes, flags and every progress note."""
    listing = find_member(archive, member)
    history = member_history(archive, listing.id)
    sessions = [
        s
        for s in history.sessions
        if s.attendance.attended
        and (since is None or s.started.astimezone().date() >= since)
        and (until is None or s.started.astimezone().date() <= until)
    ]
    notes: list[tuple[SessionSummary, ClinicalNote]] = []
    notices = []
    for s in sessions:
        summary = library.summary(s.session_id)
        note, notice = note_in_style(library, s.session_id, summary, style)
        notices += [notice] if notice else []
        check_member_note(summary, note, listing.id)
        notes.append((summary, note))
    initials = initials_of(history.name)
    what = f"member history of {initials} ({count(len(history.sessions), 'session')})"
    name = f"member-history-{_slug(initials)}.{fmt.value}"
    if fmt is FileFormat.JSON:
        items = [member_json(summary, note, history.id) for summary, note in notes]
        return Export(render_json("member-history", items), what, name, fmt, tuple(notices))
    text = _render(member_history_document(history, notes), fmt)
    return Export(text, what, name, fmt, tuple(notices))


def attendance_export(
    library: Library,
    archive: Archive,
    *,
    since: date | None,
    until: date | None,
    group: str | None = None,
    fmt: FileFormat = FileFormat.CSV,
) -> Export:
    """The attendance register (`review.attendance_register`): CSV, or printable (Markdown,
    HTML)."""
    if fmt is FileFormat.JSON:
        raise UserError("The attendance register is exported as csv, md or html.")
    lines = attendance_register(library, archive, since=since, until=until, group=group)
    if not lines:
        raise SessionUnknown("No finished session falls in that range.")
    if fmt is FileFormat.CSV:
        text = register_csv(lines)
    else:
        text = _render(register_document(lines, since, until), fmt)
    first, last = min(x.day for x in lines), max(x.day for x in lines)
    sessions = len({x.session_id for x in lines})
    members = len({x.member_id for x in lines})
    what = (
        f"attendance register of {count(members, 'member')} in {count(sessions, 'session')}, "
        f"{first} to {last}"
    )
    return Export(text, what, f"attendance-register-{first}-to-{last}.{fmt.value}", fmt)


def deliver(library: Library, export: Export, path: Path, *, at: datetime) -> Path:
    """Record the export in the access log, then write it to `path` (0600); return where it
    went (absolute).

    Raises `ExportFailed` and writes nothing when the log cannot record it (the vault busy,
    the disk full); when the file cannot be written, no part of it is left and its log entry
    says it failed (if the vault still takes that).
    """
    destination = path.expanduser().absolute()
    try:
        record_id, entry = record_export(
            library.vault,
            at=at,
            what=export.what,
            format=export.file_format.value,
            destination=str(destination),
        )
    except UserError as error:
        failed = ExportFailed(
            "Nothing was exported, because the vault's access log could not record it.",
            hint=str(error),
        )
        failed.exit_code = error.exit_code
        raise failed from error
    try:
        return write_export(destination, export.text)
    except ExportFailed as error:
        with contextlib.suppress(UserError):  # the entry then stands as an attempt
            record_export_failed(library.vault, record_id, entry, error.message)
        raise
