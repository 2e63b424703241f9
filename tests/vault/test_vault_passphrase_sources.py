"""Passphrases without a prompt: a file, an environment variable, a command."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from iop_facilitator.settings import PASSPHRASE_COMMAND as COMMAND_ENV
from iop_facilitator.settings import PASSPHRASE_FILE as FILE_ENV
from iop_facilitator.vault import PassphraseSourceError
from iop_facilitator.vault import passphrase as passphrase_module
from iop_facilitator.vault.passphrase import (
    read_passphrase_file,
    resolve_new_passphrase,
    resolve_passphrase,
    run_passphrase_command,
)


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


def test_a_fifo_with_no_writer_is_refused_after_a_short_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passphrase_module, "_FILE_WAIT_SECONDS", 0.2)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(PassphraseSourceError, match="Nothing was read"):
        read_passphrase_file(fifo)


def test_dev_zero_as_a_passphrase_file_is_refused_as_too_long() -> None:
    with pytest.raises(PassphraseSourceError, match="more than a passphrase"):
        read_passphrase_file(Path("/dev/zero"))


def test_a_command_that_prints_forever_is_stopped_and_refused() -> None:
    with pytest.raises(PassphraseSourceError, match="printed more than a passphrase"):
        run_passphrase_command("yes")


def test_a_passphrase_of_the_longest_allowed_length_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long"
    path.write_text("p" * passphrase_module.MAX_PASSPHRASE_BYTES + "\n")
    assert len(read_passphrase_file(path)) == passphrase_module.MAX_PASSPHRASE_BYTES


def test_a_bom_or_a_trailing_space_in_a_passphrase_file_is_warned_about_and_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pw"
    path.write_text("\ufefftwo words \n", encoding="utf-8")
    warnings: list[str] = []
    assert read_passphrase_file(path, warn=warnings.append) == "\ufefftwo words "
    assert "byte-order mark" in warnings[0]
    assert "ends with a space" in warnings[1]


def test_a_plain_passphrase_file_gives_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "pw"
    path.write_text("two words\n")
    warnings: list[str] = []
    read_passphrase_file(path, warn=warnings.append)
    assert warnings == []
