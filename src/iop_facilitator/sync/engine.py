"""One sync between this device's vault objects and a store: pull what is new, push the rest.

The order is what keeps every fault harmless:
1. List the store once. Check it still shows every head this device saw before (else the
   store rolled back or hides a device: reported, and that device is not merged).
2. Read new device entries and, device by device, new heads (signatures, hash chains, the
   version vectors they carry); fetch the objects they name that this device lacks, check
   each, and write it locally (each object whole, atomically, by the vault). A device whose
   objects are not all here is not advanced: the next sync tries again.
3. Upload this device's new objects (create-only; one already there is skipped), and only
   then a new head naming them. A crash before the head leaves harmless extra objects.
4. Hand back the new memory; the caller saves it (sealed) after the sync returned.
A failure of the store (unreachable, refused) raises a `RemoteError` and changes nothing
this device remembers; what was written locally is whole and is not fetched again.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime

from iop_facilitator.sync.envelope import EnvelopeError, ObjectKind, SyncKeys, open_envelope
from iop_facilitator.sync.heads import (
    DeviceKey,
    Head,
    HeadError,
    Seen,
    head_digest,
    verify_entry,
    verify_head,
)
from iop_facilitator.sync.local import LocalObjects, SyncReport
from iop_facilitator.sync.memory import SyncMemory, head_name, record_name, slot_name
from iop_facilitator.sync.packs import PACK_BYTES
from iop_facilitator.sync.pull import pull_head
from iop_facilitator.sync.push import join, push_new
from iop_facilitator.sync.store import ObjectStore

Progress = Callable[[str, int, int], None]
"""Told ("Sending" or "Receiving", packs done, packs in this step) as packs move."""

WORKERS = 8  # requests in flight: enough to hide a round trip, little enough for 2 cores


class Sync:
    """One device syncing with one store (build one per sync; it holds no state after)."""

    def __init__(
        self,
        store: ObjectStore,
        keys: SyncKeys,
        device: DeviceKey,
        memory: SyncMemory,
        now: Callable[[], datetime],
        *,
        remembered: SyncMemory | None = None,
        pack_bytes: int = PACK_BYTES,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.keys = keys
        self.device = device
        self.memory = memory.model_copy(deep=True)
        # What the store must still show; a check reads everything afresh but judges
        # rollback against what this device remembers.
        self._remembered = remembered or memory
        self.me = device.device_id
        self.pack_bytes = pack_bytes
        self._progress = progress
        self.now = now
        self.report = SyncReport()
        self.listing: set[str] = set()
        # name -> (id, size) of local objects not in `known`; the names `known` holds
        self.unsent: dict[str, tuple[str, int]] = {}
        self.names_known: set[str] = set()
        self.pool = ThreadPoolExecutor(WORKERS)

    def run(self, local: LocalObjects, *, push: bool = True) -> tuple[SyncReport, SyncMemory]:
        """Pull, then push (see the module docstring); the report and the memory to save.
        Without `push` nothing is written to the store (a check, or a clone's first pull)."""
        try:
            self.listing = set(self.store.names())
            self.report.requests += 1
            hidden = self._check_rollback()
            self._name_unsent(local)
            self.names_known = set(self.memory.known.values()) | set(self.memory.set_aside)
            self._read_devices()
            for device in sorted(self.memory.devices):
                if device not in hidden:
                    self._pull_device(device, local)
            if push:
                self._name_unsent(local)  # and what pulling made (conflict copies)
                join(self)
                push_new(self, local)
        finally:
            self.pool.shutdown(wait=True)
        self.memory.last_sync = self.now()
        return self.report, self.memory

    def _name_unsent(self, local: LocalObjects) -> None:
        """Name the local objects the store is not known to hold (into `unsent`): such an
        object named by another device's head (the same object, or one kept before a sync
        was cut short) is recognised without fetching it."""
        named = {object_id for object_id, _ in self.unsent.values()}
        unsent = sorted(set(local.object_ids()) - self.memory.known.keys() - named)

        def name_of(object_id: str) -> tuple[str, tuple[str, int]]:
            content = local.read_object(object_id)
            name = record_name(self.keys, object_id, hashlib.sha256(content).digest())
            return name, (object_id, len(content))

        self.unsent.update(self.pool.map(name_of, unsent))

    @staticmethod
    def when(moment: datetime | None) -> str:
        """A moment for a sentence ("03 March 2026 at 09:31")."""
        return moment.strftime("%d %B %Y at %H:%M") if moment else "an earlier sync"

    def label(self, device: str) -> str:
        """A device for a sentence."""
        return "this device" if device == self.me else f"device {device[:8]}"

    def progress(self, step: str, done: int, total: int) -> None:
        """Tell the caller how far a long step is (packs of up to 4 MiB done of total)."""
        if self._progress is not None:
            self._progress(step, done, total)

    def problem(self, sentence: str) -> None:
        """Say what needs a person (the sync goes on with the rest)."""
        self.report.problems.append(sentence)

    def fetch(self, names: list[str]) -> Iterator[tuple[str, bytes]]:
        """Fetch objects in parallel, yielded in the order asked; at most twice as many in
        flight or waiting as there are workers, so a clone holds a few packs, not all."""
        self.report.requests += len(names)
        waiting = iter(names)
        ahead: deque[tuple[str, Future[bytes]]] = deque()
        for name in itertools.islice(waiting, 2 * WORKERS):
            ahead.append((name, self.pool.submit(self.store.get, name)))
        while ahead:
            name, future = ahead.popleft()
            data = future.result()
            following = next(waiting, None)
            if following is not None:
                ahead.append((following, self.pool.submit(self.store.get, following)))
            yield name, data

    def _check_rollback(self) -> set[str]:
        """Devices whose highest head seen before is missing now: the store went back."""
        hidden: set[str] = set()
        remembered = self._remembered
        for device, seen in remembered.seen.items():
            if head_name(self.keys, device, seen.counter) not in self.listing:
                hidden.add(device)
                self.problem(
                    f"The store shows an older state than this device saw on "
                    f"{self.when(remembered.seen_at.get(device))}: the changes of "
                    f"{self.label(device)} up to then are missing; nothing of it was merged."
                )
        for slot in range(remembered.slots_read):
            if slot_name(self.keys, slot) not in self.listing:
                self.problem(
                    "The store hides a device that this device saw before; "
                    "run `vault check --remote`."
                )
        return hidden

    def _read_devices(self) -> None:
        """Read entries of the device list past those already known."""
        slot = self.memory.slots_read
        while (name := slot_name(self.keys, slot)) in self.listing:
            ((_, data),) = self.fetch([name])
            try:
                kind, payload = open_envelope(self.keys, name, data)
                if kind is not ObjectKind.DEVICE:
                    raise EnvelopeError("not a device entry")
                entry = verify_entry(payload)
            except (EnvelopeError, HeadError):
                self.problem(
                    f"The object {name} in the store (a device entry) was altered or replaced; "
                    "run `vault check --remote`."
                )
                return
            self.memory.devices.setdefault(entry.device, entry.public_key)
            if entry.device == self.device.device_id and self.memory.slot is None:
                self.memory.slot = slot
            slot += 1
            self.memory.slots_read = slot

    def _new_heads(self, device: str) -> list[tuple[Head, str]]:
        """`device`'s heads past the one seen before, verified and chained; stops at the
        first that is not right (and says so)."""
        seen = self.memory.seen.get(device)
        counter, previous = (seen.counter, seen.digest) if seen else (0, None)
        found: list[tuple[Head, str]] = []
        while (name := head_name(self.keys, device, counter + 1)) in self.listing:
            ((_, data),) = self.fetch([name])
            try:
                kind, payload = open_envelope(self.keys, name, data)
                if kind is not ObjectKind.HEAD:
                    raise EnvelopeError("not a head")
                head = verify_head(payload)
                if (head.device, head.counter, head.previous) != (device, counter + 1, previous):
                    raise HeadError("a head out of its chain")
                if head.public_key != self.memory.devices.get(device):
                    raise HeadError("a head signed by another key")
            except (EnvelopeError, HeadError):
                self.problem(
                    f"The object {name} in the store (a head of {self.label(device)}) was "
                    "altered, replaced or replayed; its changes were not merged."
                )
                break
            counter, previous = head.counter, head_digest(payload)
            found.append((head, previous))
        return found

    def _pull_device(self, device: str, local: LocalObjects) -> None:
        """Fetch and keep the objects named by `device`'s new heads, head by head; stop at
        the first head whose objects are not all here and right (the next sync tries again)."""
        for head, digest in self._new_heads(device):
            if not pull_head(self, head, local):
                return
            self.memory.seen[device] = Seen(counter=head.counter, digest=digest)
            self.memory.seen_at[device] = head.at
            if head.written and device != self.device.device_id:
                self.memory.owe_head = True
            self._check_vector(head)

    def _check_vector(self, head: Head) -> None:
        """What `head`'s writer had seen must still be in the store."""
        for other, seen in head.seen.items():
            if head_name(self.keys, other, seen.counter) not in self.listing:
                self.problem(
                    f"The store hides changes of {self.label(other)} that "
                    f"{self.label(head.device)} saw on {self.when(head.at)}; run "
                    "`vault check --remote`."
                )
