"""The index log: an append-only file of sealed index changes beside the index snapshot.

Layout (big-endian; see docs/vault-format.md):

    magic "IOPV-LOG" (8) | version u16 = 2 | vault id (16) | generation (16)
    frames (see `frames`), frame n sealed with associated data = the 42-byte header ‖ u64 n

The generation is the random id of the snapshot the log continues: a log whose generation is
not the snapshot's is the leftover of an interrupted compaction (the snapshot already holds
everything in it) and is read as empty. Each frame holds one change as compact JSON:
`{"kind", "id", "rev", "entry"}` plus `"session"` when the record finishes a live session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from iop_facilitator.vault.frames import SEQUENCE, FrameScan, build_frame, scan_frames
from iop_facilitator.vault.index_text import IndexText
from iop_facilitator.vault.sealed import (
    LOG_MAGIC,
    PREFIX_BYTES,
    FormatProblem,
    file_prefix,
    read_prefix,
)

GENERATION_BYTES = 16
LOG_HEADER_BYTES = PREFIX_BYTES + GENERATION_BYTES


@dataclass(frozen=True)
class Change:
    """One record's new listing: what a put adds to the index."""

    kind: str
    record_id: str
    rev: int
    entry_json: str | None
    session: str | None = None

    def to_bytes(self) -> bytes:
        """The frame's plaintext: compact ASCII JSON (the entry's text as the index holds it)."""
        session = "" if self.session is None else f',"session":{json.dumps(self.session)}'
        return (
            f'{{"kind":{json.dumps(self.kind)},"id":{json.dumps(self.record_id)},'
            f'"rev":{self.rev},"entry":{self.entry_json or "null"}{session}}}'
        ).encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> Change:
        """A change read back from an authentic frame; its entry is cut out as text, never
        decoded (review's digests make entries of many KB, and the log is replayed at every
        unlock)."""
        walker = IndexText(str(data, "ascii"))
        fields: dict[str, Any] = {}
        for key in walker.keys():  # noqa: SIM118 (a JSON walker, not a dict)
            fields[key] = walker.raw() if key == "entry" else walker.value()
        entry = fields.get("entry")
        return cls(
            fields["kind"],
            fields["id"],
            int(fields["rev"]),
            None if entry in (None, "null") else entry,
            fields.get("session"),
        )


def log_header(vault_id: bytes, generation: bytes) -> bytes:
    """The 42 bytes a log continuing the snapshot of `generation` starts with."""
    return file_prefix(LOG_MAGIC, vault_id) + generation


def read_generation(header: bytes, vault_id: bytes) -> bytes:
    """The generation a log's header names; raises `FormatProblem` or `NewerFormat`."""
    if read_prefix(header, LOG_MAGIC) != vault_id:
        raise FormatProblem("it belongs to another vault")
    if len(header) < LOG_HEADER_BYTES:
        raise FormatProblem("its header is truncated")
    return header[PREFIX_BYTES:LOG_HEADER_BYTES]


def change_frame(
    key: bytes, header: bytes, sequence: int, change: Change, nonce: bytes | None = None
) -> bytes:
    """Frame `sequence` of the log that starts with `header` (`nonce`: for tests only)."""
    return build_frame(key, header + SEQUENCE.pack(sequence), change.to_bytes(), nonce)


def scan_log(key: bytes, header: bytes, data: bytes, start: int, first_sequence: int) -> FrameScan:
    """The frames in `data` from `start` (numbered from `first_sequence`) of the log `header`
    starts; `data` may be the whole file or only its tail."""
    return scan_frames(
        key, lambda sequence: header + SEQUENCE.pack(sequence), data, start, first_sequence
    )
