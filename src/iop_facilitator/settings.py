"""Every environment variable the program reads, named and read here only.

`read_settings()` reads them all at once into a `Settings` (frozen: what the environment said
at that moment); every other module takes what it needs from there, so a new variable is one
line in `ENVIRONMENT` and one field in `Settings`, and the README's list can be checked against
this one. The names are also given to click (`--vault`'s `envvar`), which shows them in
`--help`. No UI here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

VAULT = "IOP_FACILITATOR_VAULT"
CONFIG_DIR = "IOP_FACILITATOR_CONFIG_DIR"
PASSPHRASE_FILE = "IOP_FACILITATOR_PASSPHRASE_FILE"
PASSPHRASE_COMMAND = "IOP_FACILITATOR_PASSPHRASE_COMMAND"
NEW_PASSPHRASE_FILE = "IOP_FACILITATOR_NEW_PASSPHRASE_FILE"
DEBUG = "IOP_FACILITATOR_DEBUG"
TEST_WEAK_KDF = "IOP_FACILITATOR_TEST_WEAK_KDF"

ENVIRONMENT: dict[str, str] = {
    VAULT: "the vault's folder, when `--vault` is not given",
    CONFIG_DIR: "the folder of the user's own agenda templates (`agendas/` inside it)",
    PASSPHRASE_FILE: "a file holding the vault's passphrase, when `--passphrase-file` is not given",
    PASSPHRASE_COMMAND: "a command that prints the vault's passphrase (e.g. the OS keychain)",
    NEW_PASSPHRASE_FILE: "a file holding the new passphrase for `vault passphrase` and `recover`",
    DEBUG: "1: show the traceback of an unexpected error (for developers; it may show content)",
    TEST_WEAK_KDF: "1: read key files whose KDF is below the floor (the test suite's; never a "
    "real vault)",
}
"""Every variable, with what it is for."""


@dataclass(frozen=True)
class Settings:
    """What the environment says; None (or False) for a variable that is unset or empty."""

    vault: Path | None = None
    config_dir: Path | None = None
    passphrase_file: Path | None = None
    passphrase_command: str | None = None
    new_passphrase_file: Path | None = None
    debug: bool = False
    test_weak_kdf: bool = False

    @property
    def passphrase_from_environment(self) -> bool:
        """Whether the environment gives the passphrase (a file or a command), so nobody needs
        to be asked."""
        return self.passphrase_file is not None or self.passphrase_command is not None


def read_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from `environ` (default: the process's environment, read now)."""
    env = os.environ if environ is None else environ

    def text(name: str) -> str | None:
        return env.get(name) or None

    def path(name: str) -> Path | None:
        value = text(name)
        return Path(value) if value is not None else None

    return Settings(
        vault=path(VAULT),
        config_dir=path(CONFIG_DIR),
        passphrase_file=path(PASSPHRASE_FILE),
        passphrase_command=text(PASSPHRASE_COMMAND),
        new_passphrase_file=path(NEW_PASSPHRASE_FILE),
        debug=bool(text(DEBUG)),
        test_weak_kdf=text(TEST_WEAK_KDF) == "1",
    )
