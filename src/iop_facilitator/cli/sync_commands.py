"""`iop-facilitator vault remote|sync|backup|clone|status`: backup and sync through an object
store (docs/sync.md). Credentials come from the usual places (environment, the AWS config and
credentials files, a profile); nothing here stores or prints one."""

from __future__ import annotations

import contextlib
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from iop_facilitator.cli.vault_options import (
    checked_new_passphrase,
    passphrase_file_option,
    read_recovery_key,
    terminal_prompt,
    unlock_vault,
    vault_options,
)
from iop_facilitator.errors import ExitCode, UserError
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.local import SyncReport
from iop_facilitator.sync.remote import Remote
from iop_facilitator.sync.sentences import in_words, moved
from iop_facilitator.sync.vault_objects import conflicts
from iop_facilitator.sync.vault_sync import (
    check_remote,
    clone,
    current_remote,
    set_remote,
    sync_vault,
    unsent,
    unset_remote,
)
from iop_facilitator.vault import Vault
from iop_facilitator.vault.passphrase import resolve_new_passphrase, resolve_passphrase

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


def _now() -> datetime:
    return datetime.now(UTC)


class _ProgressBar:
    """A progress bar on stderr while packs move, only at a terminal and only when a step
    has several packs (a small sync says its one line and nothing else)."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()
        self.step: str | None = None
        self.bars = contextlib.ExitStack()
        self.bar: ProgressBar[int] | None = None

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.shown or total < 3:
            return
        if step != self.step or self.bar is None:
            self.close()
            self.step = step
            label = f"{step} {total} packs"
            self.bar = self.bars.enter_context(
                click.progressbar(length=total, label=label, file=sys.stderr)
            )
        self.bar.update(1)

    def close(self) -> None:
        """End the bar being drawn, if any."""
        self.bars.close()
        self.bar = None


def _say(report: SyncReport, where: str, ctx: click.Context) -> None:
    """What moved, then each thing that needs a person (exit 12 if any)."""
    click.echo(moved(report, where))
    for problem in report.problems:
        click.echo(f"Needs attention: {problem}")
    if report.problems:
        ctx.exit(int(ExitCode.REMOTE_DAMAGED))


def _remote_of(vault: Vault) -> Remote:
    remote = current_remote(vault)
    if remote is None:
        raise UserError(
            "This vault has no remote; set one with `vault remote set s3://BUCKET/PREFIX` "
            "(or a folder)."
        )
    return remote


def _store_options(function: click.decorators.FC) -> click.decorators.FC:
    for option in (
        click.option("--endpoint", help="The S3 endpoint URL, for stores other than AWS."),
        click.option("--region", help="The bucket's region (default: from the AWS config)."),
        click.option("--profile", help="An AWS profile of ~/.aws/config or credentials."),
    ):
        function = option(function)
    return function


@click.group()
def remote() -> None:
    """Where this vault syncs to: an S3-compatible bucket or a folder."""


@remote.command("set")
@click.argument("url")
@_store_options
@vault_options
def remote_set(
    url: str,
    endpoint: str | None,
    region: str | None,
    profile: str | None,
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Sync with URL (s3://BUCKET/PREFIX or a folder); checks it before keeping it."""
    chosen = Remote.parse(url, endpoint=endpoint, region=region, profile=profile)
    opened = unlock_vault(vault_path, passphrase_file)
    set_remote(opened, chosen)
    click.echo(f"This vault now syncs with {chosen.open().description}.")


@remote.command("show")
@vault_options
def remote_show(vault_path: Path | None, passphrase_file: Path | None) -> None:
    """Say where this vault syncs to."""
    found = current_remote(unlock_vault(vault_path, passphrase_file))
    if found is None:
        click.echo("This vault has no remote.")
        return
    extras = [f"{name} {value}" for name, value in found.model_dump().items() if value][1:]
    click.echo(" ".join([found.url, *(f"({extra})" for extra in extras)]))


@remote.command("unset")
@vault_options
def remote_unset(vault_path: Path | None, passphrase_file: Path | None) -> None:
    """Stop syncing (the store keeps what it holds)."""
    unset_remote(unlock_vault(vault_path, passphrase_file))
    click.echo("This vault has no remote now; the store keeps what it holds.")


