"""Sync without a person waiting: after a session is finished and when review opens.

`sync_in_background` starts one sync on a daemon thread if the vault has a remote and
none is running, and tells `on_done` one sentence at the end: what moved, what needs a
person, or why it could not sync. It never raises into the caller and never blocks it: a live
session goes on whatever the store does (its journal is never synced; a finished session is).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from iop_facilitator.errors import UserError, unexpected_error
from iop_facilitator.sync.remote import Remote
from iop_facilitator.sync.sentences import moved
from iop_facilitator.sync.vault_sync import current_remote, sync_vault
from iop_facilitator.vault import Vault

_RUNNING = threading.Lock()


def _now() -> datetime:
    return datetime.now(UTC)


def sync_in_background(
    vault: Vault,
    on_done: Callable[[str], None],
    now: Callable[[], datetime] = _now,
    remote: Remote | None = None,
) -> threading.Thread | None:
    """Start a sync of `vault` with its remote (or `remote`); None if it has none or a sync
    is already running. `on_done` gets one sentence, on the sync's thread."""
    try:
        chosen = remote or current_remote(vault)
    except UserError as error:
        on_done(f"Sync did not start: {error}")
        return None
    if chosen is None or not _RUNNING.acquire(blocking=False):
        return None

    def work() -> None:
        try:
            store = chosen.open()
            report = sync_vault(vault, store, now)
            sentence = moved(report, store.description)
            if report.problems:
                sentence += f" Needs attention: {' '.join(report.problems)}"
        except UserError as error:
            sentence = f"Sync failed: {error}"
        except Exception as error:  # a bug: one sentence, never a traceback on the screen
            sentence = unexpected_error(error, "everything is kept in the vault")
        finally:
            _RUNNING.release()
        on_done(sentence)

    thread = threading.Thread(target=work, name="vault-sync", daemon=True)
    thread.start()
    return thread
