"""The live session journal: an append-only file of individually sealed, numbered frames.

Layout (big-endian; see docs/vault-format.md):

    magic "IOPV-JNL" (8) | version u16 | vault id (16)
    u16 length H | sealed session id (H bytes: nonce, ciphertext, tag)
    frames, each: u32 length L | u32 CRC-32 of those 4 length bytes | nonce (12) | ciphertext | tag

A frame's associated data is the 26-byte prefix, the session id (u16 length + UTF-8) and the
frame's sequence number (u64, from 0), so a frame dropped, reordered, replayed or moved from
another session fails authentication. The CRC only lets a reader find frame boundaries while
looking past damage; authenticity comes from the AEAD alone.

When the last frame is incomplete or fails authentication it is a torn write (a crash during
`append`): it is reported to whoever opens the journal, and cut by the next `append`. When any
later frame authenticates, the bad one is damage, and is reported as such, never skipped.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from iop_facilitator.vault.crypto import AuthenticationFailed, seal, unseal
from iop_facilitator.vault.errors import JournalDamagedError, VaultError, VaultNewerError
from iop_facilitator.vault.frames import MAX_PAYLOAD_BYTES, SEQUENCE, FrameScan, scan_frames
from iop_facilitator.vault.frames import TornTail as TornTail
from iop_facilitator.vault.frames import build_frame as build_sealed_frame
from iop_facilitator.vault.locks import HeldLock
from iop_facilitator.vault.sealed import (
    FORMAT_VERSION,
    JOURNAL_MAGIC,
    PREFIX_BYTES,
    READABLE_VERSIONS,
    VERSION_CHANGED,
    FormatProblem,
    NewerFormat,
    file_prefix,
    read_prefix,
    with_version,
)
from iop_facilitator.vault.storage import FILE_MODE, storage_error, write_all

JournalScan = FrameScan
"""What a pass over a journal's bytes found."""


@dataclass(frozen=True)
class JournalContents:
    """Every whole record, in order, and the torn tail after them (if a crash left one)."""

    records: list[bytes]
    torn_tail: TornTail | None


def journal_header_aad(prefix: bytes, name: str) -> bytes:
    """Associated data of the sealed session id in a journal's header."""
    return prefix + b"journal" + name.encode("ascii")


def frame_aad(prefix: bytes, session_id: str, sequence: int) -> bytes:
    """Associated data of frame `sequence` of `session_id`'s journal."""
    sid = session_id.encode("utf-8")
    return prefix + struct.pack(">H", len(sid)) + sid + SEQUENCE.pack(sequence)


def build_header(
    key: bytes,
    vault_id: bytes,
    name: str,
    session_id: str,
    nonce: bytes | None = None,
    *,
    version: int = FORMAT_VERSION,
) -> bytes:
    """The bytes a new journal starts with (`version`: of a journal begun by an older one)."""
    prefix = file_prefix(JOURNAL_MAGIC, vault_id, version)
    sealed = seal(key, session_id.encode("utf-8"), journal_header_aad(prefix, name), nonce)
    return prefix + struct.pack(">H", len(sealed)) + sealed


def build_frame(
    key: bytes, prefix: bytes, session_id: str, sequence: int, payload: bytes, nonce: bytes | None
) -> bytes:
    """One framed, sealed record."""
    return build_sealed_frame(key, frame_aad(prefix, session_id, sequence), payload, nonce)


def header_length(data: bytes) -> int | None:
    """Where the header ends, or None when `data` is too short to tell."""
    if len(data) < PREFIX_BYTES + 2:
        return None
    sealed_length = int.from_bytes(data[PREFIX_BYTES : PREFIX_BYTES + 2], "big")
    return PREFIX_BYTES + 2 + sealed_length


def read_session_id(key: bytes, vault_id: bytes, name: str, data: bytes) -> str:
    """The session id sealed in a journal's header; raises `FormatProblem` or `NewerFormat`."""
    try:
        file_vault = read_prefix(data, JOURNAL_MAGIC)
    except NewerFormat:
        # The version is authenticated with the session id: if the header opens with a
        # version this program knows, the newer one is a changed byte.
        for version in READABLE_VERSIONS:
            try:
                read_session_id(key, vault_id, name, with_version(data, version))
            except (FormatProblem, NewerFormat):
                continue
            raise FormatProblem(VERSION_CHANGED) from None
        raise
    if file_vault != vault_id:
        raise FormatProblem("it belongs to another vault")
    end = header_length(data)
    if end is None or len(data) < end:
        raise FormatProblem("its header is truncated")
    try:
        sealed_id = unseal(
            key, data[PREFIX_BYTES + 2 : end], journal_header_aad(data[:PREFIX_BYTES], name)
        )
    except AuthenticationFailed as error:
        raise FormatProblem("its header failed authentication") from error
    return sealed_id.decode("utf-8")


