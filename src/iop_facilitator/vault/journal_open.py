"""Opening a live session's journal file: starting it, or checking its header and frames."""

from __future__ import annotations

import contextlib
import os
import secrets
from functools import partial
from pathlib import Path

from iop_facilitator.atomic_file import fsync_folder
from iop_facilitator.vault.errors import JournalDamagedError, VaultNewerError
from iop_facilitator.vault.frames import scan_frames
from iop_facilitator.vault.journal import (
    JournalScan,
    TornTail,
    build_header,
    frame_aad,
    header_length,
    read_session_id,
    scan,
)
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import (
    PREFIX_BYTES,
    READABLE_VERSIONS,
    FormatProblem,
    NewerFormat,
    prefix_version,
)
from iop_facilitator.vault.storage import (
    FILE_MODE,
    TEMP_PREFIX,
    make_folder,
    storage_error,
    write_all,
)


def _create_exclusive(path: Path, data: bytes) -> None:
    """Give `path` the bytes `data` unless it exists (never replacing another process's new
    journal, as a rename would): a complete temp file, then a hard link to the name."""
    temp = path.with_name(f"{TEMP_PREFIX}{path.name}-{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    fsync_folder(path.parent)


def create_journal(
    key: bytes, vault_id: bytes, layout: VaultLayout, name: str, session_id: str
) -> None:
    """Start the session's journal (its header only) if there is none; raises `StorageError`."""
    path = layout.journal(name)
    if path.exists():
        return
    try:
        make_folder(layout.journals)
        _create_exclusive(path, build_header(key, vault_id, name, session_id))
    except OSError as error:
        raise storage_error(error, "the new session journal") from error


def _rewrite_in_place(path: Path, data: bytes) -> None:
    """Replace a journal's bytes without a new file: its lock is on this very file."""
    try:
        fd = os.open(path, os.O_WRONLY)
        try:
            os.ftruncate(fd, 0)
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        raise storage_error(error, "the session journal") from error


def _write_header_in_place(path: Path, header: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY)
        try:
            os.pwrite(fd, header, 0)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        raise storage_error(error, "the session journal") from error


def _repaired_header(
    key: bytes, vault_id: bytes, path: Path, name: str, session_id: str, data: bytes
) -> tuple[int, JournalScan, bytes] | None:
    """A damaged header made again from the session id (known from the index or the caller;
    the file name is its keyed hash), when the frames after it authenticate with it: the
    header holds nothing else. Only the header's bytes are rewritten, at the same length."""
    for version in READABLE_VERSIONS[::-1]:
        header = build_header(key, vault_id, name, session_id, version=version)
        if len(data) < len(header):
            continue
        prefix = header[:PREFIX_BYTES]
        scanned = scan_frames(key, partial(frame_aad, prefix, session_id), data, len(header))
        if scanned.records and scanned.damage is None:
            _write_header_in_place(path, header)
            return len(header), scanned, prefix
    return None


def prepare_journal(
    key: bytes, vault_id: bytes, layout: VaultLayout, name: str, session_id: str
) -> tuple[int, JournalScan, bytes]:
    """Where the journal's header ends, what its frames hold, and its 26-byte prefix (a
    journal begun in format 1 goes on in format 1: its frames' associated data say so).

    Called with the journal locked (`create_journal` made it if there was none). Raises
    `JournalDamagedError`, `VaultNewerError` or `StorageError`.
    """
    path = layout.journal(name)
    shown = layout.shown(path)
    header = build_header(key, vault_id, name, session_id)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        # Locked a moment ago, so removed by hand since: the lock is on a file that is gone.
        raise JournalDamagedError(shown, "it was removed while it was being opened", []) from None
    except OSError as error:
        raise storage_error(error, "the session journal") from error
    if len(data) >= PREFIX_BYTES and data[:8] == header[:8] and prefix_version(data) == 1:
        header = build_header(key, vault_id, name, session_id, version=1)
    # The header's length is known from the session id; everything in it but the sealed
    # part is known exactly, so a cut inside it can be told from a changed length field
    # (which must never lead to rewriting a journal full of entries).
    if len(data) < len(header):
        known = header[: PREFIX_BYTES + 2]
        if data[: len(known)] != known[: len(data)]:
            raise JournalDamagedError(shown, "its header is changed or cut short", [])
        # Cut inside its header (only a deliberate truncation can do that, as headers are
        # written whole): no entry survives, so start it again and say what was dropped.
        _rewrite_in_place(path, header)
        torn = TornTail(offset=0, dropped_bytes=len(data))
        return len(header), JournalScan(end=len(header), torn=torn), header[:PREFIX_BYTES]
    end = header_length(data)
    try:
        if end != len(header):
            raise FormatProblem("its header length is changed")
        found = read_session_id(key, vault_id, name, data)
    except NewerFormat as error:
        raise VaultNewerError(shown, error.version) from error
    except FormatProblem as error:
        repaired = _repaired_header(key, vault_id, path, name, session_id, data)
        if repaired is None:
            raise JournalDamagedError(shown, str(error), []) from error
        return repaired
    if found != session_id:
        raise JournalDamagedError(shown, "it belongs to another session", [])
    scanned = scan(key, session_id, data, end)
    if scanned.damage is not None:
        raise JournalDamagedError(shown, scanned.damage, scanned.records)
    return end, scanned, data[:PREFIX_BYTES]
