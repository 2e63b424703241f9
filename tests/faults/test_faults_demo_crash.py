"""A crashed `demo` leaves nothing readable, and its folder goes at the next start.

The demo runs for real in a child process on a pseudo-terminal; it is SIGKILLed (no `finally`
runs), and what it left is checked: a marked folder whose vault the old fixed passphrase does
not open. Then a new start (the same `DemoFolder.create` the command calls) removes it, and
only it.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from iop_facilitator.cli.demo_folder import MARKER, DemoFolder, demo_passphrase, remove_leftovers
from iop_facilitator.vault import Vault
from iop_facilitator.vault.errors import WrongPassphraseError

_START = (
    "import sys; from iop_facilitator.cli import main; "
    "sys.argv = ['iop-facilitator', 'demo']; main()"
)


def _run_demo_until_its_screen(tmp: Path) -> subprocess.Popen[bytes]:
    """Start `demo` on a pty with its temp directory in `tmp`; return once it drew a screen."""
    master, slave = os.openpty()
    env = {
        **os.environ,
        "TMPDIR": str(tmp),
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", _START],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    try:
        for _ in range(1200):  # a bound on a hung child, not a speed goal
            ready, _w, _x = select.select([master], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
            if b"throwaway" in seen or child.poll() is not None:
                break
    finally:
        os.close(master)
    assert child.poll() is None, seen.decode(errors="replace")[-2000:]
    assert b"throwaway" in seen
    return child


def test_a_sigkilled_demo_leaves_nothing_readable_and_the_next_start_removes_it(
    tmp_path: Path,
) -> None:
    child = _run_demo_until_its_screen(tmp_path)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()

    (left,) = list(tmp_path.glob("iop-demo-*"))
    assert (left / MARKER).is_file()
    assert (left / "vault" / "key").is_file()  # the crash really left the vault behind
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(left / "vault", "demo")  # the passphrase the demo once used

    other = tmp_path / "iop-demo-not-ours"
    other.mkdir()
    (other / "keep").write_text("no marker: not ours")

    new = DemoFolder.create(tmp_path)
    try:
        assert not left.exists()
        assert other.exists()
        assert sorted(tmp_path.glob("iop-demo-*")) == sorted([other, new.path])
    finally:
        new.remove()
    assert not new.path.exists()


def test_a_running_demos_folder_is_left_alone(tmp_path: Path) -> None:
    running = DemoFolder.create(tmp_path)
    try:
        assert remove_leftovers(tmp_path) == []
        assert running.path.exists()
    finally:
        running.remove()
    assert list(tmp_path.glob("iop-demo-*")) == []


def test_the_demo_passphrase_is_random() -> None:
    first, second = demo_passphrase(), demo_passphrase()
    assert first != second
    assert len(first) >= 40
