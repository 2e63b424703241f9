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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from iop_facilitator.sync.envelope import EnvelopeError, ObjectKind, SyncKeys, open_envelope, seal
from iop_facilitator.sync.heads import (
    DeviceKey,
    Head,
    HeadError,
    Seen,
    head_digest,
    sign_entry,
    sign_head,
    verify_entry,
    verify_head,
)
from iop_facilitator.sync.memory import SyncMemory, head_name, record_name, slot_name
from iop_facilitator.sync.store import ObjectStore

WORKERS = 8  # requests in flight: enough to hide a round trip, little enough for 2 cores


class LocalObjects(Protocol):
    """The vault's immutable objects on this device, as sync sees them."""

    def object_ids(self) -> Iterable[str]:
        """Every object this device may share (finished records, logs' sealed segments)."""
        ...

    def read_object(self, object_id: str) -> bytes:
        """The sealed bytes of one object."""
        ...

    def write_object(self, object_id: str, data: bytes) -> bool:
        """Keep an object fetched from the store, atomically; False if this device already
        holds different bytes under that id (a conflict the vault shows)."""
        ...


@dataclass
class SyncReport:
    """What one sync moved and what needs a person."""

    pushed_objects: int = 0
    pushed_bytes: int = 0
    pulled_objects: int = 0
    pulled_bytes: int = 0
    requests: int = 0
    pulled_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _record_payload(object_id: str, data: bytes) -> bytes:
    encoded = object_id.encode()
    return len(encoded).to_bytes(2, "big") + encoded + data


def _split_record(payload: bytes) -> tuple[str, bytes]:
    length = int.from_bytes(payload[:2], "big")
    return payload[2 : 2 + length].decode(), payload[2 + length :]


