"""Pushing: this device's entry in the device list (once), its new objects in packs, and
then, only then, a signed head naming them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iop_facilitator.sync.envelope import ObjectKind, seal
from iop_facilitator.sync.heads import Head, Seen, head_digest, sign_entry, sign_head
from iop_facilitator.sync.local import LocalObjects
from iop_facilitator.sync.memory import head_name, slot_name
from iop_facilitator.sync.packs import encode, group, pack_name

if TYPE_CHECKING:
    from iop_facilitator.sync.engine import Sync


def join(sync: Sync) -> None:
    """Claim an entry in the device list on the first sync (the lowest free one)."""
    if sync.memory.slot is not None:
        return
    slot = sync.memory.slots_read
    signed = sign_entry(sync.device, sync.now())
    while True:
        name = slot_name(sync.keys, slot)
        sync.report.requests += 1
        if sync.store.put_new(name, seal(sync.keys, name, ObjectKind.DEVICE, signed)):
            break
        slot += 1  # another device took it at the same moment: it is read next sync
    sync.memory.slot = slot
    sync.memory.devices[sync.device.device_id] = sync.device.public_key.hex()
    if slot == sync.memory.slots_read:
        sync.memory.slots_read = slot + 1  # its own entry needs no reading


def push_new(sync: Sync, local: LocalObjects) -> None:
    """Upload this device's objects the store lacks, in packs, then a head naming them."""
    new = sorted(
        (object_id, size, name)
        for name, (object_id, size) in sync.unsent.items()
        if object_id not in sync.memory.known
    )
    packs = group([(object_id, size) for object_id, size, _ in new], sync.pack_bytes)
    name_of = {object_id: name for object_id, _, name in new}

    def upload(ids: list[str]) -> tuple[str, list[str], int]:
        names = [name_of[object_id] for object_id in ids]
        pack = pack_name(sync.keys, names)
        if pack in sync.listing:
            return pack, ids, -1  # uploaded before a crash, or by another device
        payload = encode((object_id, local.read_object(object_id)) for object_id in ids)
        envelope = seal(sync.keys, pack, ObjectKind.PACK, payload)
        return pack, ids, len(envelope) if sync.store.put_new(pack, envelope) else 0

    written: dict[str, tuple[str, ...]] = {}
    pushed: list[str] = []
    for done, (pack, ids, sent) in enumerate(sync.pool.map(upload, packs), start=1):
        sync.progress("Sending", done, len(packs))
        sync.report.requests += sent >= 0
        sync.report.pushed_objects += len(ids) if sent > 0 else 0
        sync.report.pushed_ids += ids if sent > 0 else []
        sync.report.pushed_bytes += max(sent, 0)
        written[pack] = tuple(name_of[object_id] for object_id in ids)
        pushed += ids
    news = written or sync.memory.owe_head or sync.device.device_id not in sync.memory.seen
    if news and not _write_head(sync, written):
        return  # no head names them: they are sent again (skipped, being there) next time
    for object_id in pushed:
        sync.memory.known[object_id] = name_of[object_id]


def _write_head(sync: Sync, written: dict[str, tuple[str, ...]]) -> bool:
    """Sign and upload this device's next head (create-only: a second copy of this device
    writing the same number at once is refused and told)."""
    me = sync.device.device_id
    mine = sync.memory.seen.get(me)
    others = {device: seen for device, seen in sync.memory.seen.items() if device != me}
    head = Head(
        device=me,
        public_key=sync.device.public_key.hex(),
        counter=(mine.counter if mine else 0) + 1,
        previous=mine.digest if mine else None,
        written=written,
        seen=others,
        at=sync.now(),
    )
    signed = sign_head(sync.device, head)
    name = head_name(sync.keys, me, head.counter)
    envelope = seal(sync.keys, name, ObjectKind.HEAD, signed)
    sync.report.requests += 1
    if not sync.store.put_new(name, envelope):
        sync.problem(
            "Another copy of this device wrote to the store at the same moment; sync again on each."
        )
        return False
    sync.report.pushed_bytes += len(envelope)
    sync.memory.seen[me] = Seen(counter=head.counter, digest=head_digest(signed))
    sync.memory.seen_at[me] = head.at
    sync.memory.vector = others
    sync.memory.owe_head = False
    return True
