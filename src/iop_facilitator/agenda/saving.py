"""Writing an agenda the user edited: atomically, keeping the version before, never a shipped one.

A save replaces the file in one step (`atomic_file.replace_file`: the old file or the new one,
never half) after keeping the previous text as `NAME.toml.bak`, so a bad save can be undone by
hand. A draft (an agenda with problems the author wants to keep for later) is written beside
the file as `NAME.toml.draft`: it does not end in `.toml`, so it is never listed or offered to
`run`.
"""

from __future__ import annotations

from pathlib import Path

from iop_facilitator.agenda import catalog
from iop_facilitator.agenda.loader import parse_agenda
from iop_facilitator.atomic_file import replace_file
from iop_facilitator.errors import ExitCode, UserError

# Agendas are not health information: readable by the user's other tools, like any document.
_AGENDA_FILE_MODE = 0o644

# The lines the editor puts above a file with problems (`agenda edit --in-editor`): the marker
# lets the next round take them off again without touching the author's own comments.
PROBLEM_MARK = "# !! "


def backup_path(path: Path) -> Path:
    """Where the version before the last save is kept."""
    return path.with_name(path.name + ".bak")


def draft_path(path: Path) -> Path:
    """Where a draft of `path` is kept."""
    return path.with_name(path.name + ".draft")


def is_shipped(path: Path) -> bool:
    """Whether `path` is one of the templates installed with the program."""
    try:
        return path.resolve().parent == catalog.shipped_agenda_dir().resolve()
    except OSError:
        return False


def _write(path: Path, text: str) -> None:
    try:
        replace_file(path, text.encode("utf-8"), mode=_AGENDA_FILE_MODE)
    except OSError as error:
        failure = UserError(f"{path} could not be written ({error.strerror or error}).")
        failure.exit_code = ExitCode.STORAGE_FAILED
        raise failure from None


def save_agenda(path: Path, text: str) -> None:
    """Check `text` with the loader (raising `AgendaError` with every problem, writing
    nothing), keep the current file as `NAME.toml.bak`, and replace the file atomically.

    Refuses a shipped template: the caller copies it to the user's folder first.
    """
    if is_shipped(path):
        raise UserError(f"{path} is a shipped template; it is never changed in place.")
    parse_agenda(text, str(path))
    if path.is_file():
        _write(backup_path(path), path.read_text(encoding="utf-8", errors="replace"))
    _write(path, text)
    draft = draft_path(path)
    if draft.exists():
        draft.unlink(missing_ok=True)  # the agenda itself is now the newer one


def save_draft(path: Path, text: str) -> Path:
    """Keep `text`, problems and all, as the draft of `path`; returns the draft's path."""
    draft = draft_path(path)
    _write(draft, text)
    return draft


def with_problems_on_top(text: str, problems: list[str]) -> str:
    """`text` with `problems` listed above it as marked comments (see `PROBLEM_MARK`)."""
    header = [f"{PROBLEM_MARK}This agenda was not saved: fix these and save again."]
    header += [f"{PROBLEM_MARK}{problem}" for problem in problems]
    return "\n".join(header) + "\n" + without_problems_on_top(text)


def without_problems_on_top(text: str) -> str:
    """`text` without the marked problem lines `with_problems_on_top` put above it."""
    lines = text.split("\n")
    while lines and lines[0].startswith(PROBLEM_MARK):
        lines.pop(0)
    return "\n".join(lines)
