"""Advisory locks (`fcntl.flock`) on what they protect, with a note that names their holder.

A lock is taken on the thing itself: the vault's folder for index changes, a live session's
journal for its appends. Both exist exactly as long as what they guard, so tidying away a
file cannot let a second process in while the first holds the lock (a separate lock file
could be deleted while held, and the next process would lock a new one). The kernel drops a
flock when its process dies, so a crash never leaves a stale lock behind.

Beside each lock, `locks/<name>.lock` holds only who took it (pid, host, since when) so that a
refusal can say so. It is written after the lock is taken and removed when it is given up;
deleting it changes nothing but the refusal's wording.
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
_NOTE_BYTES = 4096


class HeldLock:
    """An exclusive lock held by this process until `release()` (or the process ends)."""

    def __init__(self, path: Path, fd: int, note: Path) -> None:
        self.path = path
        self.fd: int | None = fd
        """The open file the lock is on (the journal, or the vault's folder)."""
        self._note = note

    @property
    def held(self) -> bool:
        """Whether this object still holds its lock."""
        return self.fd is not None

    def release(self) -> None:
        """Give the lock up (and remove the note naming us, while still holding it)."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self._note.unlink(missing_ok=True)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _describe_holder(note: Path) -> str:
    try:
        with open(note, "rb") as file:
            holder = json.loads(file.read(_NOTE_BYTES))
        since = datetime.fromisoformat(holder["since"]).astimezone().strftime("%Y-%m-%d %H:%M")
        return f"process {holder['pid']} on {holder['host']}, since {since}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not said who it is yet"


def _write_note(note: Path) -> None:
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        make_folder(note.parent)  # a copied or synced vault may have lost empty folders
        fd = os.open(note, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            os.write(fd, json.dumps(holder).encode("utf-8"))
        finally:
            os.close(fd)
    except OSError:
        pass  # the lock holds without the note; a refusal then says less


def acquire(path: Path, *, note: Path, what: str, wait_seconds: float = 0.0) -> HeldLock:
    """Lock the existing file or folder at `path` for `what` (e.g. "this session"), waiting up
    to `wait_seconds`, and write `note` naming this process.

    Raises `VaultLockedError` naming the holder, `FileNotFoundError` when `path` is gone (the
    caller decides what that means), or `StorageError`.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise
        except OSError as error:
            raise storage_error(error, f"the lock for {what}") from error
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise storage_error(error, f"the lock for {what}") from error
            if time.monotonic() < deadline:
                time.sleep(_RETRY_SECONDS)
                continue
            raise VaultLockedError(
                f"{what[0].upper()}{what[1:]} is in use by another copy of iop-facilitator "
                f"({_describe_holder(note)}).",
                hint="Close it there first; the lock goes away by itself when that copy ends.",
            ) from None
        # The file may have been replaced or removed by its last holder between our open and
        # our flock: then we hold a lock nobody else can see, so start again on the new one.
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            os.close(fd)
            raise
        if not same:
            os.close(fd)
            continue
        _write_note(note)
        return HeldLock(path, fd, note)


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
