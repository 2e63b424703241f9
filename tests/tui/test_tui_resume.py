"""Resuming after a crash: what the runner says about the turn in progress and damaged journals."""

from __future__ import annotations

from pathlib import Path

from runner_testing import GROUP, PASSPHRASE, dbt_agenda, fixed_ids, make_app, press, wait_until

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.records import Records
from iop_facilitator.tui.screens.resume import ResumeScreen
from iop_facilitator.tui.screens.session import SessionScreen
from iop_facilitator.vault import Vault


def _crash_while_maria_speaks(vault: Vault, clock: FakeClock) -> None:
    """A session where Maria L. had been speaking 90 s when the program died."""
    records = Records(vault)
    live = records.start_live(records.group(GROUP), dbt_agenda(), clock, new_id=fixed_ids("u"))
    live.engine.mark_present("m0002")
    live.engine.start_phase()
    live.engine.start_turn("m0002")
    clock.advance(90)
    live.journal.close()  # type: ignore[attr-defined]


async def _resume(vault_path: Path, clock: FakeClock) -> list[str]:
    """Resume in the runner; the notices it showed."""
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        return [n.message for n in app._notifications]


async def test_resuming_after_a_restart_says_the_turn_kept_running(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    _crash_while_maria_speaks(vault, clock)
    clock.advance(120)
    notices = await _resume(vault_path, clock)
    said = "Maria L.'s turn kept running through the restart (4 minutes since the last save)"
    assert said in "".join(notices)


async def test_resuming_after_a_long_stop_says_the_turn_ended_at_the_last_save(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    _crash_while_maria_speaks(vault, clock)
    clock.advance(3 * 3600)
    notices = await _resume(vault_path, clock)
    assert "Maria L.'s turn ended at the last save, 3 hours before the restart" in "".join(notices)
