"""Replacing a whole file atomically: a reader sees the old file or the new one, never a mix.

The one way this program writes a whole file, shared by the vault (sealed bytes, inside the
vault folder) and by export (plain text, wherever the user chose): the bytes go to a temp file
in the same folder, which is fsynced, renamed over the target with `os.replace`, and then the
folder itself is fsynced so the new name survives a power cut. Nothing here seals anything.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

PRIVATE_FILE_MODE = 0o600

# What `open(O_TMPFILE)` fails with where the kernel or the file system cannot do it.
_NO_UNNAMED_FILES = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOTSUP}


def write_all(fd: int, data: bytes) -> None:
    """`os.write` until every byte is written (a short write is not an error on its own)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_folder(path: Path) -> None:
    """Flush a folder's entries (new, renamed or removed names) to the disk."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_path(path: Path, temp_prefix: str) -> Path:
    return path.with_name(f"{temp_prefix}{path.name}-{secrets.token_hex(4)}")


def _open_unnamed(folder: Path, mode: int) -> int | None:
    """A new file with no name in `folder` (Linux's O_TMPFILE), or None where there is none."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, mode)
    except OSError as error:
        if error.errno in _NO_UNNAMED_FILES:
            return None
        raise


def _link(fd: int, folder_fd: int, name: str) -> None:
    """Give the unnamed file `fd` the name `name` in the folder open as `folder_fd`."""
    # With a folder fd, Python calls linkat(AT_SYMLINK_FOLLOW), which links the file the
    # /proc entry points to (plain link() would try to link the /proc entry itself).
    os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder_fd, follow_symlinks=True)


def _replace_through_unnamed(path: Path, data: bytes, mode: int, temp_prefix: str, fd: int) -> None:
    temp: Path | None = None
    try:
        try:
            write_all(fd, data)
            os.fchmod(fd, mode)  # whatever the umask
            os.fsync(fd)
            # The file gets a name only now, complete: a crash before this leaves nothing.
            folder_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                try:
                    _link(fd, folder_fd, path.name)
                    return
                except FileExistsError:
                    temp = _temp_path(path, temp_prefix)
                    _link(fd, folder_fd, temp.name)
            finally:
                os.close(folder_fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
        raise


def _replace_through_named(path: Path, data: bytes, mode: int, temp_prefix: str) -> None:
    temp = _temp_path(path, temp_prefix)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            write_all(fd, data)
            os.fchmod(fd, mode)  # whatever the umask
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise


def replace_file(
    path: Path,
    data: bytes,
    *,
    mode: int = PRIVATE_FILE_MODE,
    temp_prefix: str = ".tmp-",
    unnamed_temp: bool = False,
) -> None:
    """Replace `path` with `data` (file mode `mode`) so that a reader sees the old or the new
    file, never a mix, and the new one survives a crash once this returns.

    The temp file is `temp_prefix` + the file's name + a random tail, in the same folder. With
    `unnamed_temp`, the bytes are first written to a file with no name at all (O_TMPFILE, on
    Linux) that is named only when complete, so that even a SIGKILL mid-write leaves no partial
    file behind (for plain text); where the system has no such files, a named temp is used.

    Raises `OSError` if the disk refuses; the old file is then untouched and no temp file is
    left behind.
    """
    fd = _open_unnamed(path.parent, mode) if unnamed_temp else None
    if fd is not None:
        _replace_through_unnamed(path, data, mode, temp_prefix, fd)
    else:
        _replace_through_named(path, data, mode, temp_prefix)
    fsync_folder(path.parent)
