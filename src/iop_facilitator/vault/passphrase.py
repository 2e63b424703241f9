"""Where the passphrase comes from, as restic does it: a file, a command, or a prompt.

Never from a bare command-line argument (it would sit in the shell history and in `ps`).
The order: `--passphrase-file`, then `IOP_FACILITATOR_PASSPHRASE_FILE`, then
`IOP_FACILITATOR_PASSPHRASE_COMMAND` (e.g. a call to the OS keychain), then the prompt.
"""

from __future__ import annotations

import os
import select
import shlex
import stat
import subprocess
import time
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
# A passphrase is a line a person types: anything longer is not one (a FIFO fed by `yes`, a
# file that is really `/dev/zero`), and a source that says nothing is not waited on forever.
MAX_PASSPHRASE_BYTES = 1024
_FILE_WAIT_SECONDS = 10

Prompt = Callable[[str], str]
"""Asks the person (hidden input) and returns what was typed; supplied by the CLI or the app."""


def _strip_line_end(text: str) -> str:
    # One trailing line end is how files and commands end a line; anything else is part of it.
    if text.endswith("\r\n"):
        return text[:-2]
    return text.removesuffix("\n")


class _TooMuch(Exception):
    """More than a passphrase's worth of bytes."""


class _TooSlow(Exception):
    """Nothing more came within the wait."""


def _read_bounded(fd: int, deadline: float) -> bytes:
    """Read `fd` to its end, refusing more than `MAX_PASSPHRASE_BYTES` (and a line end) and
    waiting for it no later than `deadline` (a FIFO with no writer, a command that hangs)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise _TooSlow
        chunk = os.read(fd, MAX_PASSPHRASE_BYTES + 3 - size)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_PASSPHRASE_BYTES + 2:
            raise _TooMuch


Warn = Callable[[str], None]
"""Told one sentence about something odd in a passphrase that is still used as it is."""


def _oddities(path: Path, passphrase: str, warn: Warn | None) -> None:
    """Say what an editor may have added without the user knowing: both stay part of the
    passphrase (a vault made with them needs them), but a mismatch is then explained."""
    if warn is None:
        return
    if passphrase.startswith("\ufeff"):
        warn(
            f"The passphrase file {path} starts with a byte-order mark (BOM), which is read as "
            "part of the passphrase; if the vault does not open, save the file without it."
        )
    if passphrase != passphrase.rstrip():
        warn(
            f"The passphrase in {path} ends with a space or tab, which is part of the "
            "passphrase; if the vault does not open, check the end of the line."
        )


# zxcvbn's score, 0 to 4; 3 is "safely unguessable: moderate protection from an offline
# slow-hash scenario", which is what an Argon2id-protected key file faces once stolen.
MIN_STRENGTH = 3
# zxcvbn slows down sharply on long input; the start of a passphrase decides its score.
_STRENGTH_PREFIX = 100


def refuse_easy_passphrase(passphrase: str) -> None:
    """Refuse a new passphrase that a strength estimate (zxcvbn: dictionaries, common
    passwords, keyboard patterns, repeats, dates) finds easy to guess, with its reason."""
    from zxcvbn import zxcvbn  # its dictionaries load in a moment: only when a passphrase is set

    result = zxcvbn(passphrase[:_STRENGTH_PREFIX])
    if int(result["score"]) >= MIN_STRENGTH:
        return
    warning = str(result["feedback"].get("warning") or "").strip().rstrip(".")
    reason = f" ({warning[0].lower()}{warning[1:]})" if warning else ""
    raise PassphraseSourceError(
        f"This passphrase is too easy to guess{reason}; a few unrelated words are best."
    )


def read_passphrase_file(path: Path, *, warn: Warn | None = None) -> str:
    """The passphrase stored in `path` (its first line end removed): at most
    `MAX_PASSPHRASE_BYTES`, waited for at most a few seconds (a FIFO or a device). `warn` is
    told of a BOM or trailing space in it."""
    try:
        # Non-blocking open: a FIFO with no writer must not hang the program here.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise PassphraseSourceError(f"The passphrase file {path} does not exist.") from None
    except OSError as error:
        raise PassphraseSourceError(
            f"The passphrase file {path} cannot be read ({error.strerror or error})."
        ) from error
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise PassphraseSourceError(f"The passphrase file {path} is a folder.")
        data = _read_bounded(fd, time.monotonic() + _FILE_WAIT_SECONDS)
        text = data.decode("utf-8")
    except _TooMuch:
        raise PassphraseSourceError(
            f"The passphrase file {path} holds more than a passphrase "
            f"({MAX_PASSPHRASE_BYTES} bytes at most)."
        ) from None
    except _TooSlow:
        raise PassphraseSourceError(
            f"Nothing was read from the passphrase file {path} within {_FILE_WAIT_SECONDS} seconds."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise PassphraseSourceError(
            f"The passphrase file {path} cannot be read ({error})."
        ) from error
    finally:
        os.close(fd)
    passphrase = _strip_line_end(text)
    if not passphrase:
        raise PassphraseSourceError(f"The passphrase file {path} is empty.")
    _oddities(path, passphrase, warn)
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
        child = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise PassphraseSourceError(
            f"The passphrase command {argv[0]!r} was not found; check {PASSPHRASE_COMMAND}."
        ) from None
    except OSError as error:
        raise PassphraseSourceError(f"The passphrase command could not run ({error}).") from error
    assert child.stdout is not None
    deadline = time.monotonic() + _COMMAND_TIMEOUT_SECONDS
    try:
        output = _read_bounded(child.stdout.fileno(), deadline)
        returncode = child.wait(timeout=max(0.0, deadline - time.monotonic()))
    except (_TooMuch, _TooSlow, subprocess.TimeoutExpired) as error:
        child.kill()
        child.wait()
        if isinstance(error, _TooMuch):
            raise PassphraseSourceError(
                f"The passphrase command printed more than a passphrase "
                f"({MAX_PASSPHRASE_BYTES} bytes at most); check {PASSPHRASE_COMMAND}."
            ) from None
        raise PassphraseSourceError(
            f"The passphrase command did not finish within {_COMMAND_TIMEOUT_SECONDS} seconds."
        ) from None
    finally:
        child.stdout.close()
    if returncode != 0:
        raise PassphraseSourceError(
            f"The passphrase command failed (exit status {returncode}); check {PASSPHRASE_COMMAND}."
        )
    try:
        passphrase = _strip_line_end(output.decode("utf-8"))
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
    warn: Warn | None = None,
) -> str:
    """The passphrase from the first source that is given (see the module's docstring).

    `prompt` is None where nobody can answer (no terminal): then a missing source is an error
    that says how to give one.
    """
    if passphrase_file is not None:
        return read_passphrase_file(passphrase_file, warn=warn)
    settings = read_settings(environ)
    if settings.passphrase_file is not None:
        return read_passphrase_file(settings.passphrase_file, warn=warn)
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
    warn: Warn | None = None,
) -> str:
    """A new passphrase: from `--new-passphrase-file`, `IOP_FACILITATOR_NEW_PASSPHRASE_FILE`,
    or asked twice at the prompt (which must match)."""
    if passphrase_file is not None:
        return read_passphrase_file(passphrase_file, warn=warn)
    new_file = read_settings(environ).new_passphrase_file
    if new_file is not None:
        return read_passphrase_file(new_file, warn=warn)
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
