"""The runner syncs a finished session with the vault's remote in the background."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.remote import Remote
from iop_facilitator.sync.vault_sync import set_remote, unsent
from iop_facilitator.tui.runner.screens.summary import SummaryScreen
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import make_app, open_session, press, wait_until


async def _finish(pilot: Any) -> None:
    """A whole session, its summary saved, not on to review."""
    await open_session(pilot)
    await press(pilot, "escape", *["right_square_bracket"] * 7, "y")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen))
    await press(pilot, "ctrl+s")
    await wait_until(pilot, lambda: pilot.app.finished)


async def test_a_finished_session_ends_up_in_the_folder_store(
    vault_path: Path, vault: Vault, clock: FakeClock, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    set_remote(vault, Remote.parse(str(disk)))
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await _finish(pilot)
        await wait_until(pilot, lambda: bool(app.sync.said))
        await press(pilot, "n")  # not to review now
        await wait_until(pilot, lambda: app.return_code is not None)
    assert app.sync.said[0].startswith("Sent ")
    assert "1 session" in app.sync.said[0]
    assert unsent(vault, FolderStore(disk))[0] == 0
    assert FolderStore(disk).names()


async def test_a_broken_remote_is_one_sentence_and_the_runner_goes_on(
    vault_path: Path, vault: Vault, clock: FakeClock, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    set_remote(vault, Remote.parse(str(disk)))
    shutil.rmtree(disk)  # the backup disk was unplugged
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await _finish(pilot)
        await wait_until(pilot, lambda: bool(app.sync.said))
        await press(pilot, "n")
        await wait_until(pilot, lambda: app.return_code is not None)
    assert app.sync.said == [
        f"Sync failed: The backup folder {disk} does not exist; create it (or mount the disk) "
        "first."
    ]
    assert app.return_code == 0 and app.finished


async def test_without_a_remote_nothing_is_synced_or_said(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await _finish(pilot)
        await press(pilot, "n")
        await wait_until(pilot, lambda: app.return_code is not None)
    assert app.sync.thread is None and app.sync.said == []
    assert app.finished
