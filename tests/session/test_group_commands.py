"""`iop-facilitator group ...` over a real vault: each command, and errors as one sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from iop_facilitator.cli import main
from iop_facilitator.errors import ExitCode
from iop_facilitator.vault import Vault
from tests.session.session_testing import PASSPHRASE

Invoke = Callable[..., Result]


@pytest.fixture
def run(vault: Vault, vault_dir: Path, tmp_path: Path) -> Invoke:
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")

    def invoke(*args: str) -> Result:
        options = ["--vault", str(vault_dir), "--passphrase-file", str(secret)]
        return CliRunner().invoke(main, ["group", *args, *options])

    return invoke


def test_new_group_is_listed(run: Invoke) -> None:
    run("new", "Tuesday IOP", "--facilitator", "Dr. Rivera")
    assert run("list").output == "Tuesday IOP: 0 members, 0 finished sessions\n"


def test_added_member_is_shown_with_pronouns_and_goal(run: Invoke) -> None:
    run("new", "Tuesday IOP")
    run("add-member", "Tuesday IOP", "Maria L.", "--pronouns", "she/her", "--goal", "Sleep")
    shown = run("show", "tuesday iop").output
    assert "Maria L. (M.L., she/her)" in shown and "goal: Sleep" in shown


def test_renamed_member_keeps_their_id(run: Invoke) -> None:
    run("new", "Tuesday IOP")
    added = run("add-member", "Tuesday IOP", "Sam").output
    member_id = added.split("id ")[1].rstrip(").\n")
    run("rename-member", "Tuesday IOP", "Sam", "Sam O.")
    assert "Sam O. (S.O.) since" in run("show", "Tuesday IOP").output
    assert member_id in run("show", "Tuesday IOP").output


def test_archived_member_moves_to_the_archived_list(run: Invoke) -> None:
    run("new", "Tuesday IOP")
    run("add-member", "Tuesday IOP", "Sam")
    run("archive-member", "Tuesday IOP", "Sam")
    shown = run("show", "Tuesday IOP").output
    assert shown.index("Archived:") < shown.index("Sam")


def test_unknown_group_is_one_sentence_and_exit_1(run: Invoke) -> None:
    result = run("show", "Nope")
    assert (result.exit_code, result.output.count("\n")) == (ExitCode.INVALID_INPUT, 1)
    assert "Traceback" not in result.output


def test_wrong_passphrase_is_a_sentence(vault: Vault, vault_dir: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong"
    wrong.write_text("not it\n")
    result = CliRunner().invoke(
        main, ["group", "list", "--vault", str(vault_dir), "--passphrase-file", str(wrong)]
    )
    assert result.exit_code == ExitCode.WRONG_PASSPHRASE
    assert result.output.startswith("Error: The passphrase does not open this vault.")


def test_group_is_in_the_main_help() -> None:
    assert "group" in CliRunner().invoke(main, ["--help"]).output


def test_a_damaged_group_file_is_named_and_the_others_still_listed(
    run: Invoke, vault_dir: Path
) -> None:
    run("new", "Tuesday IOP")
    run("new", "Thursday IOP")
    damaged = sorted((vault_dir / "records" / "group").iterdir())[0]
    data = bytearray(damaged.read_bytes())
    data[-5] ^= 0x01
    damaged.write_bytes(bytes(data))
    result = run("list")
    listed = result.stdout.splitlines()
    assert result.exit_code == ExitCode.VAULT_DAMAGED
    assert len(listed) == 1 and listed[0].endswith(": 0 members, 0 finished sessions")
    assert result.stderr.count("\n") == 1 and "damaged" in result.stderr
    assert "Traceback" not in result.output


def test_adding_a_name_already_on_the_roster_is_refused(run: Invoke) -> None:
    run("new", "Tuesday IOP")
    run("add-member", "Tuesday IOP", "Sam O.")
    result = run("add-member", "Tuesday IOP", "sam  o.")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.output == (
        "Error: Tuesday IOP already has a member called Sam O.; add them with --allow-duplicate "
        "if this is another person.\n"
    )
    assert run("show", "Tuesday IOP").output.count("Sam O.") == 1


def test_a_second_member_with_one_name_can_be_added_on_purpose(run: Invoke) -> None:
    run("new", "Tuesday IOP")
    run("add-member", "Tuesday IOP", "Sam O.")
    result = run("add-member", "Tuesday IOP", "Sam O.", "--allow-duplicate", "--initials", "S.O2")
    assert result.exit_code == 0
    assert run("show", "Tuesday IOP").output.count("Sam O.") == 2
