"""`Vault.rekey` (`vault passwd --rekey`): a new data key, everything sealed again, and an old
key file with the old passphrase opens nothing written under the new key (issue 12, 5)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from iop_facilitator.vault import Vault, VaultError, VaultLockedError, WrongPassphraseError
from tests.vault.vault_testing import PASSPHRASE, write_key_copies

NEW = "a brand new passphrase"


def _fill(vault: Vault) -> None:
    vault.put("group", "g", b"roster", index_entry={"name": "Tuesday"})
    vault.put("session", "s", b"draft")
    vault.put("session", "s", b"final", index_entry={"n": 2})
    with vault.open_journal("live") as journal:
        journal.append(b"event 1")
        journal.append(b"event 2")


def _reads_everything(vault: Vault) -> None:
    assert vault.get("group", "g") == b"roster"
    assert vault.get("session", "s") == b"final"
    assert vault.index_entries("session") == {"s": {"n": 2}}
    assert vault.unfinished_sessions() == ["live"]
    with vault.open_journal("live") as journal:
        assert journal.read().records == [b"event 1", b"event 2"]


def test_rekey_keeps_everything_under_a_new_data_key_and_recovery_key(
    made: tuple[Vault, str], vault_dir: Path
) -> None:
    vault, old_recovery = made
    _fill(vault)
    old_key = (vault_dir / "key").read_bytes()
    new_recovery = vault.rekey(NEW)
    _reads_everything(vault)
    _reads_everything(Vault.unlock(vault_dir, NEW))
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_dir, PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        Vault.recover(vault_dir, old_recovery, "whatever it is")
    Vault.recover(vault_dir, new_recovery, "set with the new recovery key")
    assert not (vault_dir / ".rekey").exists()
    # An old copy of the key file with the old passphrase: it opens the old data key, which
    # seals nothing any more.
    write_key_copies(vault_dir, old_key)
    stale = Vault.unlock(vault_dir, PASSPHRASE)
    assert stale.ids("session") == []
    assert stale.problems


def test_a_copy_of_the_program_opened_before_a_rekey_cannot_save(
    vault: Vault, vault_dir: Path
) -> None:
    _fill(vault)
    before = Vault.unlock(vault_dir, PASSPHRASE)
    vault.rekey(NEW)
    with pytest.raises(VaultError, match="re-keyed by another copy"):
        before.put("session", "late", b"sealed with the old key")
    _reads_everything(Vault.unlock(vault_dir, NEW))


HOLDER = """
    import sys, pathlib
    from iop_facilitator.vault import Vault
    vault = Vault.unlock(pathlib.Path(sys.argv[1]), sys.argv[2])
    journal = vault.open_journal("live")
    print("holding", flush=True)
    sys.stdin.read()
"""


def test_rekey_is_refused_while_a_live_session_is_open_elsewhere(
    vault: Vault, vault_dir: Path
) -> None:
    _fill(vault)
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLDER), str(vault_dir), PASSPHRASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "holding\n"
        with pytest.raises(VaultLockedError):
            vault.rekey(NEW)
    finally:
        child.kill()
        child.wait()
    _reads_everything(Vault.unlock(vault_dir, PASSPHRASE))


KILLED_REKEY = """
    import os, pathlib, signal, sys
    from iop_facilitator.vault import Vault
    root, passphrase, new, kill_at = sys.argv[1:5]
    vault = Vault.unlock(pathlib.Path(root), passphrase)
    count = 0

    def counted(real):
        def call(*args, **kwargs):
            global count
            count += 1
            if count == int(kill_at):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call

    for name in ("write", "fsync", "replace", "link", "unlink", "rename", "ftruncate", "rmdir"):
        setattr(os, name, counted(getattr(os, name)))
    vault.rekey(new)
    print("done", flush=True)
"""


def test_a_kill_at_any_step_of_a_rekey_leaves_one_working_passphrase_and_every_record(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    _fill(vault)
    pristine = tmp_path / "pristine"
    shutil.copytree(vault_dir, pristine, ignore=shutil.ignore_patterns("locks"))
    opened_with = set()
    for kill_at in range(1, 200):
        work = tmp_path / "work"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(pristine, work)
        child = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(KILLED_REKEY), str(work), PASSPHRASE, NEW,
             str(kill_at)],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        finished = child.stdout == "done\n"
        assert finished or child.returncode == -9, child.stderr
        opened = []
        for passphrase in (PASSPHRASE, NEW):
            with contextlib.suppress(WrongPassphraseError):
                opened.append((passphrase, Vault.unlock(work, passphrase)))
        assert len(opened) == 1, kill_at
        passphrase, reopened = opened[0]
        opened_with.add(passphrase)
        _reads_everything(reopened)
        assert not (work / ".rekey").exists()
        if finished:
            break
    else:
        raise AssertionError("the re-keying never finished")
    assert opened_with == {PASSPHRASE, NEW}
