"""Where agendas live: the templates shipped with the program and the user's own.

Shipped templates are package data (`iop_facilitator/agendas/*.toml`). The user's templates
live in `<config>/agendas/`, where `<config>` is platformdirs' user config folder for
iop-facilitator, or `$IOP_FACILITATOR_CONFIG_DIR` when set (tests and the demo use it to stay
out of the real folder). A template is found by its name (the file name without `.toml`, or
an unambiguous start of it) or by a path.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.agenda.model import Agenda
from iop_facilitator.errors import ExitCode, UserError
from iop_facilitator.settings import read_settings

APP_NAME = "iop-facilitator"

_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

# The template the demo starts with.
DEMO_AGENDA = "dbt-distress-tolerance"


def config_dir() -> Path:
    """The user's config folder: `$IOP_FACILITATOR_CONFIG_DIR`, else platformdirs' choice."""
    return read_settings().config_dir or platformdirs.user_config_path(APP_NAME)


def user_agenda_dir() -> Path:
    """The folder of the user's own templates (it may not exist yet)."""
    return config_dir() / "agendas"


def shipped_agenda_dir() -> Path:
    """The folder of the templates installed with the program."""
    return Path(str(resources.files("iop_facilitator") / "agendas"))


def _toml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def shipped_agendas() -> list[Path]:
    """The shipped template files, sorted by name."""
    return _toml_files(shipped_agenda_dir())


def user_agendas() -> list[Path]:
    """The user's template files, sorted by name."""
    return _toml_files(user_agenda_dir())


@dataclass(frozen=True)
class Template:
    """A template in the catalog, loaded if it can be; a broken user file keeps its error."""

    name: str
    path: Path
    shipped: bool
    agenda: Agenda | None
    error: AgendaError | None


def _entry(path: Path, *, shipped: bool) -> Template:
    try:
        return Template(path.stem, path, shipped, load_agenda(path), None)
    except AgendaError as error:
        return Template(path.stem, path, shipped, None, error)
    except Exception as error:
        # The loader promises AgendaError alone; should a file still find a way past it, that
        # one template is listed as broken and the others are still shown (`agenda validate`
        # on it then reports the bug as one).
        sentence = f"this file could not be read ({type(error).__name__})."
        return Template(path.stem, path, shipped, None, AgendaError.about_file(str(path), sentence))


def templates() -> list[Template]:
    """Every template, shipped ones first, each loaded or with the reason it cannot be."""
    return [
        *(_entry(p, shipped=True) for p in shipped_agendas()),
        *(_entry(p, shipped=False) for p in user_agendas()),
    ]


def looks_like_path(name_or_path: str) -> bool:
    """Whether the user meant a file rather than a template name."""
    return name_or_path.endswith(".toml") or os.sep in name_or_path or "/" in name_or_path


def find_agenda(name_or_path: str) -> Path:
    """The file meant by a template name or a path.

    A path (anything with a slash or ending in `.toml`, or an existing file) is returned as it
    is if it exists. A name matches a user template first, then a shipped one, by exact name
    or by an unambiguous start of the name (`dbt` for `dbt-distress-tolerance`). Raises
    `UserError` naming the nearest templates when nothing matches or the start is ambiguous.
    """
    try:
        given = Path(name_or_path).expanduser()
        if given.is_file():
            return given
    except (OSError, ValueError, RuntimeError):
        # An unusable path (too long, a NUL byte, `~nobody`): load_agenda says why.
        return Path(name_or_path)
    if looks_like_path(name_or_path):
        raise AgendaError.about_file(name_or_path, "there is no such file.")
    known = {p.stem: p for p in shipped_agendas()}
    known.update({p.stem: p for p in user_agendas()})  # the user's own copy wins
    if name_or_path in known:
        return known[name_or_path]
    starting = sorted(name for name in known if name.startswith(name_or_path))
    if len(starting) == 1:
        return known[starting[0]]
    if starting:
        raise UserError(
            f"'{name_or_path}' could be any of {', '.join(starting)}; give more of the name."
        )
    close = difflib.get_close_matches(name_or_path, list(known), n=3, cutoff=0.5)
    hint = f"Did you mean {' or '.join(close)}?" if close else ""
    raise UserError(
        f"There is no agenda called '{name_or_path}'. {hint}".strip(),
        hint="Run 'iop-facilitator agenda list' to see them all.",
    )


def new_user_agenda(name: str, text: str) -> Path:
    """Write `text` as the user's template `name` and return its path.

    Refuses a name that is not a plain file name, one that a shipped template already uses
    (it would hide it), and an existing file, which is never overwritten.
    """
    name = name.removesuffix(".toml")
    if not _PLAIN_NAME.match(name):
        raise UserError(
            f"'{name}' is not a usable template name; use letters, digits, - and _, "
            "such as 'my-dbt-group'."
        )
    if name in {p.stem for p in shipped_agendas()}:
        raise UserError(
            f"'{name}' is the name of a shipped template; choose another name for your copy."
        )
    folder = user_agenda_dir()
    path = folder / f"{name}.toml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise UserError(
            f"There is already a template called '{name}' at {path}; it was left as it is.",
            hint="Choose another name, or delete that file first.",
        ) from None
    except OSError as error:
        failure = UserError(f"{path} could not be written ({error.strerror or error}).")
        failure.exit_code = ExitCode.STORAGE_FAILED
        raise failure from None
    return path
