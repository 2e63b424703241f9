"""Packs: many vault objects in one envelope, as restic packs blobs.

One request per object would make a first sync of 5,000 sessions 5,000 requests and tell
the store how many sessions there are; a pack holds up to `PACK_BYTES` of objects, so the
store sees a few dozen envelopes of padded sizes, and an incremental sync still sends one
small pack. A pack's payload is a sequence of entries:

    id length (2 bytes) | id (UTF-8) | content length (4 bytes) | content

Each object keeps its own identity (`record_name`, a keyed hash of its id and content), which
heads list pack by pack, so a device knows what a pack holds before fetching it, and checks
after fetching that it holds exactly that.
"""

from __future__ import annotations

from collections.abc import Iterable

from iop_facilitator.sync.envelope import SyncKeys

PACK_BYTES = 4 * 1024 * 1024
"""A pack is closed when it reaches this size: large enough that a first sync is a few dozen
requests, small enough that eight in flight stay within a few tens of MB."""


class PackError(Exception):
    """A pack whose entries do not parse."""


def pack_name(keys: SyncKeys, record_names: Iterable[str]) -> str:
    """The name of the pack of these objects (the same objects give the same name, so a pack
    uploaded before a crash is recognised, not sent twice)."""
    return keys.name(b"pack", *(name.encode() for name in sorted(record_names)))


def group(sizes: list[tuple[str, int]], limit: int = PACK_BYTES) -> list[list[str]]:
    """Ids in packs of at most `limit` bytes (an object larger than that alone), in order."""
    packs: list[list[str]] = []
    current: list[str] = []
    total = 0
    for object_id, size in sizes:
        if current and total + size > limit:
            packs.append(current)
            current, total = [], 0
        current.append(object_id)
        total += size
    if current:
        packs.append(current)
    return packs


def encode(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """The payload of a pack holding `entries` (id, content)."""
    parts: list[bytes] = []
    for object_id, content in entries:
        encoded = object_id.encode()
        parts += [len(encoded).to_bytes(2, "big"), encoded, len(content).to_bytes(4, "big")]
        parts.append(content)
    return b"".join(parts)


def decode(payload: bytes) -> list[tuple[str, bytes]]:
    """The entries of a pack's payload; `PackError` if it does not parse to the end."""
    entries: list[tuple[str, bytes]] = []
    at = 0
    try:
        while at < len(payload):
            length = int.from_bytes(payload[at : at + 2], "big")
            object_id = payload[at + 2 : at + 2 + length].decode()
            at += 2 + length
            size = int.from_bytes(payload[at : at + 4], "big")
            content = payload[at + 4 : at + 4 + size]
            if len(content) != size or at + 4 > len(payload):
                raise PackError("a pack cut short")
            entries.append((object_id, content))
            at += 4 + size
    except UnicodeDecodeError:
        raise PackError("a pack with an id that is not text") from None
    return entries
