"""A process killed with SIGKILL at a random moment loses at most what it was writing.

Each test runs the real vault code in a child process, kills it mid-work several times, and
checks the vault afterwards. A few seconds in all.
"""

from __future__ import annotations

import contextlib
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from iop_facilitator.vault import Vault, WrongPassphraseError
from tests.vault.vault_testing import PASSPHRASE

ROUNDS = 5
_rng = random.Random(20261123)


def _run_and_kill(script: str, vault_dir: Path, *extra: str, after: str | None = None) -> list[str]:
    """Start `script` on the vault, wait for a line starting with `after` (if given, so a
    slow machine still gets some work done), let it work for a random moment more, SIGKILL
    it, and return the whole lines it printed (each printed only after its work was done)."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), str(vault_dir), PASSPHRASE, *extra],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    seen: list[str] = []
    while after is not None and not (seen and seen[-1].startswith(after)):
        seen.append(child.stdout.readline().rstrip("\n"))
    time.sleep(_rng.uniform(0.02, 0.15))
    child.send_signal(signal.SIGKILL)
    output, _ = child.communicate()
    return seen + output.split("\n")[:-1]  # the last piece: cut mid-print, or empty


APPENDER = """
    import sys, pathlib
    from iop_facilitator.vault import Vault
    vault = Vault.unlock(pathlib.Path(sys.argv[1]), sys.argv[2])
    journal = vault.open_journal("live")
    number = journal.count
    print("ready", flush=True)
    while True:
        journal.append(f"event {number} ".encode() * 20)
        print(number, flush=True)
        number += 1
"""


def test_sigkill_during_appends_loses_at_most_the_record_in_flight(
    vault: Vault, vault_dir: Path
) -> None:
    for _ in range(ROUNDS):
        reported = _run_and_kill(APPENDER, vault_dir, after="")
        saved = int(reported[-1]) + 1 if reported else 0
        with Vault.unlock(vault_dir, PASSPHRASE).open_journal("live") as journal:
            records = journal.read().records
        assert saved <= len(records) <= saved + 1
        assert records == [f"event {n} ".encode() * 20 for n in range(len(records))]
    assert len(records) >= ROUNDS  # each child was killed mid-stream, not before it began


PASSWD = """
    import sys, pathlib
    from iop_facilitator.vault import Vault
    vault = Vault.unlock(pathlib.Path(sys.argv[1]), sys.argv[2])
    print("ready", flush=True)
    while True:
        vault.change_passphrase("the other passphrase")
        vault.change_passphrase(sys.argv[2])
"""


def test_sigkill_during_passphrase_changes_leaves_the_old_or_the_new(
    vault: Vault, vault_dir: Path
) -> None:
    vault.put("session", "s", b"kept")
    for _ in range(ROUNDS):
        _run_and_kill(PASSWD, vault_dir)
        opened = []
        for passphrase in (PASSPHRASE, "the other passphrase"):
            with contextlib.suppress(WrongPassphraseError):
                opened.append(Vault.unlock(vault_dir, passphrase))
        assert len(opened) == 1
        assert opened[0].get("session", "s") == b"kept"
        # Back to the known passphrase for the next round.
        opened[0].change_passphrase(PASSPHRASE)


FINISHER = """
    import sys, pathlib
    from iop_facilitator.vault import Vault
    vault = Vault.unlock(pathlib.Path(sys.argv[1]), sys.argv[2])
    round_ = sys.argv[3]
    print("ready", flush=True)
    number = 0
    while True:
        session = f"{round_}-{number}"
        print("started", session, flush=True)
        journal = vault.open_journal(session)
        for event in range(3):
            journal.append(b"event")
        vault.finish_session(session, "session", session, b"finished record")
        print("finished", session, flush=True)
        number += 1
"""


def test_sigkill_while_finishing_sessions_leaves_each_finished_or_resumable(
    vault: Vault, vault_dir: Path
) -> None:
    for round_ in range(ROUNDS):
        lines = _run_and_kill(FINISHER, vault_dir, str(round_), after="finished")
        after = Vault.unlock(vault_dir, PASSPHRASE)
        finished, unfinished = set(after.ids("session")), set(after.unfinished_sessions())
        for line in lines:
            state, session = line.split(" ")
            if state == "finished":
                assert session in finished and session not in unfinished
                assert after.get("session", session) == b"finished record"
            else:
                assert session in finished or session in unfinished or line == lines[-1]
        for session in unfinished:  # a resumable journal holds whole events only
            with after.open_journal(session) as journal:
                assert set(journal.read().records) <= {b"event"}
    assert len(after.ids("session")) >= ROUNDS  # sessions were finished between the kills
