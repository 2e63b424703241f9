"""The record kinds review itself writes.

Review reads the engine's finished sessions and the vault's encrypted index, and writes only
three small kinds of its own: the therapist's clinical notes (with their addenda), the
handling of safety flags, and the access log of exports. Everything else is read-only here.
What review needs from the vault is `iop_facilitator.session.records.Store`, the one protocol
for it.
"""

from __future__ import annotations

from iop_facilitator.session.records import FLAG_HANDLED_KIND

CLINICAL_NOTE = "clinical-note"
FLAG_HANDLED = FLAG_HANDLED_KIND  # session carries flags until review records them handled
ACCESS_LOG = "access-log"
