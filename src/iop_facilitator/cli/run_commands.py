"""`iop-facilitator run AGENDA --group GROUP`: the live session runner over the vault."""

from __future__ import annotations

from pathlib import Path

import click

from iop_facilitator.agenda.catalog import find_agenda
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.cli.vault_options import resolve_vault_path, vault_options
from iop_facilitator.errors import ExitCode
from iop_facilitator.settings import read_settings
from iop_facilitator.vault.errors import VaultMissingError
from iop_facilitator.vault.passphrase import resolve_passphrase
from iop_facilitator.vault.paths import VaultLayout


def check_is_vault(path: Path) -> None:
    """Refuse, before any screen opens, a folder that is not a vault."""
    if not path.is_dir() or not VaultLayout(path).key_file.is_file():
        raise VaultMissingError(
            f"There is no vault at {path}.",
            hint="Create one with `iop-facilitator vault init`, or give --vault.",
        )


@click.command()
@click.argument("agenda_name", metavar="AGENDA")
@click.option(
    "--group",
    "group_name",
    default="",
    help="The group's name (or id); without it, or with a name the vault lacks, the runner "
    "asks which group after unlocking.",
)
@click.option(
    "--bell", is_flag=True, help="Ring the terminal bell at two minutes left and at overrun."
)
@vault_options
def run(
    agenda_name: str,
    group_name: str,
    bell: bool,
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Run a live session of GROUP on AGENDA (a template name or a .toml file).

    The passphrase is asked for on the first screen, unless --passphrase-file,
    IOP_FACILITATOR_PASSPHRASE_FILE or IOP_FACILITATOR_PASSPHRASE_COMMAND gives it.
    """
    from iop_facilitator.tui.apps import review_from_runner, studio_from_runner
    from iop_facilitator.tui.runner.app import RunnerApp, run_with_review
    from iop_facilitator.tui.runner.vault_sessions import VaultSessions
    from iop_facilitator.vault import Vault

    agenda_file = find_agenda(agenda_name)
    agenda = load_agenda(agenda_file)
    path = resolve_vault_path(vault_path)
    check_is_vault(path)
    vault = None
    if passphrase_file is not None or read_settings().passphrase_from_environment:
        vault = Vault.unlock(path, resolve_passphrase(passphrase_file=passphrase_file, prompt=None))
    source = VaultSessions(
        path,
        group_name,
        agenda,
        vault=vault,
        review=review_from_runner,
        edit=studio_from_runner,
        agenda_file=agenda_file,
    )
    app = run_with_review(lambda first: RunnerApp(source, bell=bell), source)
    if app.return_code not in (None, ExitCode.OK):
        raise SystemExit(app.return_code)
