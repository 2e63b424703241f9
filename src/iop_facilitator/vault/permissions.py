"""Loose permissions on the vault: warned about and set back (folders 0700, files 0600).

The contents are sealed either way, but who may list, copy or replace the files matters (a
replaced file is caught, a copied one can be attacked offline). Unlock looks at the folders and
the top-level files (a few `stat`s); `vault check` looks at every file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.storage import FILE_MODE, FOLDER_MODE


def _top(layout: VaultLayout) -> Iterator[Path]:
    yield layout.root
    yield from (layout.records, layout.journals, layout.locks)
    yield from (layout.key_file, layout.key_backup, layout.index, layout.index_log)


def _everything(layout: VaultLayout) -> Iterator[Path]:
    yield from _top(layout)
    for folder in (layout.records, layout.journals, layout.locks):
        for parent, folders, files in os.walk(folder):
            for name in folders + files:
                yield Path(parent) / name


def repair(layout: VaultLayout, *, every_file: bool = False) -> list[str]:
    """Set back what others may read or change; one sentence per thing repaired (or that could
    not be), for the user. Symbolic links are left alone (never followed)."""
    said: list[str] = []
    for path in _everything(layout) if every_file else _top(layout):
        try:
            st = path.lstat()
        except OSError:
            continue
        if stat.S_ISLNK(st.st_mode) or not st.st_mode & 0o077:
            continue
        wanted = FOLDER_MODE if stat.S_ISDIR(st.st_mode) else FILE_MODE
        if path == layout.root:
            shown = "The vault folder"
        else:
            what = "folder" if stat.S_ISDIR(st.st_mode) else "file"
            shown = f"The {what} {layout.shown(path)}"
        mode = f"{stat.S_IMODE(st.st_mode):04o}"
        try:
            path.chmod(wanted)
        except OSError as error:
            said.append(
                f"{shown} can be read by other users ({mode}) and could not be set back to "
                f"{wanted:04o} ({error.strerror or error})."
            )
            continue
        said.append(
            f"{shown} could be read by other users ({mode}); it was set back to {wanted:04o}."
        )
    return said
