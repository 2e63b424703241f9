"""Many copies of the program changing one record at once: no change is lost (issue 12, 1).

Real processes, started together: each runs the command a person would, and each must see
every change made before it took the vault's write lock.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from iop_facilitator.session.records import Records
from iop_facilitator.vault import KdfParams, Vault

PASSPHRASE = "correct horse battery staple"
PROCESSES = 20

ADD_MEMBER = """
    import sys
    from iop_facilitator.cli import main
    sys.argv = ["iop-facilitator", "group", "add-member", "Tuesday", sys.argv[1],
                "--vault", sys.argv[2], "--passphrase-file", sys.argv[3]]
    main()
"""


def test_twenty_add_members_started_at_once_give_twenty_members(tmp_path: Path) -> None:
    vault, _ = Vault.init(tmp_path / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    Records(vault).new_group("Tuesday")
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    children = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(ADD_MEMBER), f"Member {n:02d}",
             str(tmp_path / "vault"), str(secret)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]  # fmt: skip
    results = [(child.wait(), child.stderr.read() if child.stderr else "") for child in children]
    assert results == [(0, "")] * PROCESSES
    group = Records(Vault.unlock(tmp_path / "vault", PASSPHRASE)).group("Tuesday")
    assert sorted(m.name for m in group.members) == [f"Member {n:02d}" for n in range(PROCESSES)]


RUNNER = """
    import pathlib, sys
    sys.path.insert(0, sys.argv[3])
    from iop_facilitator.session import FakeClock, Records
    from iop_facilitator.vault import Vault
    from tests.session.session_testing import AGENDA
    records = Records(Vault.unlock(pathlib.Path(sys.argv[1]), sys.argv[2]))
    group = records.group("Tuesday")
    live = records.start_live(group, AGENDA, FakeClock())
    for member in group.members:
        live.engine.mark_present(member.id)
    live.engine.add_member(sys.argv[4])
    print("ready", flush=True)
    sys.stdin.readline()
    records.finish(live)
    print("done", flush=True)
"""


def test_a_runner_finishing_while_a_member_is_added_keeps_both(tmp_path: Path) -> None:
    # One group has one live session at a time (issue 10), so the race left is a runner adding
    # its drop-in at finish while `group add-member` changes the same roster.
    vault, _ = Vault.init(tmp_path / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    Records(vault).new_group("Tuesday")
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    root = str(Path(__file__).resolve().parents[2])
    expected: list[str] = []
    for round_ in range(2):
        drop_in, added = f"Drop-in {round_}", f"Added {round_}"
        expected += [drop_in, added]
        runner = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(RUNNER), str(tmp_path / "vault"),
             PASSPHRASE, root, drop_in],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert runner.stdout is not None and runner.stdout.readline() == "ready\n"
        assert runner.stdin is not None
        runner.stdin.write("go\n")  # both change the roster at the same moment
        runner.stdin.flush()
        adding = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(ADD_MEMBER), added,
             str(tmp_path / "vault"), str(secret)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert runner.communicate()[0] == "done\n"
        assert adding.wait() == 0
    group = Records(Vault.unlock(tmp_path / "vault", PASSPHRASE)).group("Tuesday")
    assert sorted(m.name for m in group.members) == sorted(expected)
