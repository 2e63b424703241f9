"""The command line imports a command's module only when that command runs, so `--version`
and `agenda list` answer without loading cryptography, the session engine, review or Textual;
`--help` still lists every command with its own help line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from iop_facilitator.cli import COMMANDS, main

HEAVY = ("cryptography", "iop_facilitator.session.engine", "iop_facilitator.review", "textual")

# Runs the command line in a fresh interpreter and reports which of HEAVY it imported.
_PROBE = """
import json, sys
from iop_facilitator.cli import main
heavy = {heavy!r}
try:
    main({args!r}, prog_name="iop-facilitator")
except SystemExit:
    pass
loaded = [m for m in heavy if m in sys.modules]
sys.stderr.write("IMPORTED " + json.dumps(loaded) + "\\n")
"""


def _heavy_modules_imported(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY, args=list(args))],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("IMPORTED "))
    loaded: list[str] = json.loads(line.removeprefix("IMPORTED "))
    return loaded


@pytest.mark.parametrize("args", [("--version",), ("agenda", "list"), ("--help",)])
def test_light_commands_import_no_heavy_module(args: tuple[str, ...]) -> None:
    assert _heavy_modules_imported(*args) == []


def test_the_probe_sees_a_command_that_needs_the_engine() -> None:
    # `group --help` imports the group commands, which work on sessions: the probe above
    # would see an eager import of the engine.
    loaded = _heavy_modules_imported("group", "--help")
    assert "iop_facilitator.session.engine" in loaded
    assert "textual" not in loaded


@pytest.mark.parametrize("limit", [45, 1000])
def test_each_help_line_is_the_one_its_command_shows(limit: int) -> None:
    for name, lazy in COMMANDS.items():
        command = lazy.load()
        assert command.name == name
        assert lazy.short_help(limit) == command.get_short_help_str(limit), name


def test_help_lists_every_command_with_its_help_line() -> None:
    output = CliRunner().invoke(main, ["--help"], terminal_width=200).output
    listed = output.split("Commands:\n", 1)[1].splitlines()
    expected = [
        f"{name}  {COMMANDS[name].load().get_short_help_str(1000)}" for name in sorted(COMMANDS)
    ]
    assert [" ".join(line.split()) for line in listed if line.strip()] == [
        " ".join(line.split()) for line in expected
    ]


def test_an_unknown_command_is_still_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command 'no-such-command'" in result.output
