"""Append-only files of framed, individually sealed, numbered frames (journals, the index log).

Each frame (big-endian; see docs/vault-format.md):

    u32 length L | u32 CRC-32 of those 4 length bytes | nonce (12) | ciphertext | tag (16)

What a frame's associated data holds is the caller's (`aad_for(sequence)`); it always includes
the frame's sequence number, so a frame dropped, reordered, replayed or moved fails. The CRC
only lets a reader find frame boundaries while looking past damage; authenticity comes from
the AEAD alone.

When the last frame is incomplete or fails authentication it is a torn write (a crash during
an append); when any later frame authenticates, the bad one is damage, never skipped.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from iop_facilitator.vault.crypto import NONCE_BYTES, TAG_BYTES, AuthenticationFailed, seal, unseal

FRAME_HEADER = struct.Struct(">II")
SEQUENCE = struct.Struct(">Q")
SEALED_MIN = NONCE_BYTES + TAG_BYTES
MAX_FRAME_BYTES = 16 * 1024 * 1024
MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - SEALED_MIN
# How far ahead in sequence a frame found past damage may be (a few frames lost or swapped).
_LOOKAHEAD = 4

AadFor = Callable[[int], bytes]


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
class FrameScan:
    """What a pass over a framed file's bytes found."""

    records: list[bytes] = field(default_factory=list)
    end: int = 0  # where the last whole, authentic frame ends
    torn: TornTail | None = None
    damage: str | None = None  # set when a bad frame is followed by good ones


def build_frame(key: bytes, aad: bytes, payload: bytes, nonce: bytes | None = None) -> bytes:
    """One framed, sealed payload; refuses one larger than any reader accepts."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"a frame holds at most {MAX_PAYLOAD_BYTES} bytes")
    sealed = seal(key, payload, aad, nonce)
    length = struct.pack(">I", len(sealed))
    return length + struct.pack(">I", zlib.crc32(length)) + sealed


def _frame_at(
    key: bytes, aad_for: AadFor, data: bytes, pos: int, sequence: int
) -> tuple[bytes, int] | None:
    """The payload of a valid frame `sequence` at `pos` and where it ends, or None."""
    if pos + FRAME_HEADER.size > len(data):
        return None
    length, crc = FRAME_HEADER.unpack_from(data, pos)
    if crc != zlib.crc32(data[pos : pos + 4]) or not SEALED_MIN <= length <= MAX_FRAME_BYTES:
        return None
    start = pos + FRAME_HEADER.size
    if start + length > len(data):
        return None
    try:
        payload = unseal(key, data[start : start + length], aad_for(sequence))
    except AuthenticationFailed:
        return None
    return payload, start + length


def _authentic_frame_after(
    key: bytes, aad_for: AadFor, data: bytes, pos: int, sequence: int
) -> bool:
    """Whether any authentic frame of this file starts at or after `pos` (past damage)."""
    last = len(data) - FRAME_HEADER.size - SEALED_MIN
    for offset in range(pos, last + 1):
        length, crc = FRAME_HEADER.unpack_from(data, offset)
        if crc != zlib.crc32(data[offset : offset + 4]) or length > len(data):
            continue
        for candidate in range(max(0, sequence - 1), sequence + _LOOKAHEAD):
            if _frame_at(key, aad_for, data, offset, candidate) is not None:
                return True
    return False


def scan_frames(
    key: bytes, aad_for: AadFor, data: bytes, start: int, first_sequence: int = 0
) -> FrameScan:
    """Read every frame from `start`, numbered from `first_sequence`."""
    result = FrameScan(end=start)
    pos = start
    while pos < len(data):
        found = _frame_at(key, aad_for, data, pos, first_sequence + len(result.records))
        if found is None:
            break
        payload, pos = found
        result.records.append(payload)
        result.end = pos
    if pos < len(data):
        sequence = first_sequence + len(result.records)
        if _authentic_frame_after(key, aad_for, data, pos, sequence):
            result.damage = (
                f"entry {sequence + 1} is changed, missing or out of order, "
                f"while later entries are intact"
            )
        elif _whole_in_length(data, pos):
            # A torn write leaves a frame shorter than its length says; one that is whole
            # and still fails authentication was changed after it was written.
            result.damage = f"its last entry ({sequence + 1}) is whole but changed"
        elif _torn(data, pos):
            result.torn = TornTail(offset=pos, dropped_bytes=len(data) - pos)
        else:
            result.damage = f"the length of its last entry ({sequence + 1}) is changed"
    return result


def _torn(data: bytes, pos: int) -> bool:
    """Whether the bytes from `pos` look like an append cut short: too few to hold a frame's
    length, zeros (what a file system shows for blocks never written), or a frame whose
    (CRC-checked) length runs past the end. A frame header is written in the same call as its
    frame, so a length whose CRC fails was changed, not cut."""
    rest = data[pos:]
    if len(rest) < FRAME_HEADER.size or not any(rest):
        return True
    length: int
    crc: int
    length, crc = FRAME_HEADER.unpack_from(data, pos)
    return (
        crc == zlib.crc32(data[pos : pos + 4])
        and SEALED_MIN <= length <= MAX_FRAME_BYTES
        and pos + FRAME_HEADER.size + length > len(data)
    )


def _whole_in_length(data: bytes, pos: int) -> bool:
    """Whether the bytes from `pos` are exactly one frame by its (CRC-checked) length."""
    if pos + FRAME_HEADER.size > len(data):
        return False
    length: int
    crc: int
    length, crc = FRAME_HEADER.unpack_from(data, pos)
    return (
        crc == zlib.crc32(data[pos : pos + 4])
        and SEALED_MIN <= length <= MAX_FRAME_BYTES
        and pos + FRAME_HEADER.size + length == len(data)
    )
