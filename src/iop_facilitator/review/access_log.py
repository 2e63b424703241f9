"""The access log: every time plain text left the vault through an export, what and when.

An export is logged before its file is written, so that no plain text ever leaves the vault
unlogged; an export whose file then could not be written says so in `failed`. Each entry is
its own small sealed record whose index entry carries the whole entry, so the log is listed
without decrypting anything but the vault's index.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.records import Store


class AccessLogEntry(BaseModel):
    """One export (when, what, in which form, where the file went), or one session discarded
    because nobody attended it (`action` "discard"; no form, no file)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    at: datetime
    action: Literal["export", "discard"] = "export"
    what: str
    format: str
    destination: str
    failed: str | None = None  # why the file could not be written, when it could not


def _put(store: Store, record_id: str, entry: AccessLogEntry) -> None:
    store.put(
        RecordKind.ACCESS_LOG,
        record_id,
        entry.model_dump_json().encode(),
        index_entry=entry.model_dump(mode="json"),
    )


def record_discard(store: Store, *, at: datetime, what: str) -> AccessLogEntry:
    """Log that a session nobody attended was discarded (`session.discarding`), before it is:
    a session never leaves the record without a trace."""
    entry = AccessLogEntry(at=at, action="discard", what=what, format="", destination="")
    _put(store, f"{at.strftime('%Y%m%dT%H%M%S%f')}-{secrets.token_hex(4)}", entry)
    return entry


def record_export(
    store: Store, *, at: datetime, what: str, format: str, destination: str
) -> tuple[str, AccessLogEntry]:
    """Append an export to the access log (sealed and fsynced by the vault) before its file is
    written; return the entry's record id and the entry."""
    entry = AccessLogEntry(at=at, what=what, format=format, destination=destination)
    # Ids sort by time, and the random tail keeps two exports in one microsecond apart.
    record_id = f"{at.strftime('%Y%m%dT%H%M%S%f')}-{secrets.token_hex(4)}"
    _put(store, record_id, entry)
    return record_id, entry


def record_export_failed(
    store: Store, record_id: str, entry: AccessLogEntry, reason: str
) -> AccessLogEntry:
    """Say in the export's log entry that its file could not be written, and why."""
    failed = entry.model_copy(update={"failed": reason})
    _put(store, record_id, failed)
    return failed


def access_log(store: Store) -> list[AccessLogEntry]:
    """Every export recorded in this vault, newest first."""
    entries = store.index_entries(RecordKind.ACCESS_LOG)
    ordered = sorted(entries.items(), key=lambda item: item[0], reverse=True)
    return [AccessLogEntry.model_validate(entry) for _, entry in ordered]
