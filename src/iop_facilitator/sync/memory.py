"""What a device remembers between syncs, and the names it gives objects in the store.

`SyncMemory` is small JSON that the caller keeps sealed in the vault (never in the store):
this device's place in the device list, the devices it knows, the highest head of each that
it has seen (so a store that later shows less is caught), and which local objects the store
already holds (so an incremental sync reads and sends only what is new).
"""

from __future__ import annotations

import secrets
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from iop_facilitator.sync.envelope import SyncKeys
from iop_facilitator.sync.heads import Seen


class SyncMemory(BaseModel):
    """This device's memory of the store (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    slot: int | None = None  # this device's entry in the device list, once claimed
    devices: dict[str, str] = Field(default_factory=dict)  # device id -> public key (hex)
    slots_read: int = 0  # entries of the device list read so far
    seen: dict[str, Seen] = Field(default_factory=dict)  # device id -> highest head seen
    seen_at: dict[str, datetime] = Field(default_factory=dict)  # when that head was written
    known: dict[str, str] = Field(default_factory=dict)  # local object id -> its name there
    set_aside: list[str] = Field(default_factory=list)  # fetched, but other bytes are in use
    vector: dict[str, Seen] = Field(default_factory=dict)  # `seen` of this device's last head
    # Another device's new objects were merged since this device's last head: the next head
    # says so (heads that only acknowledge heads are not acknowledged back, or two devices
    # would answer each other for ever).
    owe_head: bool = False
    last_sync: datetime | None = None
    keyfile: str | None = None  # the name of the vault's key file last put in the store

    def to_bytes(self) -> bytes:
        """JSON, for the caller to seal into the vault."""
        return self.model_dump_json().encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> SyncMemory:
        """The memory written by `to_bytes`."""
        return cls.model_validate_json(data)


def record_name(keys: SyncKeys, object_id: str, digest: bytes) -> str:
    """The name of a vault object: keyed hash of its id and content (so the same object
    written by two devices has one name, and a second upload is a no-op)."""
    return keys.name(b"record", object_id.encode(), digest)


def head_name(keys: SyncKeys, device: str, counter: int) -> str:
    """The name of `device`'s head number `counter`: each device can find the next one."""
    return keys.name(b"head", device.encode(), counter.to_bytes(8, "big"))


def slot_name(keys: SyncKeys, slot: int) -> str:
    """The name of entry `slot` of the device list (entries 0, 1, 2, ... in order)."""
    return keys.name(b"device-slot", slot.to_bytes(4, "big"))


def probe_name(keys: SyncKeys) -> str:
    """A fresh random name for the create-only probe."""
    return keys.name(b"probe", secrets.token_bytes(16))
