"""Writing an export file: readable by its owner only, complete or not there at all."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from iop_facilitator.review.errors import ExportFailed

EXPORT_FILE_MODE = 0o600


def write_export(path: Path, text: str) -> Path:
    """Write `text` to `path` (mode 0600, replacing any file there atomically); return the
    absolute path. Raises `ExportFailed` with one sentence if the disk refuses."""
    path = path.expanduser().absolute()
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, EXPORT_FILE_MODE)
        try:
            data = text.encode("utf-8")
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temp, EXPORT_FILE_MODE)  # whatever the umask
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise ExportFailed(
            f"The export could not be written to {path} ({error.strerror or error}).",
            hint="Choose another place with -o.",
        ) from error
    return path
