"""`run` and `demo` on the command line: refusals are one sentence and an exit code."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from iop_facilitator.cli import main
from iop_facilitator.errors import ExitCode


def test_run_without_a_vault_says_so_in_one_sentence(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["run", "dbt-distress-tolerance", "--group", "Tuesday", "--vault", str(tmp_path)]
    )
    assert result.exit_code == ExitCode.VAULT_MISSING
    assert f"There is no vault at {tmp_path}." in result.output
    assert "Traceback" not in result.output


def test_run_with_an_unknown_agenda_names_the_problem(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["run", "no-such-agenda", "--group", "Tuesday", "--vault", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_run_without_a_group_is_not_a_usage_error(tmp_path: Path) -> None:
    # The runner asks which group after unlocking (issue 10 item 15); here, with no vault,
    # the one sentence is about the vault, not the missing --group.
    result = CliRunner().invoke(
        main, ["run", "dbt-distress-tolerance", "--vault", str(tmp_path / "none")]
    )
    assert result.exit_code == ExitCode.VAULT_MISSING
    assert "There is no vault at" in result.output


def test_demo_is_listed_with_run_in_the_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "demo" in result.output and "run" in result.output


def test_readme_key_reference_is_the_keymap() -> None:
    from iop_facilitator.tui.runner.keys import reference_markdown

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert reference_markdown() in readme
