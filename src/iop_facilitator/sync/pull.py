"""Pulling one head: fetch the packs it names that hold objects this device lacks, check that
each holds exactly what the head says, and hand the objects to the vault one by one."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from iop_facilitator.sync.envelope import EnvelopeError, ObjectKind, open_envelope
from iop_facilitator.sync.heads import Head
from iop_facilitator.sync.local import LocalObjects
from iop_facilitator.sync.memory import record_name
from iop_facilitator.sync.packs import PackError, decode, pack_name

if TYPE_CHECKING:
    from iop_facilitator.sync.engine import Sync


def pull_head(sync: Sync, head: Head, local: LocalObjects) -> bool:
    """Keep the objects of `head` that this device lacks; False (and a problem said) if one
    of its packs is missing from the store or not what the head says."""
    missing = [pack for pack in head.written if pack not in sync.listing]
    if missing:
        sync.problem(
            f"The store is missing {len(missing)} object(s) that {sync.label(head.device)} "
            f"wrote on {sync.when(head.at)}; those changes were not merged."
        )
        return False
    for records in head.written.values():
        for name in records:
            if name in sync.unsent:  # this device holds it already
                sync.memory.known[sync.unsent[name][0]] = name
                sync.names_known.add(name)
    wanted = [
        pack
        for pack, records in head.written.items()
        if any(name not in sync.names_known for name in records)
    ]
    whole = True
    for done, (pack, data) in enumerate(sync.fetch(wanted), start=1):
        sync.progress("Receiving", done, len(wanted))
        entries = _open_pack(sync, pack, data, head.written[pack])
        if entries is None:
            sync.problem(
                f"The object {pack} in the store was altered or replaced; it was not used "
                "(run `vault check --remote`)."
            )
            whole = False
            continue
        sync.report.pulled_bytes += len(data)
        with local.keeping():
            _keep(sync, local, entries)
    return whole


def _keep(sync: Sync, local: LocalObjects, entries: list[tuple[str, bytes, str]]) -> None:
    """Hand one pack's objects to the vault."""
    for object_id, content, name in entries:
        if name in sync.names_known:
            continue
        if local.write_object(object_id, content):
            sync.memory.known[object_id] = name
        else:
            # This device keeps other bytes in use under that id (the vault said why);
            # remembered so that it is not fetched again.
            sync.memory.set_aside.append(name)
        sync.names_known.add(name)
        sync.report.pulled_objects += 1
        sync.report.pulled_ids.append(object_id)


def _open_pack(
    sync: Sync, pack: str, data: bytes, records: tuple[str, ...]
) -> list[tuple[str, bytes, str]] | None:
    """The pack's (id, content, name) entries if it opens and holds exactly `records`."""
    try:
        kind, payload = open_envelope(sync.keys, pack, data)
        if kind is not ObjectKind.PACK:
            return None
        entries = [
            (
                object_id,
                content,
                record_name(sync.keys, object_id, hashlib.sha256(content).digest()),
            )
            for object_id, content in decode(payload)
        ]
    except (EnvelopeError, PackError):
        return None
    names = [name for _, _, name in entries]
    if sorted(names) != sorted(records) or pack_name(sync.keys, names) != pack:
        return None
    return entries
