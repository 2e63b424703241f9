"""Writing an export file: readable by its owner only, complete or not there at all."""

from __future__ import annotations

import contextlib
import glob
from pathlib import Path

from iop_facilitator.atomic_file import PRIVATE_FILE_MODE, replace_file
from iop_facilitator.review.errors import ExportFailed

EXPORT_FILE_MODE = PRIVATE_FILE_MODE
# The name a partial export would have, where the system cannot write a file with no name.
EXPORT_TEMP_PREFIX = ".iop-export-"


def _remove_leftovers(path: Path) -> None:
    """Delete what an export to `path` killed mid-way left (only where the system has no
    unnamed files, or killed between naming and renaming): plain text nobody asked to keep."""
    for leftover in path.parent.glob(f"{glob.escape(EXPORT_TEMP_PREFIX + path.name)}-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def write_export(path: Path, text: str) -> Path:
    """Write `text` to `path` (mode 0600, replacing any file there atomically); return the
    absolute path.

    The text is written to a file with no name that is named only once complete (see
    `atomic_file.replace_file`), so a failure or even a SIGKILL mid-write leaves no partial
    plain-text file behind. Raises `ExportFailed` with one sentence if the disk refuses.
    """
    path = path.expanduser().absolute()
    _remove_leftovers(path)
    try:
        replace_file(
            path,
            text.encode("utf-8"),
            mode=EXPORT_FILE_MODE,
            temp_prefix=EXPORT_TEMP_PREFIX,
            unnamed_temp=True,
        )
    except OSError as error:
        raise ExportFailed(
            f"The export could not be written to {path} ({error.strerror or error}).",
            hint="Choose another place with -o.",
        ) from error
    return path
