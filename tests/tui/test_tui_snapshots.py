"""What the main screens look like at 80x24 and at 60x24 (fake clock, fixed ids, UTC).

Update the pictures after a deliberate change with `pytest --snapshot-update tests/tui`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.records import Records
from iop_facilitator.tui.runner.screens.resume import ResumeScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.screens.start import StartScreen
from iop_facilitator.tui.runner.vault_sessions import VaultSessions
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    GROUP,
    attend_and_remind,
    dbt_agenda,
    fixed_ids,
    make_app,
    open_session,
    press,
    speak,
    start_session,
    type_text,
    wait_until,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 24), id="60x24")]

Steps = Callable[[Pilot[None], FakeClock], Awaitable[None]]
SnapCompare = Callable[..., bool]


async def start_screen(pilot: Pilot[None], clock: FakeClock) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, StartScreen))


async def attendance_half_done(pilot: Pilot[None], clock: FakeClock) -> None:
    await start_session(pilot)
    await press(pilot, "y", "y", "a", "y")


async def reminder(pilot: Pilot[None], clock: FakeClock) -> None:
    await start_session(pilot)
    await press(pilot, *"yyyyyyay", "escape")


async def check_in_modal(pilot: Pilot[None], clock: FakeClock) -> None:
    await open_session(pilot)
    clock.advance(50)
    await press(pilot, "enter", "6", "enter", "4")


async def open_discussion(pilot: Pilot[None], clock: FakeClock) -> None:
    await open_session(pilot)
    clock.advance(40)
    await press(pilot, "escape", "p", "right_square_bracket", "x", "right_square_bracket")
    clock.advance(300)
    await press(pilot, "right_square_bracket")  # STOP and TIPP, open turns
    for key, seconds in (("4", 150), ("f", 95), ("1", 60), ("5", 210), ("3", 45), ("6", 80)):
        await speak(pilot, clock, key, seconds)
    clock.advance(17 * 60)  # Tom has gone on: the phase is near its end


async def summary(pilot: Pilot[None], clock: FakeClock) -> None:
    await open_discussion(pilot, clock)
    await press(pilot, "h")
    await type_text(pilot, "Practise TIPP once a day")
    await press(pilot, "enter", *["right_square_bracket"] * 3, "y")


async def summary_tab(pilot: Pilot[None], clock: FakeClock) -> None:
    await summary(pilot, clock)
    pilot.app.screen.query_one(TabbedContent).active = "summary-tab"


async def key_reference(pilot: Pilot[None], clock: FakeClock) -> None:
    await attend_and_remind(pilot)
    await press(pilot, "question_mark")


def compare(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int], steps: Steps
) -> bool:
    clock = FakeClock()
    app = make_app(vault_path, clock, vault=vault)

    async def run_before(pilot: Pilot[Any]) -> None:
        await steps(pilot, clock)
        for screen in pilot.app.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.update_readings()  # the display timer's tick, not left to chance
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    assert compare(snap_compare, vault_path, vault, size, start_screen)


@pytest.mark.parametrize("size", SIZES)
def test_attendance_screen(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    assert compare(snap_compare, vault_path, vault, size, attendance_half_done)


@pytest.mark.parametrize("size", SIZES)
def test_confidentiality_reminder_screen(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    assert compare(snap_compare, vault_path, vault, size, reminder)


@pytest.mark.parametrize("size", SIZES)
def test_check_in_over_the_cockpit(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    assert compare(snap_compare, vault_path, vault, size, check_in_modal)


@pytest.mark.parametrize("size", SIZES)
def test_cockpit_in_open_discussion(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    assert compare(snap_compare, vault_path, vault, size, open_discussion)


@pytest.mark.parametrize("size", SIZES)
def test_end_summary_with_the_draft_note(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    assert compare(snap_compare, vault_path, vault, size, summary)


def test_end_summary_figures(snap_compare: SnapCompare, vault_path: Path, vault: Vault) -> None:
    assert compare(snap_compare, vault_path, vault, (80, 24), summary_tab)


def test_key_reference(snap_compare: SnapCompare, vault_path: Path, vault: Vault) -> None:
    assert compare(snap_compare, vault_path, vault, (80, 24), key_reference)


class FixedPlace(VaultSessions):
    """Shows a fixed folder name, so the picture does not depend on the test's temp folder."""

    @property
    def where(self) -> str:
        return "Vault: ~/.local/share/iop-facilitator/vault"


def test_unlock_screen_after_a_wrong_passphrase(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault
) -> None:
    source = FixedPlace(vault_path, GROUP, dbt_agenda())
    app = make_app(vault_path, FakeClock(), source=source)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await type_text(pilot, "wrong")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: pilot.app.focused is not None)

    assert snap_compare(app, terminal_size=(60, 24), run_before=run_before)


def test_resume_offer(snap_compare: SnapCompare, vault_path: Path, vault: Vault) -> None:
    clock = FakeClock()
    records = Records(vault)
    live = records.start_live(records.group(GROUP), dbt_agenda(), clock, new_id=fixed_ids("u"))
    live.engine.mark_present("m0002")  # Maria L.; then the program stops
    live.journal.close()  # type: ignore[attr-defined]
    clock.advance(600)
    app = make_app(vault_path, clock, vault=vault)

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ResumeScreen))

    assert snap_compare(app, terminal_size=(60, 24), run_before=run_before)
