"""The `iop-facilitator` command: parse, call the domain, print.

Each command family lives in its own module, imported only when one of its commands runs
(`lazy_group`); this one only names them and turns a `UserError`, or an error nobody expected,
into one line on stderr and its documented exit code.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from iop_facilitator import __version__
from iop_facilitator.cli.lazy_group import LazyCommand, LazyGroup
from iop_facilitator.errors import ExitCode, UserError, unexpected_error
from iop_facilitator.settings import read_settings

KEPT_ON_ERROR = "everything saved before it is kept in the vault"


class _FriendlyGroup(LazyGroup):
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


COMMANDS = {
    "agenda": LazyCommand(
        "iop_facilitator.cli.agenda_commands:agenda",
        "Work with session agendas (TOML templates).",
    ),
    "demo": LazyCommand(
        "iop_facilitator.cli.demo_commands:demo",
        "Start a demo session that needs nothing set up.",
    ),
    "export": LazyCommand(
        "iop_facilitator.cli.export_commands:export",
        "Export notes as plain text: SESSION (an id, the start of one, or `latest`), a group's "
        "sessions (--group, --from, --to), or a member's history (--member alone).",
    ),
    "group": LazyCommand(
        "iop_facilitator.cli.group_commands:group",
        "Groups and their rosters (kept encrypted in the vault).",
    ),
    "review": LazyCommand(
        "iop_facilitator.cli.review_commands:review",
        "Review past sessions: open the review app (or use a subcommand).",
    ),
    "run": LazyCommand(
        "iop_facilitator.cli.run_commands:run",
        "Run a live session of GROUP on AGENDA (a template name or a .toml file).",
    ),
    "share": LazyCommand(
        "iop_facilitator.cli.share_commands:share",
        "Show the group's view of the session running in another terminal, safe to share.",
    ),
    "vault": LazyCommand(
        "iop_facilitator.cli.vault_commands:vault",
        "Create the encrypted vault, change or recover its passphrase, check every file.",
    ),
}
"""Every command, imported only when it runs; `--help` shows these help lines."""


@click.group(
    cls=_FriendlyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="iop-facilitator")
def main() -> None:
    """A terminal cockpit for running virtual IOP therapy groups."""
