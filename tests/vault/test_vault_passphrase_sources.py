"""Passphrases without a prompt: a file, an environment variable, a command."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from iop_facilitator.settings import PASSPHRASE_COMMAND as COMMAND_ENV
from iop_facilitator.settings import PASSPHRASE_FILE as FILE_ENV
from iop_facilitator.vault import PassphraseSourceError
from iop_facilitator.vault.passphrase import resolve_new_passphrase, resolve_passphrase


def _no_prompt(question: str) -> str:
    raise AssertionError("the prompt must not be used")


def test_the_file_option_comes_first_and_loses_only_its_line_end(tmp_path: Path) -> None:
    path = tmp_path / "pw"
    path.write_text(" two words \n")
    env = {FILE_ENV: "/nonexistent", COMMAND_ENV: "false"}
    assert resolve_passphrase(passphrase_file=path, prompt=_no_prompt, environ=env) == " two words "


def test_the_file_named_in_the_environment_is_read(tmp_path: Path) -> None:
    path = tmp_path / "pw"
    path.write_text("from env\r\n")
    got = resolve_passphrase(passphrase_file=None, prompt=_no_prompt, environ={FILE_ENV: str(path)})
    assert got == "from env"


def test_the_command_prints_the_passphrase() -> None:
    command = f"{sys.executable} -c \"print('from the keychain')\""
    got = resolve_passphrase(
        passphrase_file=None, prompt=_no_prompt, environ={COMMAND_ENV: command}
    )
    assert got == "from the keychain"


def test_a_failing_command_is_a_clear_error() -> None:
    command = f'{sys.executable} -c "raise SystemExit(3)"'
    with pytest.raises(PassphraseSourceError, match="command failed \\(exit status 3\\)"):
        resolve_passphrase(passphrase_file=None, prompt=_no_prompt, environ={COMMAND_ENV: command})


def test_a_command_printing_nothing_is_a_clear_error() -> None:
    command = f'{sys.executable} -c "pass"'
    with pytest.raises(PassphraseSourceError, match="printed nothing"):
        resolve_passphrase(passphrase_file=None, prompt=_no_prompt, environ={COMMAND_ENV: command})


def test_a_command_that_does_not_exist_is_a_clear_error() -> None:
    env = {COMMAND_ENV: "no-such-keychain-tool --get"}
    with pytest.raises(PassphraseSourceError, match="was not found"):
        resolve_passphrase(passphrase_file=None, prompt=_no_prompt, environ=env)


def test_a_missing_passphrase_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PassphraseSourceError, match="does not exist"):
        resolve_passphrase(passphrase_file=tmp_path / "nope", prompt=_no_prompt, environ={})


def test_an_empty_passphrase_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "pw"
    path.write_text("\n")
    with pytest.raises(PassphraseSourceError, match="is empty"):
        resolve_passphrase(passphrase_file=path, prompt=_no_prompt, environ={})


def test_without_any_source_the_prompt_asks() -> None:
    got = resolve_passphrase(passphrase_file=None, prompt=lambda q: "typed", environ={})
    assert got == "typed"


def test_without_a_source_or_a_terminal_the_error_says_how_to_give_one() -> None:
    with pytest.raises(PassphraseSourceError, match="--passphrase-file"):
        resolve_passphrase(passphrase_file=None, prompt=None, environ={})


def test_a_new_passphrase_typed_twice_differently_is_refused() -> None:
    answers = iter(["first try", "first tyr"])
    with pytest.raises(PassphraseSourceError, match="do not match"):
        resolve_new_passphrase(passphrase_file=None, prompt=lambda q: next(answers), environ={})
