"""Resuming after a crash: what the runner says about the turn in progress and damaged journals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Label, Static

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.records import Records, UnfinishedSession
from iop_facilitator.tui.runner.app import RUNNER_CSS
from iop_facilitator.tui.runner.screens.attendance import AttendanceScreen
from iop_facilitator.tui.runner.screens.resume import ResumeScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    GROUP,
    PASSPHRASE,
    dbt_agenda,
    fixed_ids,
    make_app,
    press,
    wait_until,
)

SnapCompare = Callable[..., bool]


def _crash_while_maria_speaks(vault: Vault, clock: FakeClock) -> None:
    """A session where Maria L. had been speaking 90 s when the program died."""
    records = Records(vault)
    live = records.start_live(records.group(GROUP), dbt_agenda(), clock, new_id=fixed_ids("u"))
    live.engine.mark_present("m0002")
    live.engine.start_phase()
    live.engine.start_turn("m0002")
    clock.advance(90)
    live.journal.close()  # type: ignore[attr-defined]


async def _resume(vault_path: Path, clock: FakeClock) -> str:
    """Resume in the runner; what the cockpit's status line said (there is no toast)."""
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        status = app.screen.query_one("#status", Static)
        await wait_until(pilot, lambda: bool(status.display))
        assert not app.toasts, "no toast over the members board"
        return str(status.content)


async def test_resuming_after_a_restart_says_the_turn_kept_running(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    _crash_while_maria_speaks(vault, clock)
    clock.advance(120)
    said = await _resume(vault_path, clock)
    assert (
        "Maria L.'s turn kept running through the restart (4 minutes since the last save)" in said
    )


async def test_resuming_after_a_long_stop_says_the_turn_ended_at_the_last_save(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    _crash_while_maria_speaks(vault, clock)
    clock.advance(3 * 3600)
    said = await _resume(vault_path, clock)
    assert "Maria L.'s turn ended at the last save, 3 hours before the restart" in said


def _damage_entry(journal_path: Path, number: int) -> None:
    """Flip one byte inside journal entry `number` (from 1), every other entry intact."""
    data = bytearray(journal_path.read_bytes())
    pos = 28 + int.from_bytes(data[26:28], "big")
    for _ in range(number - 1):
        pos += 8 + int.from_bytes(data[pos : pos + 4], "big")
    data[pos + 22] ^= 0x01
    journal_path.write_bytes(bytes(data))


def _crash_with_damage(vault: Vault, clock: FakeClock, entry: int) -> None:
    """Three members marked present, then the program died and journal `entry` was damaged."""
    records = Records(vault)
    live = records.start_live(records.group(GROUP), dbt_agenda(), clock, new_id=fixed_ids("u"))
    for member_id in ("m0002", "m0003", "m0004"):
        clock.advance(5)
        live.engine.mark_present(member_id)
    live.journal.close()  # type: ignore[attr-defined]
    _damage_entry(live.journal.path, entry)  # type: ignore[attr-defined]
    clock.advance(120)


def _offer(app: Any) -> str:
    screen = app.screen
    return " ".join(str(label.content) for label in screen.query(Label))


async def test_a_damaged_journal_is_offered_with_its_damage_in_a_sentence(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    _crash_with_damage(vault, clock, entry=3)
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen) and _offer(app) != "")
        assert "its journal is damaged" in _offer(app)
        assert "The 2 entries before the damage are whole" in _offer(app)


async def test_a_damaged_journal_resumes_from_the_entries_before_the_damage(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    _crash_with_damage(vault, clock, entry=3)
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.engine is not None
        present = [m.id for m in app.engine.state.present_members()]
        assert present == ["m0002"]  # the second mark was in the damaged entry
        status = app.screen.query_one("#status", Static)
        assert "Resumed from the 2 entries before the damage" in str(status.content)
        assert status.has_class("-warning") and not app.toasts


async def test_a_journal_damaged_at_its_start_cannot_be_resumed_only_left(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    _crash_with_damage(vault, clock, entry=1)
    app = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="r")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen) and _offer(app) != "")
        assert "It cannot be resumed" in _offer(app)
        await press(pilot, "r")
        assert isinstance(app.screen, ResumeScreen)
        await press(pilot, "n")
        await wait_until(pilot, lambda: isinstance(app.screen, AttendanceScreen))


class _OfferApp(App[None]):
    """Only the resume screen, for a picture that does not depend on the vault's file names
    (they are keyed hashes, new with every vault)."""

    CSS_PATH = RUNNER_CSS
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, unfinished: UnfinishedSession) -> None:
        super().__init__()
        self.unfinished = unfinished

    def on_mount(self) -> None:
        self.push_screen(ResumeScreen(self.unfinished))


def test_damaged_resume_offer(snap_compare: SnapCompare) -> None:
    started = datetime(2026, 3, 3, 18, 0, tzinfo=UTC)
    damaged = UnfinishedSession(
        session_id="s1",
        group_id="g1",
        group_name=GROUP,
        agenda_title="DBT skills group — distress tolerance: STOP and TIPP",
        started=started,
        last_saved=started + timedelta(minutes=42),
        events=31,
        ended=False,
        problem="The file journals/0d6a11dd is damaged: entry 32 is changed, missing or out "
        "of order, while later entries are intact.",
    )
    assert snap_compare(_OfferApp(damaged), terminal_size=(60, 24))
