"""The group's view on screen: it follows the session by itself, freezes, and comes back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Digits, Static

from iop_facilitator.session import FakeClock, SessionEngine, group_view
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.common.group_view import FROZEN, GroupViewScreen
from iop_facilitator.tui.runner.screens.group_view import CockpitGroupViewScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.vault import Vault
from tests.share.share_testing import scripted_session
from tests.tui.runner_testing import make_app, open_session, press, wait_until

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 24), id="60x24")]


class _Host(App[None]):
    """The group's view alone over an engine, as the cockpit opens it."""

    def __init__(self, engine: SessionEngine) -> None:
        super().__init__()
        self.engine = engine

    def on_mount(self) -> None:
        self.push_screen(GroupViewScreen(lambda: group_view(self.engine.state, self.engine.now())))


def _text(app: App[Any], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _digits(app: App[Any]) -> str:
    return app.screen.query_one(Digits).value


async def test_the_view_follows_phase_changes_pauses_and_extensions_by_itself() -> None:
    engine, _group, clock = scripted_session()
    app = _Host(engine)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: _text(app, "#gv-heading") == "Check-in")
        engine.skip_phase("skill")
        engine.next_phase()
        await wait_until(pilot, lambda: _text(app, "#gv-heading") == "Practice: paced breathing")
        assert _digits(app) == "10:00"
        clock.advance(60)
        await wait_until(pilot, lambda: _digits(app) == "9:00")
        engine.pause()
        await wait_until(pilot, lambda: "Paused" in str(app.screen.query_one("#gv-words").render()))
        clock.advance(300)
        await pilot.pause(0.3)
        assert _digits(app) == "9:00"  # a pause stops the countdown
        engine.resume_session()
        engine.extend_phase(5)
        await wait_until(pilot, lambda: _digits(app) == "14:00")


async def test_a_frozen_view_stays_on_its_slide_until_it_follows_again() -> None:
    engine, _group, _clock = scripted_session()
    app = _Host(engine)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: _text(app, "#gv-heading") == "Check-in")
        await press(pilot, "f")
        assert _text(app, "#gv-status") == FROZEN
        engine.next_phase()
        await pilot.pause(0.4)
        assert _text(app, "#gv-heading") == "Check-in"
        await press(pilot, "f")
        await wait_until(pilot, lambda: _text(app, "#gv-heading") == "New skill: TIPP")


async def test_s_in_the_cockpit_opens_the_group_view_and_esc_comes_back(
    vault_path: Path, vault_and_group: tuple[Vault, Any]
) -> None:
    vault, _group = vault_and_group
    app = make_app(vault_path, FakeClock(), vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, CockpitGroupViewScreen)
        assert _text(app, "#gv-heading") == "Check-in and diary card"
        await press(pilot, "escape")
        assert isinstance(app.screen, SessionScreen)


async def _exercise_in_group_view(pilot: Pilot[None], clock: FakeClock) -> None:
    await open_session(pilot)
    clock.advance(40)
    await press(pilot, "escape", "p", "right_square_bracket")  # the mindfulness exercise
    clock.advance(75)
    await press(pilot, "s")
    screen = pilot.app.screen
    assert isinstance(screen, GroupViewScreen)
    screen.refresh_slide()  # the timer's tick, not left to chance
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_group_view_snapshot(
    snap_compare: SnapCompare,
    vault_path: Path,
    vault_and_group: tuple[Vault, Any],
    size: tuple[int, int],
) -> None:
    vault, _group = vault_and_group
    clock = FakeClock()
    app = make_app(vault_path, clock, vault=vault)

    async def run_before(pilot: Pilot[Any]) -> None:
        await _exercise_in_group_view(pilot, clock)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_ctrl_q_in_the_group_view_asks_in_the_cockpit(
    vault_path: Path, vault_and_group: tuple[Vault, Any]
) -> None:
    vault, _group = vault_and_group
    app = make_app(vault_path, FakeClock(), vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "s", "ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen_stack[-2], SessionScreen)
        assert app.is_running
