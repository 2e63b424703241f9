"""Advisory locks (`fcntl.flock`) that name their holder.

The kernel drops a flock when its process dies, so a crash never leaves a stale lock behind;
the lock file holds only who took it (pid, host, since when) so that a refusal can say so.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from iop_facilitator.vault.errors import VaultLockedError
from iop_facilitator.vault.storage import FILE_MODE, make_folder, storage_error

_RETRY_SECONDS = 0.05


class HeldLock:
    """An exclusive lock held by this process until `release()` (or the process ends)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        """Whether this object still holds its lock."""
        return self._fd is not None

    def release(self, *, remove_file: bool = False) -> None:
        """Give the lock up; with `remove_file`, delete the lock file first (while still
        holding it, so a process waiting on the old file notices and retries)."""
        if self._fd is None:
            return
        if remove_file:
            # A leftover lock file is harmless: only the flock matters.
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _describe_holder(raw: bytes) -> str:
    try:
        holder = json.loads(raw)
        since = datetime.fromisoformat(holder["since"]).astimezone().strftime("%Y-%m-%d %H:%M")
        return f"process {holder['pid']} on {holder['host']}, since {since}"
    except (ValueError, KeyError, TypeError):
        return "a process that has not said who it is yet"


def acquire(path: Path, *, what: str, wait_seconds: float = 0.0) -> HeldLock:
    """Take the lock at `path` for `what` (e.g. "this session"), waiting up to `wait_seconds`.

    Raises `VaultLockedError` naming the holder, or `StorageError` if the lock file cannot be
    created.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            make_folder(path.parent)  # a copied or synced vault may have lost empty folders
            fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as error:
            raise storage_error(error, f"the lock for {what}") from error
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                os.close(fd)
                raise storage_error(error, f"the lock for {what}") from error
            holder = os.pread(fd, 4096, 0)
            os.close(fd)
            if time.monotonic() < deadline:
                time.sleep(_RETRY_SECONDS)
                continue
            raise VaultLockedError(
                f"{what[0].upper()}{what[1:]} is in use by another copy of iop-facilitator "
                f"({_describe_holder(holder)}).",
                hint="Close it there first; the lock goes away by itself when that copy ends.",
            ) from None
        # The file may have been removed by its last holder between our open and our flock:
        # then we hold a lock nobody else can see, so start again on the new file.
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
            continue
        holder_info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(holder_info).encode("utf-8"), 0)
        except OSError:
            pass  # the lock holds without the note; a refusal then says less
        return HeldLock(path, fd)


def is_held(path: Path) -> bool:
    """Whether some process holds the lock at `path` now, without taking it.

    A shared flock is tried and given back at once: it fails only while the lock is held
    exclusively. Nothing is created; a missing lock file is a lock nobody holds.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing gives back the shared lock if it was taken
    return False
