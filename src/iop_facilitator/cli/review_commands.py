"""`iop-facilitator review`: the review app, the session list and the access log.

Thin: parse, unlock, call `review`, print. The review app (Textual) is imported only when it
opens; `export` has its own module (`export_commands`), so listing never imports the export
code.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from iop_facilitator.cli.vault_options import unlock_vault, vault_options
from iop_facilitator.errors import ExitCode
from iop_facilitator.review.access_log import access_log
from iop_facilitator.review.library import Library
from iop_facilitator.review.listing import newest_sessions
from iop_facilitator.review.sessions import SessionFilter
from iop_facilitator.wording import when


@click.group(invoke_without_command=True)
@click.option(
    "--as",
    "signer",
    default="",
    help="Your name, offered when you make a note final or mark a flag handled.",
)
@vault_options
@click.pass_context
def review(
    ctx: click.Context, signer: str, vault_path: Path | None, passphrase_file: Path | None
) -> None:
    """Review past sessions: open the review app (or use a subcommand)."""
    ctx.ensure_object(dict)
    ctx.obj["vault"] = (vault_path, passphrase_file)
    if ctx.invoked_subcommand is not None:
        return
    from iop_facilitator.tui.review.app import ReviewApp

    library = Library(unlock_vault(vault_path, passphrase_file))
    app = ReviewApp(library, signer=signer.strip())
    app.run()
    if app.return_code not in (None, ExitCode.OK):
        raise SystemExit(app.return_code)  # the app said why, in a sentence


def _library(ctx: click.Context, vault_path: Path | None, passphrase_file: Path | None) -> Library:
    # The options work after the subcommand as well as before it (`review list --vault DIR`).
    group_vault, group_passphrase_file = ctx.obj["vault"]
    return Library(
        unlock_vault(vault_path or group_vault, passphrase_file or group_passphrase_file)
    )


@review.command("list")
@click.option("--group", default="", help="Only this group (part of its name).")
@click.option("--agenda", default="", help="Only this agenda (part of its title).")
@click.option("--from", "since", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--to", "until", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--text", default="", help="Only sessions whose notes hold every word.")
@click.option("-n", "limit", type=int, default=50, show_default=True, help="How many to show.")
@vault_options
@click.pass_context
def list_command(
    ctx: click.Context,
    group: str,
    agenda: str,
    since: datetime | None,
    until: datetime | None,
    text: str,
    limit: int,
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """List finished sessions, newest first, with their ids."""
    library = _library(ctx, vault_path, passphrase_file)
    wanted = SessionFilter(
        group=group,
        agenda=agenda,
        since=since.date() if since else None,
        until=until.date() if until else None,
        text=text,
    )
    listing = newest_sessions(library, wanted, limit)
    for d in listing.sessions:
        status = listing.note_status(d.session_id).value
        click.echo(
            f"{d.session_id[:12]}  {when(d.started)}  {d.group_name} — {d.agenda_title}  "
            f"({d.attended}/{len(d.members)} present, note {status})"
        )


@review.command("log")
@vault_options
@click.pass_context
def log_command(ctx: click.Context, vault_path: Path | None, passphrase_file: Path | None) -> None:
    """Show the access log: every export, newest first."""
    entries = access_log(_library(ctx, vault_path, passphrase_file).vault)
    if not entries:
        click.echo("Nothing has been exported from this vault.")
    for e in entries:
        failed = " (not written)" if e.failed else ""
        click.echo(f"{when(e.at)}  {e.format:4}  {e.what} → {e.destination}{failed}")
