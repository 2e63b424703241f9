"""Group fields have limits, refused in one sentence, so no group can outgrow a vault frame."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from iop_facilitator.cli import main
from iop_facilitator.errors import ExitCode, UserError
from iop_facilitator.session import group as limits
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.group import Group
from iop_facilitator.session.records import Records
from iop_facilitator.vault import Vault
from iop_facilitator.vault.frames import MAX_PAYLOAD_BYTES
from tests.session.session_testing import PASSPHRASE

DAY = date(2026, 3, 3)
WIDE = "\U0001f600"  # four bytes in UTF-8: the largest a character can make a record


def _cli(vault_dir: Path, tmp_path: Path, *args: str) -> tuple[int, str]:
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    options = ["--vault", str(vault_dir), "--passphrase-file", str(secret)]
    result = CliRunner().invoke(main, ["group", *args, *options])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["new", "G" * 121], "A group's name must be at most 120 characters."),
        (["new", "H", "--facilitator", "F" * 81], "A facilitator's name must be at most 80"),
        (["add-member", "G", "N" * 81], "A member's name must be at most 80 characters."),
        (["add-member", "G", "N", "--pronouns", "p" * 41], "pronouns must be at most 40"),
        (["add-member", "G", "N", "--initials", "I" * 13], "initials must be at most 12"),
        (["add-member", "G", "N", "--goal", "g" * 201], "A goal must be at most 200"),
        (["add-member", "G", "N", *["--goal", "g"] * 11], "at most 10 goals"),
    ],
)
def test_the_cli_refuses_each_limit_in_one_sentence(
    vault: Vault, vault_dir: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    assert _cli(vault_dir, tmp_path, "new", "G")[0] == ExitCode.OK
    code, output = _cli(vault_dir, tmp_path, *args)
    assert code == ExitCode.INVALID_INPUT
    assert says in output and output.count("\n") == 1 and "Traceback" not in output
    assert len(Records(Vault.unlock(vault_dir, PASSPHRASE)).groups()) == 1  # nothing saved


def test_a_full_roster_refuses_one_more_member() -> None:
    g = Group(id="g", name="G", created=DAY)
    for i in range(limits.MAX_MEMBERS):
        g.add_member(f"M{i}", on=DAY)
    with pytest.raises(UserError, match="the most a group can hold"):
        g.add_member("One more", on=DAY)
    assert len(g.members) == limits.MAX_MEMBERS


def test_a_group_at_every_limit_fits_in_a_frame_and_is_saved_and_read(
    vault: Vault,
) -> None:
    g = Group(id="g", name=WIDE * limits.MAX_GROUP_NAME, created=DAY)
    for i in range(limits.MAX_MEMBERS):
        g.add_member(
            f"{i}" + WIDE * (limits.MAX_PERSON_NAME - len(str(i))),
            on=DAY,
            initials=WIDE * limits.MAX_INITIALS,
            pronouns=WIDE * limits.MAX_PRONOUNS,
            goals=[WIDE * limits.MAX_GOAL] * limits.MAX_GOALS,
        )
    size = len(g.model_dump_json().encode())
    assert size < MAX_PAYLOAD_BYTES // 2
    records = Records(vault)
    records.save_group(g)
    assert records.group("g") == g


def test_a_drop_in_in_the_runner_is_held_to_the_same_limits(engine: SessionEngine) -> None:
    for kwargs in ({"goals": ["g"] * 11}, {"pronouns": "p" * 41}, {"initials": "I" * 13}):
        with pytest.raises(EventRefused):
            engine.add_member("New", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(EventRefused, match="at most 80 characters"):
        engine.add_member("N" * 81)
    assert engine.add_member("  New   person ").member.name == "New person"
