"""`iop-facilitator agenda edit|diff|export|import`: change templates and move them around.

`edit` opens the agenda editor, or with `--in-editor` the user's own text editor the way
`visudo` and `crontab -e` do: on a copy, checked when the editor closes, the real file changed
only when the copy is valid.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from iop_facilitator.agenda import catalog
from iop_facilitator.agenda.compare import agenda_differences
from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import (
    file_notices,
    load_agenda,
    parse_agenda,
    read_agenda_text,
)
from iop_facilitator.agenda.saving import (
    is_shipped,
    save_agenda,
    with_problems_on_top,
    without_problems_on_top,
)
from iop_facilitator.cli.agenda_commands import agenda, open_studio
from iop_facilitator.errors import ExitCode, UserError

# The name of the user's copy when they edit a shipped template.
_COPY_PREFIX = "my-"


def editable_path(name_or_path: str) -> tuple[Path, str | None]:
    """The file to edit for `name_or_path`, and a sentence when it is a copy made first.

    A shipped template is never changed in place: the user's copy `my-NAME` is made (or, if
    it exists already, taken) and edited instead.
    """
    path = catalog.find_agenda(name_or_path)
    if not is_shipped(path):
        return path, None
    name = _COPY_PREFIX + path.stem
    mine = catalog.user_agenda_dir() / f"{name}.toml"
    if mine.is_file():
        return mine, f"{path.stem} is a shipped template; editing your copy {mine}."
    copied = catalog.new_user_agenda(name, path.read_text(encoding="utf-8"))
    return copied, f"{path.stem} is a shipped template; it was copied to {copied} to edit."


@agenda.command()
@click.argument("name_or_path")
@click.option(
    "--in-editor",
    is_flag=True,
    help="Edit the TOML in $VISUAL or $EDITOR instead; checked before it is saved.",
)
def edit(name_or_path: str, in_editor: bool) -> None:
    """Change an agenda in the agenda editor (a shipped one: your copy of it).

    The previous version is kept as NAME.toml.bak.
    """
    path, copied = editable_path(name_or_path)
    if copied:
        click.echo(copied)
    for notice in file_notices(path):
        click.echo(f"! {path}: {notice}")
    if in_editor:
        edit_in_text_editor(path)
    else:
        open_studio(path, copied)


def edit_in_text_editor(path: Path) -> None:
    """The `visudo` way: the editor opens a copy; a valid copy replaces the file, one with
    problems is offered again with the problems listed at the top (exit 1 if declined)."""
    original = read_agenda_text(path)
    folder = Path(tempfile.mkdtemp(prefix="iop-agenda-"))
    try:
        copy = folder / path.name
        copy.write_text(original, encoding="utf-8")
        while True:
            click.edit(filename=str(copy))
            edited = without_problems_on_top(copy.read_text(encoding="utf-8"))
            try:
                parse_agenda(edited, str(path))
                break
            except AgendaError as error:
                problems = [_problem_line(p.line, p.field, p.message) for p in error.problems]
                click.echo(f"✗ {path} was not changed; the edited copy has problems:")
                for line in problems:
                    click.echo(f"  {line}")
                if not click.confirm("Open the editor again, with them listed at the top?"):
                    click.echo(f"{path} was left as it was; your edits were not kept.")
                    sys.exit(int(ExitCode.INVALID_INPUT))
                copy.write_text(with_problems_on_top(edited, problems), encoding="utf-8")
        if edited == original:
            click.echo(f"No changes; {path} was left as it was.")
            return
        save_agenda(path, edited)
        click.echo(f"✓ Saved {path} (the previous version is {path.name}.bak).")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _problem_line(line: int | None, field: str, message: str) -> str:
    where = f"line {line}: " if line else ""
    return f"{where}{field} {message}" if field else f"{where}{message}"


@agenda.command()
@click.argument("first")
@click.argument("second")
def diff(first: str, second: str) -> None:
    """Show what differs between two agendas, phase by phase (FIRST → SECOND)."""
    old = load_agenda(catalog.find_agenda(first))
    new = load_agenda(catalog.find_agenda(second))
    lines = agenda_differences(old, new)
    if not lines:
        click.echo(f"{first} and {second} plan the same session.")
        return
    click.echo(f"From {first} to {second}:")
    for line in lines:
        click.echo(f"  {line}")


@agenda.command("export")
@click.argument("name_or_path")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: NAME.toml in this folder).",
)
def export_agenda(name_or_path: str, output: Path | None) -> None:
    """Write an agenda as a plain .toml file to take to another machine (import it there)."""
    path = catalog.find_agenda(name_or_path)
    load_agenda(path)  # only valid agendas travel
    target = output or Path(f"{path.stem}.toml")
    if target.exists():
        raise UserError(f"{target} already exists; it was left as it is. Give another -o FILE.")
    try:
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    except OSError as error:
        failure = UserError(f"{target} could not be written ({error.strerror or error}).")
        failure.exit_code = ExitCode.STORAGE_FAILED
        raise failure from None
    click.echo(f"✓ Wrote {target}")


@agenda.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", help="The template's name here (default: the file's name).")
def import_agenda(file: Path, name: str | None) -> None:
    """Check an agenda file and add it to your templates, text unchanged."""
    load_agenda(file)
    path = catalog.new_user_agenda(name or file.stem, file.read_text(encoding="utf-8"))
    click.echo(f"✓ Imported as {path}")
