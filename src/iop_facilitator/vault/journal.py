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
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from iop_facilitator.vault.crypto import NONCE_BYTES, TAG_BYTES, AuthenticationFailed, seal, unseal
from iop_facilitator.vault.errors import JournalDamagedError, VaultNewerError
from iop_facilitator.vault.locks import HeldLock
from iop_facilitator.vault.sealed import (
    JOURNAL_MAGIC,
    PREFIX_BYTES,
    FormatProblem,
    NewerFormat,
    file_prefix,
    read_prefix,
)
from iop_facilitator.vault.storage import FILE_MODE, storage_error, write_all

_FRAME_HEADER = struct.Struct(">II")
_SEQUENCE = struct.Struct(">Q")
_SEALED_MIN = NONCE_BYTES + TAG_BYTES
MAX_FRAME_BYTES = 16 * 1024 * 1024
# How far ahead in sequence a frame found past damage may be (a few frames lost or swapped).
_LOOKAHEAD = 4


@dataclass(frozen=True)
class TornTail:
    """The end of a journal that was cut off because a write was interrupted."""

    offset: int
    dropped_bytes: int

    def message(self) -> str:
        """One sentence for the facilitator."""
        return (
            f"The last entry of this session was only partly written when the program stopped "
            f"({self.dropped_bytes} bytes); it was dropped and every entry before it was kept."
        )


@dataclass
class JournalScan:
    """What a pass over a journal's bytes found."""

    records: list[bytes] = field(default_factory=list)
    end: int = 0  # where the last whole, authentic frame ends
    torn: TornTail | None = None
    damage: str | None = None  # set when a bad frame is followed by good ones


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
    return prefix + struct.pack(">H", len(sid)) + sid + _SEQUENCE.pack(sequence)


def build_header(
    key: bytes, vault_id: bytes, name: str, session_id: str, nonce: bytes | None = None
) -> bytes:
    """The bytes a new journal starts with."""
    prefix = file_prefix(JOURNAL_MAGIC, vault_id)
    sealed = seal(key, session_id.encode("utf-8"), journal_header_aad(prefix, name), nonce)
    return prefix + struct.pack(">H", len(sealed)) + sealed


def build_frame(
    key: bytes, prefix: bytes, session_id: str, sequence: int, payload: bytes, nonce: bytes | None
) -> bytes:
    """One framed, sealed record."""
    sealed = seal(key, payload, frame_aad(prefix, session_id, sequence), nonce)
    length = struct.pack(">I", len(sealed))
    return length + struct.pack(">I", zlib.crc32(length)) + sealed


def header_length(data: bytes) -> int | None:
    """Where the header ends, or None when `data` is too short to tell."""
    if len(data) < PREFIX_BYTES + 2:
        return None
    sealed_length = int.from_bytes(data[PREFIX_BYTES : PREFIX_BYTES + 2], "big")
    return PREFIX_BYTES + 2 + sealed_length


def read_session_id(key: bytes, vault_id: bytes, name: str, data: bytes) -> str:
    """The session id sealed in a journal's header; raises `FormatProblem` or `NewerFormat`."""
    file_vault = read_prefix(data, JOURNAL_MAGIC)
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


def _frame_at(
    key: bytes, prefix: bytes, session_id: str, data: bytes, pos: int, sequence: int
) -> tuple[bytes, int] | None:
    """The payload of a valid frame `sequence` at `pos` and where it ends, or None."""
    if pos + _FRAME_HEADER.size > len(data):
        return None
    length, crc = _FRAME_HEADER.unpack_from(data, pos)
    if crc != zlib.crc32(data[pos : pos + 4]) or not _SEALED_MIN <= length <= MAX_FRAME_BYTES:
        return None
    start = pos + _FRAME_HEADER.size
    if start + length > len(data):
        return None
    try:
        payload = unseal(key, data[start : start + length], frame_aad(prefix, session_id, sequence))
    except AuthenticationFailed:
        return None
    return payload, start + length


def _authentic_frame_after(
    key: bytes, prefix: bytes, session_id: str, data: bytes, pos: int, sequence: int
) -> bool:
    """Whether any authentic frame of this session starts at or after `pos` (past damage)."""
    last = len(data) - _FRAME_HEADER.size - _SEALED_MIN
    for offset in range(pos, last + 1):
        length, crc = _FRAME_HEADER.unpack_from(data, offset)
        if crc != zlib.crc32(data[offset : offset + 4]) or length > len(data):
            continue
        for candidate in range(max(0, sequence - 1), sequence + _LOOKAHEAD):
            if _frame_at(key, prefix, session_id, data, offset, candidate) is not None:
                return True
    return False


def scan(key: bytes, session_id: str, data: bytes, start: int) -> JournalScan:
    """Read every frame of a journal from `start` (the end of its header)."""
    prefix = data[:PREFIX_BYTES]
    result = JournalScan(end=start)
    pos = start
    while pos < len(data):
        found = _frame_at(key, prefix, session_id, data, pos, len(result.records))
        if found is None:
            break
        payload, pos = found
        result.records.append(payload)
        result.end = pos
    if pos < len(data):
        if _authentic_frame_after(key, prefix, session_id, data, pos, len(result.records)):
            result.damage = (
                f"entry {len(result.records) + 1} is changed, missing or out of order, "
                f"while later entries are intact"
            )
        else:
            result.torn = TornTail(offset=pos, dropped_bytes=len(data) - pos)
    return result


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

    def close(self, *, remove_lock_file: bool = False) -> None:
        """Close the file and give up the session's lock."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._lock.release(remove_file=remove_lock_file)

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
