"""The demo's throwaway folder: made private, marked as ours, and cleaned up after a crash.

A demo killed outright (SIGKILL, a power cut) cannot run its `finally`, so its folder stays in
the temp directory. Nothing in it is readable: the vault is opened with a random passphrase
that lives only in the demo's memory. The next `demo` start removes such leftovers: folders
named `iop-demo-*`, owned by this user, holding our marker, whose marker no running demo
holds locked (the lock goes with the process that held it, however it ended).
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path

PREFIX = "iop-demo-"
MARKER = ".iop-facilitator-demo"
_MARKER_TEXT = b"A throwaway iop-facilitator demo folder; removed by the next demo start.\n"


def demo_passphrase() -> str:
    """A random passphrase for the throwaway vault, kept only in memory (never written)."""
    return secrets.token_urlsafe(32)


class DemoFolder:
    """A new demo folder, locked (through its marker) while this process lives."""

    def __init__(self, path: Path, lock_fd: int) -> None:
        self.path = path
        self._lock_fd = lock_fd

    @classmethod
    def create(cls, parent: Path | None = None) -> DemoFolder:
        """Remove crashed demos' leftovers in `parent` (the temp directory), then make a new
        folder there with its marker locked."""
        remove_leftovers(parent)
        path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
        fd = os.open(path / MARKER, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.write(fd, _MARKER_TEXT)
        return cls(path, fd)

    def remove(self) -> None:
        """Delete the folder and everything in it, then let go of the lock."""
        shutil.rmtree(self.path, ignore_errors=True)
        os.close(self._lock_fd)


def remove_leftovers(parent: Path | None = None) -> list[Path]:
    """Remove the folders of demos that ended without cleaning up; return what was removed.

    A folder is touched only when it is a real folder (not a link) owned by this user, named
    `iop-demo-*`, holding our marker as a regular file, and no process holds the marker's lock
    (a demo running now keeps its folder).
    """
    removed: list[Path] = []
    base = Path(parent if parent is not None else tempfile.gettempdir())
    try:
        candidates = list(base.glob(f"{PREFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        if _is_abandoned(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _is_abandoned(path: Path) -> bool:
    try:
        st = path.lstat()
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
            return False
        fd = os.open(path / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a demo running now holds it
    finally:
        os.close(fd)
    return True
