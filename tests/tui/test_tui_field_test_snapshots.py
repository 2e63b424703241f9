"""Issue 10's screens at 80x24 and 60x24: every unfinished session offered, the group held
elsewhere, a note reopened after a crash, the check-in form reopened, and the undo offer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.records import Records, UnfinishedSession
from iop_facilitator.tui.runner.screens.capture import CaptureScreen
from iop_facilitator.tui.runner.screens.check_in import CheckInScreen
from iop_facilitator.tui.runner.screens.group_held import GroupHeldScreen
from iop_facilitator.tui.runner.screens.resume import ResumeScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    GROUP,
    dbt_agenda,
    fixed_ids,
    make_app,
    open_session,
    press,
    wait_until,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 24), id="60x24")]
SnapCompare = Callable[..., bool]
AGENDA_TITLE = "DBT skills group — distress tolerance: STOP and TIPP"


class _One(App[None]):
    """One screen alone, for pictures that must not depend on the vault's random names."""

    ENABLE_COMMAND_PALETTE = False

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.first = screen

    def on_mount(self) -> None:
        self.push_screen(self.first)


def _unfinished(n: int, present: int) -> UnfinishedSession:
    started = datetime(2026, 11, 24 - 7 * n, 18, 0, tzinfo=UTC)
    return UnfinishedSession(
        session_id=f"s{n}",
        group_id="g1",
        group_name=GROUP,
        agenda_title=AGENDA_TITLE,
        started=started,
        last_saved=started + timedelta(minutes=40 - 30 * n),
        events=40 - 20 * n,
        ended=False,
        present=present,
    )


@pytest.mark.parametrize("size", SIZES)
def test_every_unfinished_session_offered(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    screen = ResumeScreen([_unfinished(0, 6), _unfinished(1, 0)])
    assert snap_compare(_One(screen), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_group_held_elsewhere(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    held = GroupHeldScreen(
        f"{GROUP}'s session is live in another window "
        "(process 4242 on clinic-laptop, since 2026-11-24 18:02)."
    )
    assert snap_compare(_One(held), terminal_size=size)


def _compare(
    snap_compare: SnapCompare,
    vault_path: Path,
    vault: Vault,
    size: tuple[int, int],
    steps: Callable[[Pilot[Any], FakeClock], Any],
    clock: FakeClock | None = None,
) -> bool:
    clock = clock or FakeClock()
    app = make_app(vault_path, clock, vault=vault, prefix="r")

    async def run_before(pilot: Pilot[Any]) -> None:
        await steps(pilot, clock)
        for screen in pilot.app.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.update_readings()
        await pilot.pause()

    return bool(snap_compare(app, terminal_size=size, run_before=run_before))


@pytest.mark.parametrize("size", SIZES)
def test_a_note_reopened_after_a_crash(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    clock = FakeClock()
    records = Records(vault)
    live = records.start_live(records.group(GROUP), dbt_agenda(), clock, new_id=fixed_ids("u"))
    live.engine.mark_present("m0002")
    live.engine.start_phase()
    live.engine.keep_draft(
        "note", {"text": "Disclosed a relapse on Saturday; wants to", "about": "m0002"}
    )
    live.journal.close()  # type: ignore[attr-defined]
    clock.advance(120)

    async def steps(pilot: Pilot[Any], clock: FakeClock) -> None:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CaptureScreen))

    assert _compare(snap_compare, vault_path, vault, size, steps, clock)


@pytest.mark.parametrize("size", SIZES)
def test_the_check_in_form_reopened_for_a_correction(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    async def steps(pilot: Pilot[Any], clock: FakeClock) -> None:
        await open_session(pilot)
        await press(pilot, "enter", "6", "enter", "4", "enter", "2", "enter", "enter", "C")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CheckInScreen))

    assert _compare(snap_compare, vault_path, vault, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_the_undo_offer_after_a_skip(
    snap_compare: SnapCompare, vault_path: Path, vault: Vault, size: tuple[int, int]
) -> None:
    async def steps(pilot: Pilot[Any], clock: FakeClock) -> None:
        await open_session(pilot)
        await press(pilot, "x")

    assert _compare(snap_compare, vault_path, vault, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_the_group_asked_for_after_unlocking(
    snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    from iop_facilitator.tui.runner.screens.group_picker import GroupPickerScreen

    picker = GroupPickerScreen(["Thursday relapse prevention", GROUP], "Tuesday IOP")
    assert snap_compare(_One(picker), terminal_size=size)
