"""An error nobody expected reaches the command line as one sentence, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from iop_facilitator.agenda import catalog
from iop_facilitator.cli import main
from iop_facilitator.errors import ExitCode
from iop_facilitator.settings import DEBUG as DEBUG_ENV


def _a_bug() -> list[object]:
    raise RuntimeError("Maria G. said she feels hopeless")


def test_unexpected_error_is_one_sentence_without_its_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    monkeypatch.setattr(catalog, "templates", _a_bug)
    result = CliRunner().invoke(main, ["agenda", "list"])
    assert result.exit_code == ExitCode.UNEXPECTED == 10
    assert result.output.startswith("Error: the program stopped on an unexpected error")
    assert "RuntimeError" in result.output and DEBUG_ENV in result.output
    assert "Traceback" not in result.output and "Maria" not in result.output


def test_debug_setting_lets_the_unexpected_error_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEBUG_ENV, "1")
    monkeypatch.setattr(catalog, "templates", _a_bug)
    result = CliRunner().invoke(main, ["agenda", "list"])
    assert isinstance(result.exception, RuntimeError)


def test_a_wrong_command_line_is_still_clicks_usage_error() -> None:
    result = CliRunner().invoke(main, ["agenda", "no-such-command"])
    assert result.exit_code == ExitCode.USAGE
