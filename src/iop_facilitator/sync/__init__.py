"""Backup and sync of the vault through an object store, end to end encrypted (docs/sync.md).

The store (a folder or an S3-compatible bucket) holds only sealed, padded envelopes under
opaque names; devices sign heads so that a store that hides or rolls back is caught; merging
what devices wrote is a pure function (`sync.merge`). Nothing here prints or imports a UI.
"""

from iop_facilitator.sync.engine import Sync
from iop_facilitator.sync.envelope import SyncKeys
from iop_facilitator.sync.heads import DeviceKey
from iop_facilitator.sync.local import LocalObjects, SyncReport
from iop_facilitator.sync.memory import SyncMemory
from iop_facilitator.sync.remote import Remote, check_create_only
from iop_facilitator.sync.store import ObjectStore

__all__ = [
    "DeviceKey",
    "LocalObjects",
    "ObjectStore",
    "Remote",
    "Sync",
    "SyncKeys",
    "SyncMemory",
    "SyncReport",
    "check_create_only",
]
