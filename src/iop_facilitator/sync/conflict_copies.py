"""The conflict copies sync kept, opened: which record each is a version of, and whether it
is still open.

When two devices saved the same record at the same version, sync keeps one in use (the lower
SHA-256, the same on every device) and the other as a sealed conflict copy (`vault_objects`).
A copy is *open* while the version in use is not newer than it: once a person keeps one of
the two (a normal save, one version up), the copy is settled on every device that syncs,
without a record of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.sync.vault_objects import CONFLICT_PREFIX, SYNC_KIND, conflicts
from iop_facilitator.vault import Vault
from iop_facilitator.vault.sealed import FormatProblem, NewerFormat, open_record


@dataclass(frozen=True)
class ConflictCopy:
    """The version of record `record_id` (of `kind`) that sync kept beside the one in use."""

    copy_id: str
    """`kind/name/digest`, as `vault status` counts them."""
    kind: str
    record_id: str
    rev: int
    payload: bytes


def open_conflict_copies(vault: Vault, kind: str) -> list[ConflictCopy]:
    """The copies of records of `kind` nobody has chosen between yet (see the module)."""
    found = []
    for copy_id in conflicts(vault):
        copy_kind, name, _digest = copy_id.split("/")
        if copy_kind != kind:
            continue
        sealed = vault.get(SYNC_KIND, CONFLICT_PREFIX + copy_id)
        try:
            # The copy is the object file's bytes as the other device sealed it (same keys).
            record = open_record(vault._keys, vault.vault_id, kind, sealed, file_name=name)
        except (FormatProblem, NewerFormat):
            continue  # `vault check` names a damaged copy; review shows only what opens
        with vault.writing():  # the index is read under the vault's lock, as sync does
            in_use = vault._index.get(kind, record.record_id)
        if in_use is not None and in_use.rev > record.rev:
            continue
        found.append(ConflictCopy(copy_id, kind, record.record_id, record.rev, record.payload))
    return found
