"""Writing to the vault folder so that a crash or a full disk never loses what was saved.

Whole files are replaced atomically through `iop_facilitator.atomic_file` (temp file in the
same folder, fsync, `os.replace`, fsync of the folder); folders are 0700 and files 0600 whatever
the umask. Only sealed bytes ever pass through here.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from iop_facilitator.atomic_file import fsync_folder, replace_file
from iop_facilitator.atomic_file import write_all as write_all  # the journal's appends
from iop_facilitator.vault.errors import StorageError

FOLDER_MODE = 0o700
FILE_MODE = 0o600
TEMP_PREFIX = ".tmp-"

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}

FileStat = tuple[int, int, int]
"""A file's inode, mtime (ns) and size: what changes when another process replaces or grows it."""


def restrict_umask() -> None:
    """Make every file this process creates private to the user (umask 077)."""
    os.umask(0o077)


def storage_error(error: OSError, what: str) -> StorageError:
    """Turn an OSError from a save into one sentence that says what happened and what to do."""
    if error.errno in _FULL:
        return StorageError(
            f"The disk is full, so {what} could not be saved.",
            hint="Nothing already saved was lost; free some space and it will be saved again.",
        )
    if error.errno in _READ_ONLY:
        return StorageError(
            f"The vault folder cannot be written to, so {what} could not be saved.",
            hint="Nothing already saved was lost; check the folder's permissions or the disk.",
        )
    return StorageError(
        f"The disk refused to save {what} ({error.strerror or error}).",
        hint="Nothing already saved was lost.",
    )


def make_folder(path: Path) -> None:
    """Create `path` (and parents) if needed, and make sure it is 0700."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if (path.stat().st_mode & 0o777) != FOLDER_MODE:
        path.chmod(FOLDER_MODE)


def atomic_write(path: Path, data: bytes, *, what: str) -> None:
    """Replace `path` with `data` so that a reader sees the old or the new file, never a mix.

    Raises `StorageError` (naming `what`) if the disk refuses; the old file is then untouched
    and no temp file is left behind.
    """
    try:
        replace_file(path, data, mode=FILE_MODE, temp_prefix=TEMP_PREFIX)
    except OSError as error:
        raise storage_error(error, what) from error


def remove(path: Path, *, what: str) -> None:
    """Delete `path` durably (fsync of the folder); a missing file is fine."""
    try:
        path.unlink(missing_ok=True)
        fsync_folder(path.parent)
    except OSError as error:
        raise storage_error(error, what) from error


def file_stat(path: os.PathLike[str]) -> FileStat | None:
    """The file's `FileStat`, or None when it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def read_file(path: os.PathLike[str], what: str) -> bytes | None:
    """The whole file, or None when it does not exist. Raises `StorageError` naming `what`."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise storage_error(error, what) from error


def fsync_file(path: os.PathLike[str], *, what: str) -> None:
    """fsync a file written without it (a missing file is fine). Raises `StorageError`."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    except OSError as error:
        raise storage_error(error, what) from error
    try:
        os.fsync(fd)
    except OSError as error:
        raise storage_error(error, what) from error
    finally:
        os.close(fd)
