"""The `iop-facilitator` command: parse, call the domain, print.

Each command family lives in its own module; this one only assembles them and turns a
`UserError`, or an error nobody expected, into one line on stderr and its documented exit code.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from iop_facilitator import __version__
from iop_facilitator.errors import ExitCode, UserError, unexpected_error
from iop_facilitator.settings import read_settings

KEPT_ON_ERROR = "everything saved before it is kept in the vault"


class _FriendlyGroup(click.Group):
    """Turns our own errors, and any other, into one sentence and an exit code, never a
    traceback (`IOP_FACILITATOR_DEBUG=1` shows the traceback of an unexpected one)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(int(error.exit_code))
        except (click.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise  # click's own: a usage error, Ctrl+C at a prompt, an early exit
        except Exception as error:
            # A bug. Its traceback could show a note or a name in its values: one sentence,
            # unless a developer asks for the details.
            if read_settings().debug:
                raise
            click.echo(unexpected_error(error, KEPT_ON_ERROR), err=True)
            sys.exit(int(ExitCode.UNEXPECTED))


@click.group(cls=_FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iop-facilitator")
def main() -> None:
    """A terminal cockpit for running virtual IOP therapy groups."""


def _register() -> None:
    from iop_facilitator.cli import (
        agenda_commands,
        demo_commands,
        group_commands,
        review_commands,
        run_commands,
        share_commands,
        sync_commands,
        vault_commands,
    )

    main.add_command(agenda_commands.agenda)
    main.add_command(demo_commands.demo)
    main.add_command(group_commands.group)
    main.add_command(vault_commands.vault)
    for command in sync_commands.COMMANDS:
        vault_commands.vault.add_command(command)
    main.add_command(run_commands.run)
    main.add_command(review_commands.review)
    main.add_command(review_commands.export)
    main.add_command(share_commands.share)


_register()
