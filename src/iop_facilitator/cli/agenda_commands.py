"""`iop-facilitator agenda ...`: list, validate, show and copy agenda templates."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from iop_facilitator.agenda import catalog
from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import file_notices, load_agenda
from iop_facilitator.agenda.model import Agenda
from iop_facilitator.agenda.writer import agenda_to_toml, retitled, starter_agenda
from iop_facilitator.errors import ExitCode, UserError


def _console() -> Console:
    # Created per call so that click's test runner, which swaps stdout, sees the output.
    return Console(highlight=False, soft_wrap=False)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


@click.group()
def agenda() -> None:
    """Work with session agendas (TOML templates)."""


@agenda.command("list")
def list_agendas() -> None:
    """List the shipped templates and your own, with kind and minutes."""
    # Two lines per template (name over title, kind over minutes) so that the list stays
    # readable in a 60-column terminal beside the video call.
    table = Table(box=None, pad_edge=False, show_edge=False, show_header=False, padding=(0, 2))
    table.add_column("Template", ratio=1)
    table.add_column("Kind", no_wrap=True)
    for template in catalog.templates():
        source = "shipped" if template.shipped else "yours"
        name = f"[bold]{escape(template.name)}[/]"
        if template.agenda is None:
            table.add_row(f"{name}\n[red]cannot be loaded: run agenda validate[/]", source)
        else:
            info = template.agenda.agenda
            table.add_row(
                f"{name}\n{escape(info.title)}",
                f"{info.kind.value}\n{info.minutes} min, {source}",
            )
        table.add_row("", "")
    console = _console()
    console.print(table)
    console.print(
        f"Your templates live in {escape(str(catalog.user_agenda_dir()))}", soft_wrap=True
    )


def _files_to_check(paths: tuple[str, ...]) -> tuple[list[Path], bool]:
    """The files meant by the arguments, and whether an argument named nothing to check."""
    files: list[Path] = []
    missed = False
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                click.echo(f"✗ {given}: this folder has no .toml files.")
                missed = True
            files.extend(found)
        elif path.exists() or catalog.looks_like_path(given):
            files.append(path)
        else:
            try:
                files.append(catalog.find_agenda(given))
            except UserError as error:
                click.echo(f"✗ {given}: {error}")
                missed = True
    return files, missed


def _summary(agenda: Agenda) -> str:
    info = agenda.agenda
    return (
        f"{info.title} — {info.kind.value}, {len(agenda.phases)} phases, "
        f"{agenda.phase_minutes} of {info.minutes} minutes"
    )


@agenda.command()
@click.argument("paths", nargs=-1, required=True)
def validate(paths: tuple[str, ...]) -> None:
    """Check agenda files (or every .toml file in a folder) and report every problem.

    Exits 0 when all are valid, 1 otherwise.
    """
    files, failed = _files_to_check(paths)
    for path in files:
        try:
            loaded = load_agenda(path)
        except AgendaError as error:
            failed = True
            count = len(error.problems)
            click.echo(f"✗ {path}: {count} problem{'s' if count != 1 else ''}")
            for problem in error.problems:
                click.echo(f"  {problem}")
            continue
        click.echo(f"✓ {path}: {_summary(loaded)}")
        for notice in file_notices(path):
            click.echo(f"  ! {notice}")
    if failed:
        sys.exit(int(ExitCode.INVALID_INPUT))


@agenda.command()
@click.argument("name_or_path")
def show(name_or_path: str) -> None:
    """Show an agenda's phases with their minutes and the clock at which each starts."""
    path = catalog.find_agenda(name_or_path)
    loaded = _load_or_report(path)
    info = loaded.agenda
    console = _console()
    console.print(f"[bold]{escape(info.title)}[/]", soft_wrap=True)
    console.print(
        f"{info.kind.value} · {info.minutes} minutes · {escape(str(path))}", soft_wrap=True
    )
    if info.description:
        console.print(escape(info.description))
    for notice in file_notices(path):
        console.print(f"[yellow]! {escape(notice)}[/]", soft_wrap=True)
    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Phase")
    table.add_column("Kind")
    table.add_column("Turns")
    table.add_column("Min", justify="right")
    table.add_column("Clock", no_wrap=True)
    elapsed = 0
    for number, phase in enumerate(loaded.phases, start=1):
        span = f"{_clock(elapsed)}-{_clock(elapsed + phase.minutes)}"
        table.add_row(
            str(number),
            escape(phase.title),
            phase.kind.value,
            phase.turns.value,
            str(phase.minutes),
            span,
        )
        elapsed += phase.minutes
    console.print()
    console.print(table)
    spare = info.minutes - loaded.phase_minutes
    console.print(
        f"\nPlanned {loaded.phase_minutes} of {info.minutes} minutes"
        + (f" ({spare} spare)." if spare else "."),
        soft_wrap=True,
    )


def _load_or_report(path: Path) -> Agenda:
    try:
        return load_agenda(path)
    except AgendaError as error:
        click.echo(error.report(), err=True)
        sys.exit(int(error.exit_code))


@agenda.command()
@click.argument("name")
@click.option(
    "--from",
    "template",
    metavar="TEMPLATE",
    help="A template name or path to copy, comments and all (default: a small starter).",
)
@click.option("--title", help="The new agenda's title (default: the template's, with NAME).")
@click.option("--edit", is_flag=True, help="Open the new agenda in the agenda editor.")
def new(name: str, template: str | None, title: str | None, edit: bool) -> None:
    """Create your own agenda NAME in your templates folder and print its path.

    A copy keeps the template's text as it is (comments, layout, long scripts) and changes only
    its title. Never overwrites an existing file.
    """
    if template is None:
        text = agenda_to_toml(starter_agenda())
        if title:
            text = retitled(text, title, "starter")
    else:
        source = catalog.find_agenda(template)
        loaded = _load_or_report(source)
        text = retitled(
            source.read_text(encoding="utf-8"), title or f"{loaded.title} ({name})", str(source)
        )
    path = catalog.new_user_agenda(name, text)
    click.echo(str(path))
    if edit:
        open_studio(path)


def open_studio(path: Path, notice: str | None = None) -> None:
    """Open the agenda editor on `path`, or on its draft if one was kept, saying `notice` (and
    that it is a draft) inside the editor too (the app is imported only when it is used)."""
    from iop_facilitator.agenda.saving import draft_path
    from iop_facilitator.tui.studio.app import run_studio

    draft = draft_path(path)
    said = [notice] if notice else []
    if draft.is_file():
        opening = f"Opening the draft kept in {draft}; saving it replaces {path.name}."
        click.echo(opening)
        run_studio(path, draft.read_text(encoding="utf-8"), notice=" ".join([*said, opening]))
    else:
        run_studio(path, notice=notice)


# `agenda edit|diff|export|import` live in their own module and join the group here, so that
# importing the group (when `agenda` runs) brings all of its commands.
from iop_facilitator.cli import agenda_file_commands  # noqa: E402, F401
