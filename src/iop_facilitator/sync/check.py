"""`vault check --remote`: read and check everything in the store, writing nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime

from iop_facilitator.sync.engine import Sync
from iop_facilitator.sync.envelope import SyncKeys
from iop_facilitator.sync.heads import DeviceKey
from iop_facilitator.sync.local import SyncReport
from iop_facilitator.sync.memory import SyncMemory
from iop_facilitator.sync.store import ObjectStore


class _Discard:
    """Local objects that keep nothing: a check only reads the store."""

    def object_ids(self) -> list[str]:
        return []

    def read_object(self, object_id: str) -> bytes:
        raise KeyError(object_id)

    def write_object(self, object_id: str, data: bytes) -> bool:
        return True

    def keeping(self) -> contextlib.nullcontext[None]:
        return contextlib.nullcontext()


def check_store(
    store: ObjectStore,
    keys: SyncKeys,
    memory: SyncMemory,
    now: Callable[[], datetime],
    me: str | None = None,
) -> SyncReport:
    """Read and check every device entry, head and pack the store holds, writing nothing:
    each altered, swapped, replayed or missing one is a problem naming it, and a store older
    than `memory` remembers (this device is `me`) is reported as rolled back."""
    checker = Sync(store, keys, DeviceKey.generate(), SyncMemory(), now, remembered=memory)
    if me is not None:
        checker.me = me  # sentences say "this device" for the device that checks
    report, _ = checker.run(_Discard(), push=False)
    return report
