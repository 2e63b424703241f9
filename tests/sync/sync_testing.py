"""Helpers for the sync tests: a device (its objects, key and memory) that syncs for real."""

from __future__ import annotations

import contextlib
import errno
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from iop_facilitator.sync import DeviceKey, ObjectStore, Sync, SyncKeys, SyncMemory, SyncReport
from iop_facilitator.sync.memory import head_name, slot_name
from iop_facilitator.sync.packs import PACK_BYTES
from iop_facilitator.vault.errors import StorageError

VAULT_KEY = bytes(range(32))
KEYS = SyncKeys.derive(VAULT_KEY)
START = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)


class DictObjects:
    """A device's immutable objects, in memory (the vault's side of sync is not under test)."""

    def __init__(self, objects: dict[str, bytes] | None = None) -> None:
        self.objects: dict[str, bytes] = dict(objects or {})
        self.conflicts: list[str] = []
        self.writes_left: int | None = None  # a disk that fills after this many writes

    def object_ids(self) -> list[str]:
        """Every object id."""
        return sorted(self.objects)

    def read_object(self, object_id: str) -> bytes:
        """One object's bytes."""
        return self.objects[object_id]

    def keeping(self) -> contextlib.nullcontext[None]:
        """Nothing to make durable in memory."""
        return contextlib.nullcontext()

    def write_object(self, object_id: str, data: bytes) -> bool:
        """Keep a fetched object; a full disk raises the vault's StorageError."""
        if self.writes_left is not None:
            if self.writes_left == 0:
                raise StorageError(f"The disk is full ({errno.ENOSPC}); nothing was lost.")
            self.writes_left -= 1
        held = self.objects.get(object_id)
        if held is not None and held != data:
            self.conflicts.append(object_id)
            return False
        self.objects[object_id] = data
        return True


@dataclass
class Device:
    """One device: its objects, key, memory and clock (which may be skewed)."""

    objects: DictObjects = field(default_factory=DictObjects)
    key: DeviceKey = field(default_factory=DeviceKey.generate)
    memory: SyncMemory = field(default_factory=SyncMemory)
    clock: datetime = START
    pack_bytes: int = PACK_BYTES

    def now(self) -> datetime:
        """This device's clock, one minute later on every reading."""
        self.clock += timedelta(minutes=1)
        return self.clock

    def sync(self, store: ObjectStore, keys: SyncKeys = KEYS) -> SyncReport:
        """Sync once and keep the new memory, as the vault would."""
        run = Sync(store, keys, self.key, self.memory, self.now, pack_bytes=self.pack_bytes)
        report, memory = run.run(self.objects)
        self.memory = memory
        return report


def pack_names(store: ObjectStore, *devices: Device) -> list[str]:
    """The packs in `store`: every name but the devices' heads and the device list."""
    others = {slot_name(KEYS, slot) for slot in range(len(devices) + 2)}
    for device in devices:
        mine = device.memory.seen.get(device.key.device_id)
        for counter in range(1, (mine.counter if mine else 0) + 1):
            others.add(head_name(KEYS, device.key.device_id, counter))
    return [name for name in store.names() if name not in others]
