"""An object store in a plain folder: an external disk for `vault backup DIR` and `clone DIR`.

Layout: `DIR/<first two hex digits>/<name>`, so no folder holds more than a few thousand
files. A write goes to a temporary file (fsynced), which is then hard-linked to its name: the
link fails if the name exists, so the write is create-only and atomic at once. File systems
without hard links (FAT, exFAT on a USB disk) fall back to a checked rename, create-only
against every writer but one running at the same instant into the same folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from iop_facilitator.sync.errors import (
    ObjectMissingError,
    RemoteBucketMissingError,
    RemoteStorageError,
)
from iop_facilitator.sync.store import OBJECT_NAME, check_name

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


class FolderStore:
    """Objects as files under one folder, which must exist (a mounted disk)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        if not root.is_dir():
            raise RemoteBucketMissingError(
                f"The backup folder {root} does not exist; create it (or mount the disk) first."
            )

    @property
    def description(self) -> str:
        """The folder, as a path."""
        return str(self.root)

    def _path(self, name: str) -> Path:
        check_name(name)
        return self.root / name[:2] / name

    def put_new(self, name: str, data: bytes) -> bool:
        """Create-only, atomic write (see the module's docstring)."""
        final = self._path(name)
        if final.exists():
            return False
        try:
            final.parent.mkdir(mode=0o700, exist_ok=True)
            temp = final.parent / f".tmp-{secrets.token_hex(8)}"
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                created = _link_new(temp, final)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    temp.unlink()
            _fsync_folder(final.parent)
        except OSError as error:
            raise RemoteStorageError(
                f"Could not write to the backup folder {self.root} ({error.strerror or error}); "
                "check that the disk is mounted, writable and not full."
            ) from None
        return created

    def get(self, name: str) -> bytes:
        """The object's bytes; `ObjectMissingError` if the file is not there."""
        try:
            return self._path(name).read_bytes()
        except FileNotFoundError:
            raise ObjectMissingError(
                f"The object {name} is missing from the backup folder {self.root}."
            ) from None
        except OSError as error:
            raise RemoteStorageError(
                f"Could not read the backup folder {self.root} ({error.strerror or error})."
            ) from None

    def names(self) -> list[str]:
        """Every object's name, sorted; temporary files and anything else are left out."""
        found: list[str] = []
        try:
            for fan in self.root.iterdir():
                if len(fan.name) != 2 or not fan.is_dir():
                    continue
                found.extend(
                    entry.name
                    for entry in fan.iterdir()
                    if entry.name.startswith(fan.name) and OBJECT_NAME.fullmatch(entry.name)
                )
        except OSError as error:
            raise RemoteStorageError(
                f"Could not list the backup folder {self.root} ({error.strerror or error})."
            ) from None
        return sorted(found)


def _link_new(temp: Path, final: Path) -> bool:
    """Give `temp` the name `final` unless that name exists: True if it was given."""
    try:
        os.link(temp, final)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        if final.exists():
            return False
        os.replace(temp, final)
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the new name durable (a crash after this keeps the object)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