def _when(moment: datetime | None) -> str:
    return moment.strftime("%d %B %Y at %H:%M") if moment else "an earlier sync"


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
    ) -> None:
        self.store = store
        self.keys = keys
        self.device = device
        self.memory = memory.model_copy(deep=True)
        # What the store must still show; a check reads everything afresh but judges
        # rollback against what this device remembers.
        self._remembered = remembered or memory
        self._me = device.device_id
        self.now = now
        self.report = SyncReport()
        self._listing: set[str] = set()
        self._unsent: dict[str, str] = {}  # name -> id of local objects not yet in `known`
        self._pool = ThreadPoolExecutor(WORKERS)

    def run(self, local: LocalObjects, *, push: bool = True) -> tuple[SyncReport, SyncMemory]:
        """Pull, then push (see the module docstring); the report and the memory to save.
        Without `push` nothing is written to the store (a check, or a clone's first pull)."""
        try:
            self._listing = set(self.store.names())
            self.report.requests += 1
            hidden = self._check_rollback()
            self._unsent = self._name_unsent(local)
            self._read_devices()
            for device in sorted(self.memory.devices):
                if device not in hidden:
                    self._pull_device(device, local)
            if push:
                self._join()
                self._push(local)
        finally:
            self._pool.shutdown(wait=True)
        self.memory.last_sync = self.now()
        return self.report, self.memory

    def _name_unsent(self, local: LocalObjects) -> dict[str, str]:
        """Names of the local objects the store is not known to hold: such an object named by
        another device's head (the same object, or one kept before a sync was cut short) is
        recognised without fetching it."""
        unsent = sorted(set(local.object_ids()) - self.memory.known.keys())

        def name_of(object_id: str) -> str:
            digest = hashlib.sha256(local.read_object(object_id)).digest()
            return record_name(self.keys, object_id, digest)

        return dict(zip(self._pool.map(name_of, unsent), unsent, strict=True))

    def _label(self, device: str) -> str:
        return "this device" if device == self._me else f"device {device[:8]}"

    def _problem(self, sentence: str) -> None:
        self.report.problems.append(sentence)

    def _fetch(self, names: list[str]) -> Iterator[tuple[str, bytes]]:
        """Fetch objects in parallel, yielded in the order asked."""
        self.report.requests += len(names)
        yield from zip(names, self._pool.map(self.store.get, names), strict=True)

    def _check_rollback(self) -> set[str]:
        """Devices whose highest head seen before is missing now: the store went back."""
        hidden: set[str] = set()
        remembered = self._remembered
        for device, seen in remembered.seen.items():
            if head_name(self.keys, device, seen.counter) not in self._listing:
                hidden.add(device)
                self._problem(
                    f"The store shows an older state than this device saw on "
                    f"{_when(remembered.seen_at.get(device))}: the changes of "
                    f"{self._label(device)} up to then are missing; nothing of it was merged."
                )
        for slot in range(remembered.slots_read):
            if slot_name(self.keys, slot) not in self._listing:
                self._problem(
                    "The store hides a device that this device saw before; "
                    "run `vault check --remote`."
                )
        return hidden

    def _read_devices(self) -> None:
        """Read entries of the device list past those already known."""
        slot = self.memory.slots_read
        while (name := slot_name(self.keys, slot)) in self._listing:
            ((_, data),) = self._fetch([name])
            try:
                kind, payload = open_envelope(self.keys, name, data)
                if kind is not ObjectKind.DEVICE:
                    raise EnvelopeError("not a device entry")
                entry = verify_entry(payload)
            except (EnvelopeError, HeadError):
                self._problem(
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
        while (name := head_name(self.keys, device, counter + 1)) in self._listing:
            ((_, data),) = self._fetch([name])
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
                self._problem(
                    f"The object {name} in the store (a head of {self._label(device)}) was "
                    "altered, replaced or replayed; its changes were not merged."
                )
                break
            counter, previous = head.counter, head_digest(payload)
            found.append((head, previous))
        return found

    def _pull_device(self, device: str, local: LocalObjects) -> None:
        """Fetch and keep the objects named by `device`'s new heads, head by head."""
        names_known = set(self.memory.known.values())
        for head, digest in self._new_heads(device):
            missing = [name for name in head.written if name not in self._listing]
            if missing:
                self._problem(
                    f"The store is missing {len(missing)} object(s) that {self._label(device)} "
                    f"wrote on {_when(head.at)}; those changes were not merged."
                )
                return
            for name in head.written:
                if name in self._unsent:
                    self.memory.known[self._unsent[name]] = name
                    names_known.add(name)
            wanted = [name for name in head.written if name not in names_known]
            if not self._keep(wanted, local, names_known):
                return
            self.memory.seen[device] = Seen(counter=head.counter, digest=digest)
            self.memory.seen_at[device] = head.at
            if head.written and device != self.device.device_id:
                self.memory.owe_head = True
            self._check_vector(head)

    def _keep(self, wanted: list[str], local: LocalObjects, names_known: set[str]) -> bool:
        """Fetch, check and write `wanted` locally; False if one of them was not right."""
        whole = True
        for name, data in self._fetch(wanted):
            try:
                kind, payload = open_envelope(self.keys, name, data)
                object_id, content = _split_record(payload)
                digest = hashlib.sha256(content).digest()
                if (
                    kind is not ObjectKind.RECORD
                    or record_name(self.keys, object_id, digest) != name
                ):
                    raise EnvelopeError("not this record")
            except (EnvelopeError, UnicodeDecodeError):
                self._problem(
                    f"The object {name} in the store was altered or replaced; it was not used "
                    "(run `vault check --remote`)."
                )
                whole = False
                continue
            if not local.write_object(object_id, content):
                self._problem(
                    "Two devices kept different content under one object id; both are kept "
                    "and the vault shows the conflict."
                )
            self.memory.known[object_id] = name
            names_known.add(name)
            self.report.pulled_objects += 1
            self.report.pulled_bytes += len(data)
            self.report.pulled_ids.append(object_id)
        return whole

    def _check_vector(self, head: Head) -> None:
        """What `head`'s writer had seen must still be in the store."""
        for other, seen in head.seen.items():
            if head_name(self.keys, other, seen.counter) not in self._listing:
                self._problem(
                    f"The store hides changes of {self._label(other)} that "
                    f"{self._label(head.device)} saw on {_when(head.at)}; run "
                    "`vault check --remote`."
                )

    def _join(self) -> None:
        """Claim an entry in the device list on the first sync (the lowest free one)."""
        me = self.device.device_id
        if self.memory.slot is not None:
            return
        slot = self.memory.slots_read
        signed = sign_entry(self.device, self.now())
        while True:
            name = slot_name(self.keys, slot)
            self.report.requests += 1
            if self.store.put_new(name, seal(self.keys, name, ObjectKind.DEVICE, signed)):
                break
            slot += 1  # another device took it at the same moment: it is read next sync
        self.memory.slot = slot
        self.memory.devices[me] = self.device.public_key.hex()
        if slot == self.memory.slots_read:
            self.memory.slots_read = slot + 1  # its own entry needs no reading

    def _push(self, local: LocalObjects) -> None:
        """Upload this device's new objects, then a head naming them."""
        new_ids = sorted(set(local.object_ids()) - self.memory.known.keys())
        written: list[str] = []

        def upload(object_id: str) -> tuple[str, str, int]:
            content = local.read_object(object_id)
            name = record_name(self.keys, object_id, hashlib.sha256(content).digest())
            if name in self._listing:
                return object_id, name, -1  # uploaded before a crash, or by another device
            envelope = seal(self.keys, name, ObjectKind.RECORD, _record_payload(object_id, content))
            return object_id, name, len(envelope) if self.store.put_new(name, envelope) else 0

        for object_id, name, sent in self._pool.map(upload, new_ids):
            self.report.requests += sent >= 0
            self.report.pushed_objects += sent > 0
            self.report.pushed_bytes += max(sent, 0)
            written.append(name)
            self.memory.known[object_id] = name
        me = self.device.device_id
        mine = self.memory.seen.get(me)
        others = {d: s for d, s in self.memory.seen.items() if d != me}
        if not written and mine is not None and not self.memory.owe_head:
            return  # nothing new to say: no head, so a sync with nothing to do sends nothing
        self._write_head(tuple(written), mine, others)

    def _write_head(
        self, written: tuple[str, ...], mine: Seen | None, others: dict[str, Seen]
    ) -> None:
        me = self.device.device_id
        head = Head(
            device=me,
            public_key=self.device.public_key.hex(),
            counter=(mine.counter if mine else 0) + 1,
            previous=mine.digest if mine else None,
            written=written,
            seen=others,
            at=self.now(),
        )
        signed = sign_head(self.device, head)
        name = head_name(self.keys, me, head.counter)
        self.report.requests += 1
        envelope = seal(self.keys, name, ObjectKind.HEAD, signed)
        if not self.store.put_new(name, envelope):
            self._problem(
                "Another copy of this device wrote to the store at the same moment; "
                "sync again on each."
            )
            return
        self.report.pushed_bytes += len(envelope)
        self.memory.seen[me] = Seen(counter=head.counter, digest=head_digest(signed))
        self.memory.seen_at[me] = head.at
        self.memory.vector = others
        self.memory.owe_head = False


class _Discard:
    """Local objects that keep nothing: for a check, which only reads the store."""

    def object_ids(self) -> list[str]:
        return []

    def read_object(self, object_id: str) -> bytes:
        raise KeyError(object_id)

    def write_object(self, object_id: str, data: bytes) -> bool:
        return True


def check_store(
    store: ObjectStore,
    keys: SyncKeys,
    memory: SyncMemory,
    now: Callable[[], datetime],
    me: str | None = None,
) -> SyncReport:
    """Read and check every device entry, head and object the store holds, writing nothing
    (`vault check --remote`): each altered, swapped, replayed or missing one is a problem
    naming it, and a store older than `memory` remembers is reported as rolled back."""
    checker = Sync(store, keys, DeviceKey.generate(), SyncMemory(), now, remembered=memory)
    checker._me = me or checker._me  # sentences say "this device" for the one checking
    report, _ = checker.run(_Discard(), push=False)
    return report
