"""At a terminal the passphrase is asked for, hidden; the commands run in a real pseudo-tty."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

from iop_facilitator.vault import Vault
from tests.vault.vault_testing import PASSPHRASE


def _converse(args: list[str], answers: list[str], timeout: float = 20.0) -> tuple[int, str]:
    """Run the program on a pseudo-terminal, type each answer after each prompt ending in
    ': ', and return the exit code and everything the terminal showed."""
    controller, terminal = os.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "iop_facilitator", *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        close_fds=True,
    )
    os.close(terminal)
    shown = b""
    since_answer = b""  # answer only a new prompt: input typed early is flushed by getpass
    pending = list(answers)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
            since_answer += chunk
            if pending and since_answer.rstrip().endswith(b":"):
                os.write(controller, pending.pop(0).encode() + b"\n")
                since_answer = b""
        elif child.poll() is not None:
            break
    if child.poll() is None:
        child.kill()
    child.wait(timeout=5)
    os.close(controller)
    return child.returncode, shown.decode(errors="replace")


def test_check_asks_for_the_passphrase_at_a_terminal_and_hides_it(
    vault: Vault, vault_dir: Path
) -> None:
    code, shown = _converse(["vault", "check", "--vault", str(vault_dir)], [PASSPHRASE])
    assert code == 0, shown
    assert "Vault passphrase:" in shown
    assert PASSPHRASE not in shown
    assert "Every file is intact." in shown


def test_init_at_a_terminal_asks_twice_and_refuses_a_mismatch(tmp_path: Path) -> None:
    args = ["vault", "init", "--vault", str(tmp_path / "v"), "--kdf-memory-mib", "64"]
    code, shown = _converse(args, ["first passphrase", "second passphrase"])
    assert code == 1
    assert "The two passphrases do not match" in shown
    assert not (tmp_path / "v").exists()
