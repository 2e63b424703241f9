"""One live session per group: a lock on the group, held by the runner that runs its session.

A second `run` of a group whose session is live in another window must not start a parallel
session (it would hide the real one, be finished as "0 of 0 present" and take the place of the
real one when homework is carried over). So starting or resuming a group's session takes this
lock first, beside the session's own journal lock; a refusal names the holder (process, host,
since when) in one sentence (`GroupSessionHeld`).

Built on the vault's own locks (`vault.locks.acquire`, an `flock` the kernel drops when the
holding process dies): a runner that crashed or was killed never leaves its group locked, so
"take over after the holder is gone" needs no stale-lock cleaning. The lock file sits among the
vault's session locks; its name is a hash of the vault and group ids, so it names no group.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from iop_facilitator.vault.errors import VaultLockedError
from iop_facilitator.vault.locks import HeldLock, acquire
from iop_facilitator.vault.storage import FILE_MODE, make_folder, storage_error


class GroupSessionHeld(VaultLockedError):
    """The group's live session is held by another runner; the message names it."""

    def __init__(self, message: str, holder: LockHolder | None) -> None:
        super().__init__(
            message,
            hint="Wait for it to end there, open review (read-only) meanwhile, or take the "
            "session over here once that window is closed.",
        )
        self.holder = holder


@dataclass(frozen=True)
class LockHolder:
    """Who holds a group's live session, as the lock file says."""

    pid: int
    host: str
    since: datetime

    def words(self) -> str:
        """ "process 4242 on laptop, since 2026-11-24 15:02" (local time)."""
        since = self.since.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"process {self.pid} on {self.host}, since {since}"


def group_lock_path(vault: Any, group_id: str) -> Path | None:
    """Where the group's lock lives in `vault`, or None for a store without a folder (tests'
    in-memory stores: nothing else can run a session there)."""
    layout = getattr(vault, "layout", None)
    vault_id = getattr(vault, "vault_id", None)
    if layout is None or not isinstance(vault_id, bytes):
        return None
    digest = hashlib.sha256(vault_id + b"group-live:" + group_id.encode()).hexdigest()[:32]
    path = layout.session_lock(f"group-{digest}")
    return path if isinstance(path, Path) else None


def _holder(path: Path) -> LockHolder | None:
    try:
        raw = json.loads(path.read_bytes())
        return LockHolder(int(raw["pid"]), str(raw["host"]), datetime.fromisoformat(raw["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def hold_group(vault: Any, group_id: str, group_name: str) -> HeldLock | None:
    """Take the group's live-session lock; raise `GroupSessionHeld` naming the holder.

    None when the store has no folder to lock in.
    """
    path = group_lock_path(vault, group_id)
    if path is None:
        return None
    # The flock is on `locks/group-<hash>` (kept for good once made), the holder's note beside
    # it in `<that>.lock`, as the vault's own locks do. Deleting the kept file while a runner
    # holds it could let a second runner of the group in; each session still has its own
    # journal lock, so that costs a parallel session, never a damaged journal.
    target = path.with_suffix("")
    try:
        make_folder(target.parent)
        try:
            os.close(os.open(target, os.O_RDONLY | os.O_CREAT, FILE_MODE))
        except OSError as error:
            raise storage_error(error, f"the lock for the live session of {group_name}") from error
        return acquire(target, note=path, what=f"the live session of {group_name}")
    except GroupSessionHeld:
        raise
    except VaultLockedError:
        holder = _holder(path)
        who = holder.words() if holder else "a runner that has not said who it is yet"
        raise GroupSessionHeld(
            f"{group_name}'s session is live in another window ({who}).", holder
        ) from None


def group_holder(vault: Any, group_id: str, group_name: str) -> GroupSessionHeld | None:
    """The refusal a new runner of the group would meet now, or None when it is free (the lock
    is taken and given back at once, so asking never blocks a runner)."""
    try:
        lock = hold_group(vault, group_id, group_name)
    except GroupSessionHeld as held:
        return held
    if lock is not None:
        lock.release()
    return None


class GroupHeldJournal:
    """A live session's journal that also holds its group's lock: closing the journal (the
    runner quitting, a test's simulated crash) gives the group back too."""

    def __init__(self, journal: Any, lock: HeldLock | None) -> None:
        self._journal = journal
        self._lock = lock

    def append(self, payload: bytes) -> int:
        """Append to the journal (see `vault.Journal.append`)."""
        result: int = self._journal.append(payload)
        return result

    def close(self) -> None:
        """Close the journal, then give the group's lock back."""
        try:
            self._journal.close()
        finally:
            self.release_group()

    def release_group(self) -> None:
        """Give the group's lock back (the session was finished or discarded)."""
        if self._lock is not None:
            self._lock.release()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._journal, name)
