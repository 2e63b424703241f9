"""A click group whose commands are imported only when one of them runs (click's lazy group).

Each command family pulls in what it needs (the vault's cryptography, the session engine,
review's export code, Textual), and importing all of them cost a third of a second before
`--version` or `agenda list` could answer. The group knows each command by its import path and
its one-line help, so `--help` lists every command without importing any of them; a test
checks that each one-line help here is the one its command would show.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import click


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives (`module:attribute`) and the help line `--help` shows for it."""

    import_path: str
    summary: str

    def short_help(self, limit: int) -> str:
        """The help line shortened as click shortens a command's own (same rules, same cut)."""
        return click.Command(None, help=self.summary).get_short_help_str(limit)

    def load(self) -> click.Command:
        """Import the command's module and give the command."""
        module_name, _, attribute = self.import_path.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.import_path} is not a click command")
        return command


class LazyGroup(click.Group):
    """A group whose `lazy` commands are imported the first time they are looked up."""

    def __init__(self, *args: Any, lazy: dict[str, LazyCommand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, loaded or not, in alphabetical order (as click lists them)."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, imported now if it has not been yet."""
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.add_command(self.lazy[cmd_name].load(), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands' table of `--help`, from the help lines kept here: nothing imported."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.commands:
                command = self.commands[name]
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(limit)))
            else:
                rows.append((name, self.lazy[name].short_help(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)
