"""The `iop-facilitator` command: parse, call the domain, print.

Each command family lives in its own module; this one only assembles them and turns a
`UserError` into one line on stderr and its documented exit code.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from iop_facilitator import __version__
from iop_facilitator.errors import UserError


class _FriendlyGroup(click.Group):
    """Turns our own errors into one sentence and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(int(error.exit_code))


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
        vault_commands,
    )

    main.add_command(agenda_commands.agenda)
    main.add_command(demo_commands.demo)
    main.add_command(group_commands.group)
    main.add_command(vault_commands.vault)
    main.add_command(run_commands.run)
    main.add_command(review_commands.review)
    main.add_command(review_commands.export)


_register()
