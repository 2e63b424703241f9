"""The record objects on disk, walked without the index: to rebuild it, adopt, and check.

Also reads a format-1 index (one sealed record file holding everything), which is what a vault
made by an older version has until it is upgraded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from iop_facilitator.vault.crypto import DataKeys
from iop_facilitator.vault.errors import VaultDamagedError
from iop_facilitator.vault.index_text import KIND_PATTERN, IndexedRecord, IndexText
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import (
    PREFIX_BYTES,
    RECORD_MAGIC,
    FormatProblem,
    NewerFormat,
    SealedRecord,
    object_name,
    open_record,
    open_record_parts,
    read_prefix,
    record_label,
)
from iop_facilitator.vault.storage import TEMP_PREFIX

INDEX_KIND = "index"
INDEX_ID = "index"
LIVE_KIND = "live-session"
"""Index-only entries (no object): the ids of live sessions, listed when their journal starts."""

Listing = dict[str, dict[str, IndexedRecord]]

UPGRADE_NOTICE = (
    "This vault is in format 1; it is being upgraded to format 2 (saves that stay fast as it "
    "grows). This happens once, and older versions of iop-facilitator cannot open it after."
)


def version_problem(found: int, known: IndexedRecord) -> str | None:
    """Why an object of version `found` is not the version the index lists (None: it is)."""
    if found < known.rev:
        return (
            f"it is an older copy (version {found}) than the index lists "
            f"(version {known.rev}), put back from a backup or replayed"
        )
    if found > known.rev and known.version != 1:
        # Format 1 replaced a record's file before its index: a newer one was a save whose
        # index write did not happen. A format-2 object's name holds its version.
        return f"it holds version {found} under the name of version {known.rev} (renamed)"
    return None


@dataclass(frozen=True)
class FoundObject:
    """One object file read without the index: its record, or why it could not be read."""

    kind: str
    name: str
    record: SealedRecord | None
    problem: VaultDamagedError | None = None


def record_files(layout: VaultLayout) -> Iterator[tuple[str, str]]:
    """Every (kind, file name) under records/, skipping temp files."""
    try:
        kinds = sorted(os.listdir(layout.records))
    except OSError:  # missing, or not a folder: no records to find
        return
    for kind in kinds:
        if not KIND_PATTERN.match(kind):
            continue
        try:
            names = sorted(os.listdir(layout.records / kind))
        except OSError:
            continue  # a stray file where a kind's folder would be: not a record
        for name in names:
            if not name.startswith(TEMP_PREFIX):
                yield kind, name


def read_object(
    keys: DataKeys, vault_id: bytes, layout: VaultLayout, kind: str, name: str
) -> FoundObject:
    """Open one object file and check that its name is the one its record and version give."""
    path = layout.record(kind, name)
    try:
        record = open_record(keys, vault_id, kind, path.read_bytes(), file_name=name)
    except (FormatProblem, NewerFormat, OSError) as error:
        return FoundObject(kind, name, None, VaultDamagedError(layout.shown(path), str(error)))
    if object_name(keys, kind, record.record_id, record.rev, record.version) != name:
        problem = "it holds another version than its name says (renamed)"
        return FoundObject(kind, name, None, VaultDamagedError(layout.shown(path), problem))
    return FoundObject(kind, name, record)


def rebuild(
    keys: DataKeys, vault_id: bytes, layout: VaultLayout
) -> tuple[Listing, set[str], list[VaultDamagedError]]:
    """The index made again from the objects: each record's highest version wins."""
    records: Listing = {}
    finished: set[str] = set()
    problems: list[VaultDamagedError] = []
    for kind, name in record_files(layout):
        found = read_object(keys, vault_id, layout, kind, name)
        if found.record is None:
            assert found.problem is not None
            problems.append(found.problem)
            continue
        record = found.record
        listed = records.setdefault(kind, {})
        known = listed.get(record.record_id)
        if known is None or known.rev < record.rev:
            listed[record.record_id] = IndexedRecord.of(record.rev, record.entry, record.version)
        if record.session is not None:
            finished.add(record.session)
    return records, finished, problems


def adopt_format_1(
    keys: DataKeys, vault_id: bytes, layout: VaultLayout, records: Listing, finished: set[str]
) -> list[VaultDamagedError]:
    """Format 1: list every record file its index does not (written just before a crash)."""
    known = {
        (kind, keys.file_name(record_label(kind, rid)))
        for kind, listed in records.items()
        for rid in listed
    }
    problems: list[VaultDamagedError] = []
    for kind, name in record_files(layout):
        if (kind, name) in known:
            continue
        found = read_object(keys, vault_id, layout, kind, name)
        if found.record is None:
            assert found.problem is not None
            problems.append(found.problem)
            continue
        record = found.record
        records.setdefault(kind, {})[record.record_id] = IndexedRecord.of(
            record.rev, record.entry, record.version
        )
        if record.session is not None:
            finished.add(record.session)
    return problems


def any_record_from_this_vault(layout: VaultLayout, vault_id: bytes) -> bool:
    """Whether the first readable object belongs to this vault (to tell which file is the
    stranger when the index and the key file disagree)."""
    for kind, name in record_files(layout):
        try:
            with open(layout.record(kind, name), "rb") as file:
                prefix = file.read(PREFIX_BYTES)
            return read_prefix(prefix, RECORD_MAGIC) == vault_id
        except (OSError, FormatProblem, NewerFormat):
            continue
    return False


def read_format_1_index(keys: DataKeys, vault_id: bytes, data: bytes) -> tuple[Listing, set[str]]:
    """The records and finished sessions a format-1 index lists (every object of format 1).

    Raises `FormatProblem`. Holds at most two copies of the index at any moment.
    """
    name = keys.file_name(record_label(INDEX_KIND, INDEX_ID))
    _, plaintext, start, _ = open_record_parts(keys, vault_id, INDEX_KIND, data, name)
    del data
    text = str(memoryview(plaintext)[start:], "utf-8")
    del plaintext
    records, finished = IndexText(text).read()
    for listed in records.values():
        for record in listed.values():
            record.version = 1
    return records, finished
