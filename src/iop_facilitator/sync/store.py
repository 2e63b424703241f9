"""What sync asks of a place that keeps objects: a plain folder or an S3-compatible bucket.

Three operations and no more. Objects are immutable: a write is create-only (it never
replaces an object of that name, whoever wrote it), so two devices writing at once can never
destroy each other's work. There is deliberately no delete: nothing in backup or sync removes
an object (a later prune would be its own, explicit command).
"""

from __future__ import annotations

import re
from typing import Protocol

from iop_facilitator.sync.errors import RemoteNotCreateOnlyError

OBJECT_NAME = re.compile(r"[0-9a-f]{16,128}")
"""Object names are lowercase hex (keyed hashes): nothing about the vault can be read from
them, and every store, folder or bucket, can hold them as they are."""


class ObjectStore(Protocol):
    """A place that keeps immutable objects under opaque names."""

    @property
    def description(self) -> str:
        """The store as the user named it (a URL or a folder), for sentences; never a secret."""
        ...

    def put_new(self, name: str, data: bytes) -> bool:
        """Write `data` under `name` only if no object has that name: True if written, False if
        one was there already (then nothing changed). Atomic: a reader sees all of it or none.
        Retries throttling and server errors; raises a `RemoteError` when the store cannot."""
        ...

    def get(self, name: str) -> bytes:
        """The whole object; `ObjectMissingError` if there is none of that name."""
        ...

    def names(self) -> list[str]:
        """The names of every object in the store, sorted."""
        ...


def check_name(name: str) -> str:
    """`name` if it is a valid object name; ValueError otherwise (a bug in the caller)."""
    if not OBJECT_NAME.fullmatch(name):
        raise ValueError("an object name is 16 to 128 lowercase hex digits")
    return name


def probe_create_only(store: ObjectStore, name: str, data: bytes) -> None:
    """Refuse a store that would let an object be overwritten.

    Writes `data` under `name` (a fresh random name: the caller seals something harmless)
    twice, create-only; a store that accepts the second write ignores the `If-None-Match`
    condition (some S3-compatible servers and proxies do), and sync on it could lose writes.
    """
    store.put_new(name, data)
    if store.put_new(name, data):
        raise RemoteNotCreateOnlyError(
            f"The store {store.description} accepted a second create-only write of the same "
            "object, so it could overwrite one device's work with another's; use a store that "
            "honours conditional writes (If-None-Match), such as AWS S3, MinIO, R2 or SeaweedFS."
        )
