"""Opening a live session's journal file: starting it, or checking its header and frames."""

from __future__ import annotations

from iop_facilitator.vault.errors import JournalDamagedError, VaultNewerError
from iop_facilitator.vault.journal import (
    JournalScan,
    TornTail,
    build_header,
    header_length,
    read_session_id,
    scan,
)
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import PREFIX_BYTES, FormatProblem, NewerFormat, prefix_version
from iop_facilitator.vault.storage import atomic_write, make_folder, storage_error


def prepare_journal(
    key: bytes, vault_id: bytes, layout: VaultLayout, name: str, session_id: str
) -> tuple[int, JournalScan, bytes]:
    """Where the journal's header ends, what its frames hold, and its 26-byte prefix (a
    journal begun in format 1 goes on in format 1: its frames' associated data say so).

    Starts the journal when there is none. Raises `JournalDamagedError`, `VaultNewerError` or
    `StorageError`.
    """
    path = layout.journal(name)
    shown = layout.shown(path)
    header = build_header(key, vault_id, name, session_id)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        try:
            make_folder(layout.journals)
        except OSError as error:
            raise storage_error(error, "the new session journal") from error
        atomic_write(path, header, what="the new session journal")
        return len(header), JournalScan(end=len(header)), header[:PREFIX_BYTES]
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
        atomic_write(path, header, what="the session journal")
        torn = TornTail(offset=0, dropped_bytes=len(data))
        return len(header), JournalScan(end=len(header), torn=torn), header[:PREFIX_BYTES]
    end = header_length(data)
    if end != len(header):
        raise JournalDamagedError(shown, "its header length is changed", [])
    try:
        found = read_session_id(key, vault_id, name, data)
    except NewerFormat as error:
        raise VaultNewerError(shown, error.version) from error
    except FormatProblem as error:
        raise JournalDamagedError(shown, str(error), []) from error
    if found != session_id:
        raise JournalDamagedError(shown, "it belongs to another session", [])
    scanned = scan(key, session_id, data, end)
    if scanned.damage is not None:
        raise JournalDamagedError(shown, scanned.damage, scanned.records)
    return end, scanned, data[:PREFIX_BYTES]
