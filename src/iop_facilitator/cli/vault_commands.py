"""`iop-facilitator vault`: create the vault, change or recover its passphrase, check it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from iop_facilitator.cli.vault_options import (
    F,
    read_recovery_key,
    resolve_vault_path,
    say_on_stderr,
    terminal_prompt,
    unlock_vault,
    vault_option,
    vault_options,
)
from iop_facilitator.cli.vault_options import checked_new_passphrase as _checked
from iop_facilitator.errors import ExitCode
from iop_facilitator.settings import read_settings
from iop_facilitator.vault import KdfParams, Vault
from iop_facilitator.vault.check import check_vault
from iop_facilitator.vault.passphrase import (
    read_passphrase_file,
    resolve_new_passphrase,
    resolve_passphrase,
)

_DEFAULT_KDF = KdfParams()


def _new_passphrase_file_option(function: F) -> F:
    return click.option(
        "--new-passphrase-file",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Read the new passphrase from this file (or IOP_FACILITATOR_NEW_PASSPHRASE_FILE).",
    )(function)


def _kdf_options(default: KdfParams | None) -> Callable[[F], F]:
    """`--kdf-memory-mib` and `--kdf-time-cost`; with no default, None means "keep"."""

    def decorate(function: F) -> F:
        keep = " [default: keep the vault's current setting]" if default is None else ""
        function = click.option(
            "--kdf-time-cost",
            type=click.IntRange(min=3, max=64),
            default=default.time_cost if default else None,
            show_default=default is not None,
            help=f"Argon2id passes per unlock.{keep}",
        )(function)
        return click.option(
            "--kdf-memory-mib",
            type=click.IntRange(min=64, max=4096),
            default=default.memory_kib // 1024 if default else None,
            show_default=default is not None,
            help=f"Argon2id memory per unlock; more makes guessing slower.{keep}",
        )(function)

    return decorate


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def strength_words(passphrase: str) -> str:
    """How strong a new passphrase looks, in one line: length and variety make guessing
    slower; a few unrelated words are the easiest strong kind to remember."""
    words = len(passphrase.split())
    kinds = sum(
        any(test(c) for c in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    score = len(passphrase) + 4 * max(0, words - 1) + 2 * max(0, kinds - 1)
    if score >= 28:
        return f"Strength: strong ({len(passphrase)} characters)."
    size = f"{len(passphrase)} characters"
    if score >= 18:
        return f"Strength: fair ({size}); another unrelated word makes it strong."
    return f"Strength: weak ({size}); use a few unrelated words."


def _checking(prompt: Callable[[str], str] | None) -> Callable[[str], str] | None:
    """The terminal prompt, checking a new passphrase's length (and saying how strong it is)
    as soon as it is typed, before asking for it again."""
    if prompt is None:
        return None

    def ask(question: str) -> str:
        answer = prompt(question)
        if question == "New passphrase" and answer:
            _checked(answer)
            click.echo(strength_words(answer), err=True)
        return answer

    return ask


@click.group()
def vault() -> None:
    """Create the encrypted vault, change or recover its passphrase, check every file."""


@vault.command()
@vault_options
@_kdf_options(_DEFAULT_KDF)
def init(
    vault_path: Path | None,
    passphrase_file: Path | None,
    kdf_memory_mib: int,
    kdf_time_cost: int,
) -> None:
    """Create a new vault and print its recovery key once."""
    path = resolve_vault_path(vault_path)
    if passphrase_file is not None or read_settings().passphrase_from_environment:
        passphrase = resolve_passphrase(
            passphrase_file=passphrase_file, prompt=None, warn=say_on_stderr
        )
    else:
        passphrase = resolve_new_passphrase(
            passphrase_file=None, prompt=_checking(terminal_prompt())
        )
    kdf = KdfParams(
        time_cost=kdf_time_cost,
        memory_kib=kdf_memory_mib * 1024,
        parallelism=_DEFAULT_KDF.parallelism,
    )
    _, recovery_key = Vault.init(path, _checked(passphrase), kdf=kdf)
    click.echo(f"Created an encrypted vault at {path}.")
    click.echo()
    click.echo("Your recovery key (shown only this once):")
    click.echo()
    click.echo(f"    {recovery_key}")
    click.echo()
    click.echo(
        "Write it down and keep it somewhere safe, away from this computer. If the passphrase\n"
        "is ever lost, `iop-facilitator vault recover` sets a new one with this key; without\n"
        "either, nobody can read the notes again."
    )


@vault.command()
@vault_options
@_new_passphrase_file_option
@_kdf_options(None)
@click.option(
    "--rekey",
    is_flag=True,
    help="Also make a new data key and recovery key and seal everything again, so that an old "
    "copy of the key file with the old passphrase opens nothing (takes a while; live sessions "
    "must be closed).",
)
@click.option(
    "--kdf",
    "default_kdf",
    is_flag=True,
    help=f"Derive the new passphrase's key with this program's default ({_DEFAULT_KDF.describe()}) "
    "instead of the vault's current settings.",
)
def passwd(
    vault_path: Path | None,
    passphrase_file: Path | None,
    new_passphrase_file: Path | None,
    kdf_memory_mib: int | None,
    kdf_time_cost: int | None,
    rekey: bool,
    default_kdf: bool,
) -> None:
    """Change the passphrase (the recovery key stays the same); optionally change the KDF."""
    opened = unlock_vault(vault_path, passphrase_file)
    new = resolve_new_passphrase(
        passphrase_file=new_passphrase_file,
        prompt=_checking(terminal_prompt()),
        warn=say_on_stderr,
    )
    current = _DEFAULT_KDF if default_kdf else opened.kdf
    kdf = KdfParams(
        time_cost=kdf_time_cost or current.time_cost,
        memory_kib=kdf_memory_mib * 1024 if kdf_memory_mib else current.memory_kib,
        parallelism=current.parallelism,
    )
    before = opened.kdf
    changed = "" if kdf == before else f" (before: {before.describe()})"
    if rekey:
        recovery_key = opened.rekey(_checked(new), kdf=kdf)
        click.echo("The vault was re-keyed: every file is sealed under a new key, and an old")
        click.echo("copy of the key file with the old passphrase opens nothing any more.")
        click.echo(f"The passphrase's key is derived with {kdf.describe()}{changed}.")
        click.echo()
        click.echo("Your NEW recovery key (the old one no longer works; shown only this once):")
        click.echo()
        click.echo(f"    {recovery_key}")
        click.echo()
        click.echo("Write it down and keep it somewhere safe, away from this computer.")
        return
    opened.change_passphrase(_checked(new), kdf=kdf)
    click.echo("The passphrase was changed. The recovery key stays the same.")
    click.echo(
        "This protects against someone who learns the old passphrase from now on. It does not\n"
        "protect against an old copy of the key file (a backup, a synced folder) together with\n"
        "the old passphrase: the notes' data key stays the same, so such a copy still opens\n"
        "the vault, including what is saved after this change; `vault passwd --rekey` makes\n"
        "such a copy useless."
    )
    click.echo(f"The passphrase's key is derived with {kdf.describe()}{changed}.")


@vault.command()
@vault_option
@click.option(
    "--recovery-key-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Read the recovery key from this file instead of asking for it.",
)
@_new_passphrase_file_option
def recover(
    vault_path: Path | None, recovery_key_file: Path | None, new_passphrase_file: Path | None
) -> None:
    """Set a new passphrase with the recovery key printed by `vault init`."""
    path = resolve_vault_path(vault_path)
    recovery_key = read_recovery_key(recovery_key_file)
    new = resolve_new_passphrase(
        passphrase_file=new_passphrase_file, prompt=_checking(terminal_prompt())
    )
    Vault.recover(path, recovery_key, _checked(new))
    click.echo("The vault has a new passphrase. The recovery key stays the same.")


@vault.command()
@vault_options
@click.option(
    "--recovery-key-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Open the vault with the recovery key in this file (when the passphrase's part of "
    "the key file is damaged).",
)
@click.option("--remote", is_flag=True, help="Check the remote store instead (docs/sync.md).")
@click.pass_context
def check(
    ctx: click.Context,
    vault_path: Path | None,
    passphrase_file: Path | None,
    recovery_key_file: Path | None,
    remote: bool,
) -> None:
    """Decrypt and authenticate every file; name each damaged one."""
    if recovery_key_file is not None:
        opened = Vault.open_with_recovery_key(
            resolve_vault_path(vault_path),
            read_passphrase_file(recovery_key_file),
            on_notice=say_on_stderr,
        )
    else:
        opened = unlock_vault(vault_path, passphrase_file)
    if remote:
        from iop_facilitator.cli.sync_commands import check_remote_store

        check_remote_store(opened, ctx)
        return
    report = check_vault(opened)
    default = "" if opened.kdf == _DEFAULT_KDF else f"; new vaults use {_DEFAULT_KDF.describe()}"
    click.echo(f"The passphrase's key is derived with {opened.kdf.describe()}{default}.")
    for finding in report.problems:
        click.echo(f"DAMAGED  {finding.file}: {finding.message}.")
    for finding in report.notes:
        click.echo(f"note     {finding.file}: {finding.message}.")
    click.echo(
        f"Checked {report.files_checked} files: {_count(report.records_checked, 'record')} "
        f"and {_count(report.journals_checked, 'live session journal')} opened and "
        "authenticated."
    )
    if report.ok:
        click.echo("Every file is intact.")
        return
    click.echo(
        f"{_count(len(report.problems), 'damaged file')}; everything else is readable. "
        "Restore the damaged files from a backup of this vault if you have one."
    )
    ctx.exit(int(ExitCode.VAULT_DAMAGED))


# `vault remote|sync|backup|clone|status` live in `sync_commands` and join the group here.
from iop_facilitator.cli import sync_commands  # noqa: E402

for _command in sync_commands.COMMANDS:
    vault.add_command(_command)
