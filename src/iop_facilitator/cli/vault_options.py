"""The `--vault` and `--passphrase-file` options and unlocking, shared by every command group
that opens the vault (vault, group, run, review, export).

Use `@vault_options` on a command, then `unlock_vault(vault_path, passphrase_file)`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from iop_facilitator.settings import VAULT as VAULT_ENV
from iop_facilitator.vault import Vault, default_vault_path
from iop_facilitator.vault.errors import PassphraseSourceError
from iop_facilitator.vault.passphrase import (
    Prompt,
    read_passphrase_file,
    refuse_easy_passphrase,
    resolve_passphrase,
)

F = TypeVar("F", bound=Callable[..., Any])

MIN_PASSPHRASE_CHARACTERS = 8


def vault_option(function: F) -> F:
    """`--vault DIR` (or `IOP_FACILITATOR_VAULT`), passed as `vault_path` (None: default)."""
    return click.option(
        "--vault",
        "vault_path",
        type=click.Path(path_type=Path, file_okay=False),
        envvar=VAULT_ENV,
        show_envvar=True,
        default=None,
        help="The vault folder [default: the user data folder].",
    )(function)


def passphrase_file_option(function: F) -> F:
    """`--passphrase-file FILE`, passed as `passphrase_file`."""
    return click.option(
        "--passphrase-file",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=(
            "Read the passphrase from this file (or set IOP_FACILITATOR_PASSPHRASE_FILE, "
            "or IOP_FACILITATOR_PASSPHRASE_COMMAND to a command that prints it)."
        ),
    )(function)


def vault_options(function: F) -> F:
    """Both `--vault` and `--passphrase-file`."""
    return vault_option(passphrase_file_option(function))


def resolve_vault_path(vault_path: Path | None) -> Path:
    """The vault folder: the option's value, or the platform's default."""
    return vault_path if vault_path is not None else default_vault_path()


def terminal_prompt() -> Prompt | None:
    """A hidden-input prompt when a person is at a terminal, else None (never block a script)."""
    if not sys.stdin.isatty():
        return None

    def ask(question: str) -> str:
        return str(click.prompt(question, hide_input=True, default="", show_default=False))

    return ask


def checked_new_passphrase(passphrase: str) -> str:
    """`passphrase` if it is long enough to be a new passphrase; one sentence otherwise."""
    if len(passphrase) < MIN_PASSPHRASE_CHARACTERS:
        raise PassphraseSourceError(
            f"The passphrase needs at least {MIN_PASSPHRASE_CHARACTERS} characters; "
            "a few unrelated words are best."
        )
    refuse_easy_passphrase(passphrase)
    return passphrase


def read_recovery_key(recovery_key_file: Path | None) -> str:
    """The recovery key from `--recovery-key-file`, or asked for at a terminal."""
    if recovery_key_file is not None:
        return read_passphrase_file(recovery_key_file)
    prompt = terminal_prompt()
    if prompt is None:
        raise PassphraseSourceError(
            "No recovery key was given and there is no terminal to ask for one.",
            hint="Use --recovery-key-file.",
        )
    return prompt("Recovery key")


def unlock_vault(vault_path: Path | None, passphrase_file: Path | None) -> Vault:
    """Find the passphrase and unlock the vault (one KDF run); errors are `UserError`s."""
    path = resolve_vault_path(vault_path)
    passphrase = resolve_passphrase(
        passphrase_file=passphrase_file, prompt=terminal_prompt(), warn=say_on_stderr
    )
    return Vault.unlock(path, passphrase, on_notice=say_on_stderr)


def say_on_stderr(sentence: str) -> None:
    """Say something worth knowing that is not the command's output (a notice, a warning)."""
    click.echo(sentence, err=True)
