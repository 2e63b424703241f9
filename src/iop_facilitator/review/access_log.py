"""The access log: every time plain text left the vault through an export, what and when.

Each entry is its own small sealed record whose index entry carries the whole entry, so the
log is listed without decrypting anything but the vault's index.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from iop_facilitator.review.records import ACCESS_LOG, RecordStore


class AccessLogEntry(BaseModel):
    """One export: when, what was exported, in which form, and where the file went."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    at: datetime
    action: Literal["export"] = "export"
    what: str
    format: str
    destination: str


def record_export(
    store: RecordStore, *, at: datetime, what: str, format: str, destination: str
) -> AccessLogEntry:
    """Append an export to the access log (sealed and fsynced by the vault) and return it."""
    entry = AccessLogEntry(at=at, what=what, format=format, destination=destination)
    # Ids sort by time, and the random tail keeps two exports in one microsecond apart.
    record_id = f"{at.strftime('%Y%m%dT%H%M%S%f')}-{secrets.token_hex(4)}"
    store.put(
        ACCESS_LOG,
        record_id,
        entry.model_dump_json().encode(),
        index_entry=entry.model_dump(mode="json"),
    )
    return entry


def access_log(store: RecordStore) -> list[AccessLogEntry]:
    """Every export recorded in this vault, newest first."""
    entries = store.index_entries(ACCESS_LOG)
    ordered = sorted(entries.items(), key=lambda item: item[0], reverse=True)
    return [AccessLogEntry.model_validate(entry) for _, entry in ordered]
