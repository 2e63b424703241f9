"""SIGKILL at every step of a compaction and of the format-1 upgrade: the vault still opens.

A child process counts the calls that change files (`os.write`, `fsync`, `replace`, `link`,
`unlink`, `rename`, `ftruncate`) and kills itself before the k-th, for k = 1, 2, … until it
gets to the end. After each kill the vault opens, reads the same, and takes a save.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from iop_facilitator.vault import Vault
from tests.vault.vault_testing import PASSPHRASE

FIXTURE = Path(__file__).parent / "data" / "vault-format-1"
FIXTURE_PASSPHRASE = "known answer vault ✓"
_MAX_STEPS = 80

CHILD = """
    import os, pathlib, signal, sys
    from iop_facilitator.vault import Vault
    root, passphrase, operation, kill_at = sys.argv[1:5]
    vault = Vault.unlock(pathlib.Path(root), passphrase) if operation == "compact" else None
    count = 0

    def counted(real):
        def call(*args, **kwargs):
            global count
            count += 1
            if count == int(kill_at):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call

    for name in ("write", "fsync", "replace", "link", "unlink", "rename", "ftruncate"):
        setattr(os, name, counted(getattr(os, name)))
    if vault is not None:
        with vault._locked():
            vault._index.compact()
    else:
        Vault.unlock(pathlib.Path(root), passphrase)
    print("done", flush=True)
"""


def _kill_at_every_step(
    base: Path, work: Path, passphrase: str, operation: str, check: Callable[[Path], None]
) -> int:
    """Run the operation on a fresh copy of `base`, killed at step 1, 2, …; check each copy.
    Returns how many steps there were."""
    for kill_at in range(1, _MAX_STEPS):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(base, work)
        child = subprocess.run(
            [
                sys.executable,
                "-c",
                textwrap.dedent(CHILD),
                str(work),
                passphrase,
                operation,
                str(kill_at),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.stdout == "done\n":
            check(work)
            return kill_at - 1
        assert child.returncode == -9, child.stderr
        check(work)
    raise AssertionError("the operation never reached its end")


def test_a_kill_at_any_step_of_a_compaction_leaves_every_record(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    with vault.batch():
        for number in range(5):
            vault.put("session", f"s{number}", b"note", index_entry={"n": number})
    vault.put("session", "s0", b"changed", index_entry={"n": 10})  # in the log, not the snapshot

    def check(copy: Path) -> None:
        opened = Vault.unlock(copy, PASSPHRASE)
        assert opened.problems == []
        expected = {f"s{n}": {"n": n} for n in range(1, 5)} | {"s0": {"n": 10}}
        assert opened.index_entries("session") == expected
        assert opened.get("session", "s0") == b"changed"
        opened.put("session", "after", b"x", index_entry={"n": 99})
        again = Vault.unlock(copy, PASSPHRASE)
        assert again.index_entries("session") == expected | {"after": {"n": 99}}

    steps = _kill_at_every_step(vault_dir, tmp_path / "copy", PASSPHRASE, "compact", check)
    assert steps >= 6  # two atomic writes: each a write, an fsync and a rename at least


def _index_format(vault_dir: Path) -> int:
    return int(struct.unpack(">H", (vault_dir / "index").read_bytes()[8:10])[0])


def test_a_kill_at_any_step_of_the_upgrade_leaves_format_1_or_2(tmp_path: Path) -> None:
    formats = set()

    def check(copy: Path) -> None:
        formats.add(_index_format(copy))
        opened = Vault.unlock(copy, FIXTURE_PASSPHRASE)  # finishes the upgrade, if cut short
        assert opened.problems == []
        assert _index_format(copy) == 2
        assert opened.get("session", "2026-11-23") == b'{"notes": "final version"}'
        assert opened.index_entries("session") == {"2026-11-23": {"date": "2026-11-23"}}
        assert opened.unfinished_sessions() == ["2026-11-30"]

    steps = _kill_at_every_step(FIXTURE, tmp_path / "copy", FIXTURE_PASSPHRASE, "upgrade", check)
    assert steps >= 6
    assert formats == {1, 2}
