"""Where the passphrase comes from, as restic does it: a file, a command, or a prompt.

Never from a bare command-line argument (it would sit in the shell history and in `ps`).
The order: `--passphrase-file`, then `IOP_FACILITATOR_PASSPHRASE_FILE`, then
`IOP_FACILITATOR_PASSPHRASE_COMMAND` (e.g. a call to the OS keychain), then the prompt.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from iop_facilitator.settings import (
    NEW_PASSPHRASE_FILE,
    PASSPHRASE_COMMAND,
    PASSPHRASE_FILE,
    read_settings,
)
from iop_facilitator.vault.errors import PassphraseSourceError

_COMMAND_TIMEOUT_SECONDS = 60

Prompt = Callable[[str], str]
"""Asks the person (hidden input) and returns what was typed; supplied by the CLI or the app."""


def _strip_line_end(text: str) -> str:
    # One trailing line end is how files and commands end a line; anything else is part of it.
    if text.endswith("\r\n"):
        return text[:-2]
    return text.removesuffix("\n")


def read_passphrase_file(path: Path) -> str:
    """The passphrase stored in `path` (its first line end removed)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PassphraseSourceError(f"The passphrase file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PassphraseSourceError(
            f"The passphrase file {path} cannot be read ({error})."
        ) from error
    passphrase = _strip_line_end(text)
    if not passphrase:
        raise PassphraseSourceError(f"The passphrase file {path} is empty.")
    return passphrase


def run_passphrase_command(command: str) -> str:
    """The passphrase printed by `command` (split like a shell would, run without a shell)."""
    try:
        argv = shlex.split(command)
    except ValueError as error:
        raise PassphraseSourceError(
            f"The passphrase command cannot be read ({error}); check {PASSPHRASE_COMMAND}."
        ) from error
    if not argv:
        raise PassphraseSourceError(f"{PASSPHRASE_COMMAND} is set but empty.")
    try:
        done = subprocess.run(
            argv,
            capture_output=True,
            timeout=_COMMAND_TIMEOUT_SECONDS,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise PassphraseSourceError(
            f"The passphrase command {argv[0]!r} was not found; check {PASSPHRASE_COMMAND}."
        ) from None
    except subprocess.TimeoutExpired:
        raise PassphraseSourceError(
            f"The passphrase command did not finish within {_COMMAND_TIMEOUT_SECONDS} seconds."
        ) from None
    except OSError as error:
        raise PassphraseSourceError(f"The passphrase command could not run ({error}).") from error
    if done.returncode != 0:
        raise PassphraseSourceError(
            f"The passphrase command failed (exit status {done.returncode}); "
            f"check {PASSPHRASE_COMMAND}."
        )
    try:
        passphrase = _strip_line_end(done.stdout.decode("utf-8"))
    except UnicodeDecodeError:
        raise PassphraseSourceError("The passphrase command printed something not UTF-8.") from None
    if not passphrase:
        raise PassphraseSourceError(
            f"The passphrase command printed nothing; check {PASSPHRASE_COMMAND}."
        )
    return passphrase


def resolve_passphrase(
    *,
    passphrase_file: Path | None,
    prompt: Prompt | None,
    environ: Mapping[str, str] | None = None,
    question: str = "Vault passphrase",
) -> str:
    """The passphrase from the first source that is given (see the module's docstring).

    `prompt` is None where nobody can answer (no terminal): then a missing source is an error
    that says how to give one.
    """
    if passphrase_file is not None:
        return read_passphrase_file(passphrase_file)
    settings = read_settings(environ)
    if settings.passphrase_file is not None:
        return read_passphrase_file(settings.passphrase_file)
    if settings.passphrase_command is not None:
        return run_passphrase_command(settings.passphrase_command)
    if prompt is None:
        raise PassphraseSourceError(
            "No passphrase was given and there is no terminal to ask for one.",
            hint=f"Use --passphrase-file, {PASSPHRASE_FILE} or {PASSPHRASE_COMMAND}.",
        )
    return prompt(question)


def resolve_new_passphrase(
    *,
    passphrase_file: Path | None,
    prompt: Prompt | None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """A new passphrase: from `--new-passphrase-file`, `IOP_FACILITATOR_NEW_PASSPHRASE_FILE`,
    or asked twice at the prompt (which must match)."""
    if passphrase_file is not None:
        return read_passphrase_file(passphrase_file)
    new_file = read_settings(environ).new_passphrase_file
    if new_file is not None:
        return read_passphrase_file(new_file)
    if prompt is None:
        raise PassphraseSourceError(
            "No new passphrase was given and there is no terminal to ask for one.",
            hint=f"Use --new-passphrase-file or {NEW_PASSPHRASE_FILE}.",
        )
    first = prompt("New passphrase")
    if not first:
        raise PassphraseSourceError("The passphrase must not be empty.")
    if prompt("Repeat the new passphrase") != first:
        raise PassphraseSourceError("The two passphrases do not match; nothing was changed.")
    return first
