"""Fit: a full group of twelve, a failing save and a notice still leave the countdown and the
whole members board on screen at 80x24 and at 60x24; secondary panels give way first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.demo import demo_group
from iop_facilitator.session.records import Records
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.widgets.countdown import Countdown
from iop_facilitator.tui.runner.widgets.members_board import MembersBoard
from iop_facilitator.vault import KdfParams, Vault
from tests.tui.runner_testing import PASSPHRASE, fixed_ids, make_app, open_session, press


def group_of_twelve(path: Path) -> Vault:
    vault, _recovery = Vault.init(path, PASSPHRASE, kdf=KdfParams.for_tests())
    group = demo_group(new_id=fixed_ids("m"))
    for name in ("Kai B.", "Lena F.", "Omar H.", "Rita Z."):
        group.add_member(name, on=date(2026, 11, 1), new_id=fixed_ids("x" + name[0]))
    Records(vault).save_group(group)
    return vault


@pytest.mark.parametrize("size", [(80, 24), (60, 24)])
async def test_countdown_and_whole_board_stay_on_screen(
    tmp_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    path = tmp_path / "vault"
    app = make_app(path, clock, vault=group_of_twelve(path))
    async with app.run_test(size=size) as pilot:
        await open_session(pilot, marks="y" * 12)
        await press(pilot, "escape")
        clock.advance(14 * 60)  # a notice: two minutes left
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.show_save_status("The disk is full, so the last entry could not be saved.", 3)
        screen.update_readings()
        await pilot.pause()
        visible = screen.region
        for widget in (screen.query_one(Countdown), screen.query_one(MembersBoard)):
            assert visible.contains_region(widget.region), f"{widget!r} is cut off"
        board = screen.query_one(MembersBoard)
        # the heading, twelve members, the equity line and (narrower than 64) the "◦" legend
        assert board.region.height == 12 + 3
        assert screen.query_one("#phases").display == (size[0] >= 72)
