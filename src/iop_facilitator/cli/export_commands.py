"""`iop-facilitator export`: the only way plain text leaves the vault.

Thin: parse, unlock, call `review.export`, print. Export asks before writing plain text outside
the vault (or takes `--yes`), writes files only its owner can read, says where they went, and
records each export in the vault's access log.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path

import click

from iop_facilitator.cli.vault_options import unlock_vault, vault_options
from iop_facilitator.errors import UserError
from iop_facilitator.review.clinical_notes import NoteFormat
from iop_facilitator.review.errors import ExportDeclined
from iop_facilitator.review.export.exports import (
    Export,
    FileFormat,
    attendance_export,
    deliver,
    member_history_export,
    range_export,
    session_export,
)
from iop_facilitator.review.library import Library


def _confirm(export: Export, path: Path, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise ExportDeclined(
            "Nothing was exported: confirm at a terminal, or add --yes to export without asking."
        )
    replacing = " (replacing the file there)" if path.exists() else ""
    question = (
        f"This writes the {export.what} as plain, unencrypted text to {path}{replacing}. Continue?"
    )
    if not click.confirm(question, default=False):
        raise ExportDeclined("Nothing was exported.")


def _date(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@click.command()
@click.argument("session", required=False)
@click.option(
    "--format",
    "file_format",
    type=click.Choice([f.value for f in FileFormat]),
    default=FileFormat.MARKDOWN.value,
    show_default=True,
    help="Markdown, a printable self-contained HTML page, JSON for other systems, or CSV "
    "(the attendance register only).",
)
@click.option(
    "--style",
    type=click.Choice([f.value for f in NoteFormat]),
    default=None,
    help="The clinical note format [default: the note's own, BIRP for a new note].",
)
@click.option("--member", default=None, help="Only this member's progress note, or history.")
@click.option("--group", default=None, help="Every session of this group in the date range.")
@click.option(
    "--from",
    "since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The first day (YYYY-MM-DD) of a --group range or a --member history.",
)
@click.option(
    "--to",
    "until",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The last day (YYYY-MM-DD), included.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The file to write [default: a descriptive name in the current folder].",
)
@click.option("--yes", "-y", is_flag=True, help="Do not ask before writing plain text.")
@vault_options
def export(
    session: str | None,
    file_format: str,
    style: str | None,
    member: str | None,
    group: str | None,
    since: datetime | None,
    until: datetime | None,
    output: Path | None,
    yes: bool,
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Export notes as plain text: SESSION (an id, the start of one, or `latest`), a
    group's sessions (--group, --from, --to), or a member's history (--member alone).

    `export attendance --from --to [--group]` writes the attendance register instead: per
    member and week, the sessions, dates, minutes attended and status (CSV by default, or a
    printable md/html table).

    The file is readable only by you, and the export is recorded in the vault's access log.
    """
    if session == "attendance":
        _export_attendance(
            file_format, group, _date(since), _date(until), output, yes, vault_path, passphrase_file
        )
        return
    if file_format == FileFormat.CSV.value:
        raise click.UsageError("CSV is for the attendance register: export attendance --from ...")
    if session is None and group is None and member is None:
        raise click.UsageError("Say what to export: a SESSION, --group GROUP or --member NAME.")
    if session is not None and group is not None:
        raise click.UsageError("Give either a SESSION or --group, not both.")
    library = Library(unlock_vault(vault_path, passphrase_file))
    fmt = FileFormat(file_format)
    note_style = NoteFormat(style) if style else None
    archive = library.archive()
    made: Export
    if session is not None:
        session_id = library.resolve(session, archive)
        member_id = None
        if member is not None:
            member_id = _member_in(library, session_id, member)
        made = session_export(library, session_id, fmt=fmt, style=note_style, member=member_id)
    elif group is not None:
        made = range_export(
            library,
            archive,
            group=group,
            since=_date(since),
            until=_date(until),
            fmt=fmt,
            style=note_style,
        )
    else:
        assert member is not None
        made = member_history_export(
            library,
            archive,
            member=member,
            fmt=fmt,
            style=note_style,
            since=_date(since),
            until=_date(until),
        )
    path = (output or Path(made.file_name)).expanduser().absolute()
    for notice in made.notices:
        click.echo(f"Note: {notice}", err=True)
    _confirm(made, path, yes)
    written = deliver(library, made, path, at=datetime.now(UTC))
    click.echo(f"Exported the {made.what} to {written}")
    click.echo("The file is readable only by you; the export is in the vault's access log.")


def _member_in(library: Library, session_id: str, member: str) -> str:
    summary = library.summary(session_id)
    wanted = member.strip().casefold()
    for a in summary.attendance:
        if a.member_id == member or a.name.casefold() == wanted:
            return a.member_id
    raise UserError(f"Nobody called {member} was on the roster of that session.")


def _export_attendance(
    file_format: str,
    group: str | None,
    since: date | None,
    until: date | None,
    output: Path | None,
    yes: bool,
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """`export attendance`: the register, with the same confirmation and access log."""
    library = Library(unlock_vault(vault_path, passphrase_file))
    # The register's own default is CSV; the option's default (md) is for notes.
    fmt = FileFormat(file_format)
    source = click.get_current_context().get_parameter_source("file_format")
    if source is click.core.ParameterSource.DEFAULT:
        fmt = FileFormat.CSV
    made = attendance_export(
        library, library.archive(), since=since, until=until, group=group, fmt=fmt
    )
    path = (output or Path(made.file_name)).expanduser().absolute()
    _confirm(made, path, yes)
    written = deliver(library, made, path, at=datetime.now(UTC))
    click.echo(f"Exported the {made.what} to {written}")
    click.echo("The file is readable only by you; the export is in the vault's access log.")
