"""The vault's side of sync (its immutable objects on this device), and what a sync reports."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol


class LocalObjects(Protocol):
    """The vault's immutable objects on this device, as sync sees them."""

    def object_ids(self) -> Iterable[str]:
        """Every object this device may share (finished records, sealed log segments)."""
        ...

    def read_object(self, object_id: str) -> bytes:
        """The sealed bytes of one object."""
        ...

    def write_object(self, object_id: str, data: bytes) -> bool:
        """Keep an object fetched from the store, atomically; False if this device keeps
        different bytes in use under that id (a conflict the vault keeps and says)."""
        ...

    def keeping(self) -> AbstractContextManager[object]:
        """Around the writes of one pack: made durable together at its end (one fsync)."""
        ...


@dataclass
class SyncReport:
    """What one sync moved (objects are the vault's; bytes and requests are the store's)
    and what needs a person."""

    pushed_objects: int = 0
    pushed_bytes: int = 0
    pulled_objects: int = 0
    pulled_bytes: int = 0
    requests: int = 0
    pulled_ids: list[str] = field(default_factory=list)
    pushed_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