@click.command("sync")
@vault_options
@click.pass_context
def sync(ctx: click.Context, vault_path: Path | None, passphrase_file: Path | None) -> None:
    """Send what the store lacks, fetch what this device lacks."""
    opened = unlock_vault(vault_path, passphrase_file)
    store = _remote_of(opened).open()
    bar = _ProgressBar()
    try:
        report = sync_vault(opened, store, _now, progress=bar)
    finally:
        bar.close()
    _say(report, store.description, ctx)


@click.command("backup")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@vault_options
@click.pass_context
def backup(
    ctx: click.Context, folder: Path, vault_path: Path | None, passphrase_file: Path | None
) -> None:
    """Write the vault's sealed objects to FOLDER (an external disk); later runs add only
    what is new."""
    opened = unlock_vault(vault_path, passphrase_file)
    bar = _ProgressBar()
    try:
        report = sync_vault(opened, FolderStore(folder.expanduser().absolute()), _now, progress=bar)
    finally:
        bar.close()
    _say(report, str(folder), ctx)


@click.command("clone")
@click.argument("source")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@_store_options
@passphrase_file_option
@click.option(
    "--recovery-key-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Open the copy with the recovery key (then give its new passphrase).",
)
@click.option(
    "--new-passphrase-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With --recovery-key-file: the copy's new passphrase, from this file.",
)
def clone_command(
    source: str,
    folder: Path,
    endpoint: str | None,
    region: str | None,
    profile: str | None,
    passphrase_file: Path | None,
    recovery_key_file: Path | None,
    new_passphrase_file: Path | None,
) -> None:
    """Make a new copy of the vault in FOLDER from SOURCE (s3://… or a backup folder); a
    copy from s3:// syncs with it from then on."""
    origin = Remote.parse(source, endpoint=endpoint, region=region, profile=profile)
    store = origin.open()
    recovery_key = None
    if recovery_key_file is not None:
        recovery_key = read_recovery_key(recovery_key_file)
        passphrase = checked_new_passphrase(
            resolve_new_passphrase(passphrase_file=new_passphrase_file, prompt=terminal_prompt())
        )
    else:
        passphrase = resolve_passphrase(passphrase_file=passphrase_file, prompt=terminal_prompt())
    bar = _ProgressBar()
    try:
        made, report = clone(
            store, folder, passphrase, _now, progress=bar, recovery_key=recovery_key
        )
    finally:
        bar.close()
    if source.startswith("s3://"):
        set_remote(made, origin, probe=False)  # the new copy syncs where it came from
    click.echo(f"Cloned {in_words(report.pulled_ids)} into {made.path}.")
    for problem in report.problems:
        click.echo(f"Needs attention: {problem}")


@click.command("status")
@vault_options
def status(vault_path: Path | None, passphrase_file: Path | None) -> None:
    """When this device last synced, and what the store does not hold yet."""
    opened = unlock_vault(vault_path, passphrase_file)
    found = current_remote(opened)
    if found is None:
        click.echo("This vault has no remote; `vault remote set` sets one.")
        return
    store = found.open()
    waiting, last = unsent(opened, store)
    when = last.astimezone().strftime("%d %B %Y at %H:%M") if last else "never"
    click.echo(f"Remote: {store.description}. Last synced: {when}.")
    click.echo(
        "Everything is in the store."
        if waiting == 0
        else f"{waiting} object{'' if waiting == 1 else 's'} not in the store yet."
    )
    copies = conflicts(opened)
    if copies:
        click.echo(
            f"{len(copies)} record{'' if len(copies) == 1 else 's'} saved on two devices at "
            "once: a conflict copy is kept for each."
        )


def check_remote_store(opened: Vault, ctx: click.Context) -> None:
    """`vault check --remote`: every object of the store read and checked, nothing written."""
    store = _remote_of(opened).open()
    report = check_remote(opened, store, _now)
    for problem in report.problems:
        click.echo(f"DAMAGED  {problem}")
    click.echo(f"Checked the store {store.description} in {report.requests} requests.")
    if report.problems:
        ctx.exit(int(ExitCode.REMOTE_DAMAGED))
    click.echo("Everything in the store is intact.")


COMMANDS = (remote, sync, backup, clone_command, status)
"""Added to the `vault` group by `cli/__init__`."""