def scan(key: bytes, session_id: str, data: bytes, start: int) -> JournalScan:
    """Read every frame of a journal from `start` (the end of its header)."""
    prefix = data[:PREFIX_BYTES]
    return scan_frames(key, lambda sequence: frame_aad(prefix, session_id, sequence), data, start)


class Journal:
    """An open live-session journal, holding the session's lock until `close()`.

    Made by `Vault.open_journal`; `append` returns only once the frame is on the disk.
    """

    def __init__(
        self,
        *,
        path: Path,
        shown_as: str,
        session_id: str,
        key: bytes,
        prefix: bytes,
        lock: HeldLock,
        header_end: int,
        scanned: JournalScan,
    ) -> None:
        self.path = path
        self.session_id = session_id
        self._shown_as = shown_as
        self._key = key
        self._prefix = prefix
        self._lock = lock
        self._next_sequence = len(scanned.records)
        self._end = scanned.end
        self._header_end = header_end
        self.torn_tail = scanned.torn
        """A torn last entry found on opening. It stays on disk (so every opener is told) until
        the next `append` cuts it off to start on a clean boundary."""
        self._tail_to_cut = scanned.torn is not None
        try:
            self._fd: int | None = os.open(path, os.O_WRONLY, FILE_MODE)
        except OSError as error:
            lock.release()
            raise storage_error(error, "the session journal") from error

    @property
    def is_open(self) -> bool:
        """Whether the journal can still be appended to (and holds the session's lock)."""
        return self._fd is not None

    @property
    def count(self) -> int:
        """How many records the journal holds."""
        return self._next_sequence

    def append(self, payload: bytes, *, nonce: bytes | None = None) -> int:
        """Seal, frame and write `payload`, fsync, and return its sequence number.

        Raises `StorageError` if the disk refuses; the journal is then as it was before, and
        the same payload can be appended again. `nonce` is for known-answer tests only.
        """
        if self._fd is None:
            raise ValueError("the journal is closed")
        if len(payload) > MAX_PAYLOAD_BYTES:
            # Refused here, not written: a frame longer than any reader accepts would read
            # back as damage and hide every entry after it.
            raise VaultError(
                f"This entry is too large to save ({len(payload):,} bytes; "
                f"at most {MAX_PAYLOAD_BYTES:,})."
            )
        frame = build_frame(
            self._key, self._prefix, self.session_id, self._next_sequence, payload, nonce
        )
        try:
            if self._tail_to_cut:
                os.ftruncate(self._fd, self._end)
                self._tail_to_cut = False
            os.lseek(self._fd, self._end, os.SEEK_SET)
            write_all(self._fd, frame)
            os.fsync(self._fd)
        except OSError as error:
            try:
                os.ftruncate(self._fd, self._end)
            except OSError:
                # The partial frame stays a torn tail: cut by the next append or reported
                # (and cut) when the session is resumed.
                self._tail_to_cut = True
            raise storage_error(error, "the last entry") from error
        self._end += len(frame)
        self._next_sequence += 1
        return self._next_sequence - 1

    def read(self) -> JournalContents:
        """Every whole record on disk, in order (re-read and re-authenticated)."""
        try:
            data = self.path.read_bytes()
        except OSError as error:
            raise storage_error(error, "the session journal") from error
        try:
            read_prefix(data, JOURNAL_MAGIC)
        except NewerFormat as error:
            raise VaultNewerError(self._shown_as, error.version) from error
        except FormatProblem as error:
            raise JournalDamagedError(self._shown_as, str(error), []) from error
        scanned = scan(self._key, self.session_id, data, self._header_end)
        if scanned.damage is not None:
            raise JournalDamagedError(self._shown_as, scanned.damage, scanned.records)
        # A tail cut since opening (by an append, or a header rewritten) is still reported.
        torn = scanned.torn if scanned.torn is not None else self.torn_tail
        return JournalContents(records=scanned.records, torn_tail=torn)

    def close(self) -> None:
        """Close the file and give up the session's lock."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._lock.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
