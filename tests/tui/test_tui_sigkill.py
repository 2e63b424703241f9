"""The app's process killed with SIGKILL mid-session resumes with nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.events import SessionRecovered, event_to_json
from iop_facilitator.tui.runner.screens.resume import ResumeScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import PASSPHRASE, make_app, press, wait_until
from tests.tui.sigkill_child import digest

CHILD = Path(__file__).with_name("sigkill_child.py")


def run_until_killed(vault_path: Path, saved_lines: int) -> tuple[int, str]:
    """Start the app in a child process, SIGKILL it after `saved_lines` confirmed saves;
    the last confirmation (events on disk and their digest)."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(vault_path), PASSPHRASE],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    last = (0, "")
    try:
        for line in child.stdout:
            if line.startswith("SAVED "):
                _, count, sha = line.split()
                last = (int(count), sha)
                saved_lines -= 1
                if saved_lines == 0:
                    break
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    return last


@pytest.mark.parametrize("saved_lines", [1, 6])
async def test_killed_app_resumes_with_every_saved_action(
    vault_path: Path, vault: Vault, saved_lines: int
) -> None:
    confirmed, sha = run_until_killed(vault_path, saved_lines)
    assert confirmed > 0
    clock = FakeClock()
    clock.advance(600)  # the restart, ten minutes later
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen), seconds=10)
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.engine is not None
        events = list(app.engine.events)
    assert isinstance(events[-1], SessionRecovered)
    resumed = [event_to_json(e) for e in events[:-1]]
    assert len(resumed) >= confirmed
    assert digest(resumed[:confirmed]) == sha
