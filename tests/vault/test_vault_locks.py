"""A second process on the same live session or vault header is refused, naming the holder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_facilitator.errors import ExitCode
from iop_facilitator.vault import Vault, VaultLockedError
from tests.vault.vault_testing import PASSPHRASE

HOLDER = """
    import sys, pathlib
    from iop_facilitator.vault import Vault
    vault = Vault.unlock(pathlib.Path(sys.argv[1]), sys.argv[2])
    journal = vault.open_journal("live")
    print("holding", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def holder(vault: Vault, vault_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the live session "live" open until the test ends."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLDER), str(vault_dir), PASSPHRASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "holding\n"
    yield child
    child.kill()
    child.wait()


def test_a_second_process_opening_a_live_session_is_refused_with_the_holder(
    vault: Vault, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(VaultLockedError) as caught:
        vault.open_journal("live")
    assert f"process {holder.pid} on {socket.gethostname()}, since " in caught.value.message
    assert caught.value.exit_code == ExitCode.VAULT_LOCKED


def test_the_lock_goes_away_when_its_holder_is_killed(
    vault: Vault, holder: subprocess.Popen[str]
) -> None:
    holder.kill()
    holder.wait()
    with vault.open_journal("live") as journal:
        journal.append(b"taken over")
        assert journal.read().records[-1] == b"taken over"


def test_another_session_stays_open_to_a_second_process(
    vault: Vault, holder: subprocess.Popen[str]
) -> None:
    with vault.open_journal("another") as journal:
        journal.append(b"a second group")
        assert journal.read().records == [b"a second group"]
    assert holder.poll() is None  # the first session's holder is still running


def test_a_held_vault_lock_stops_a_passphrase_change_with_the_holder(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iop_facilitator.vault import vault as vault_module

    monkeypatch.setattr(vault_module, "_VAULT_LOCK_WAIT_SECONDS", 0.1)
    other = Vault.unlock(vault_dir, PASSPHRASE)
    with other.batch(), pytest.raises(VaultLockedError, match=f"process {os.getpid()}"):
        vault.change_passphrase("a new passphrase")


def test_deleting_the_lock_note_of_a_held_session_does_not_let_a_second_process_in(
    vault: Vault, vault_dir: Path, holder: subprocess.Popen[str]
) -> None:
    (note,) = (vault_dir / "locks").glob("*.lock")
    note.unlink()  # a user tidying the folder: the lock is on the journal itself
    with pytest.raises(VaultLockedError, match="not said who it is"):
        vault.open_journal("live")
    assert holder.poll() is None


def test_deleting_the_vault_lock_note_while_held_does_not_let_a_second_writer_in(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iop_facilitator.vault import vault as vault_module

    monkeypatch.setattr(vault_module, "_VAULT_LOCK_WAIT_SECONDS", 0.1)
    other = Vault.unlock(vault_dir, PASSPHRASE)
    with other.batch():
        (vault_dir / "locks" / "vault.lock").unlink()
        with pytest.raises(VaultLockedError, match="This vault is in use"):
            vault.put("session", "s", b"x")


def test_a_finished_session_leaves_no_lock_note_behind(vault: Vault, vault_dir: Path) -> None:
    vault.open_journal("live").append(b"event")
    vault.finish_session("live", "session", "live", b"finished")
    assert list((vault_dir / "locks").iterdir()) == []
