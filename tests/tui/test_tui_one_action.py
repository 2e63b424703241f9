"""Keys that record several things record them as one action of the engine, and the nudge for
quiet members counts from their arrival: each through the real app over a real vault."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.tui.runner.app import RunnerApp
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import make_app, open_session, press

MARIA = "m0002"  # the first member of the demo group, first in the check-in round
JAMES = "m0003"  # the second member of the demo group


def _kinds_since(app: RunnerApp, count: int) -> list[str]:
    assert app.engine is not None
    return [e.type for e in app.engine.events[count:]]


def _notices(app: RunnerApp) -> str:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    screen.update_readings()
    return str(screen.query_one("#notices", Static).content)


async def test_reminder_key_records_the_norms_review_with_it(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        assert app.engine is not None
        kinds = [e.type for e in app.engine.events]
        reminded = kinds.index("confidentiality-reminded")
        assert kinds[reminded + 1] == "norms-reviewed"


async def test_pass_in_the_check_in_round_is_a_passed_check_in(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        assert app.engine is not None
        count = len(app.engine.events)
        await press(pilot, "p")
        assert _kinds_since(app, count) == ["turn-passed", "checkin-recorded"]
        assert app.engine.state.checkins[MARIA].passed


async def test_late_arrival_is_not_named_as_quiet_the_moment_they_arrive(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot, marks="ynyyyyyy")  # James absent
        await press(pilot, "escape", "right_square_bracket", "x", "right_square_bracket")
        await press(pilot, "right_square_bracket")  # open discussion
        clock.advance(11 * 60)
        await press(pilot, "a", "2", "y", "escape", "g")  # James arrives; his reminder
        assert app.engine is not None and app.engine.state.members[JAMES].late
        notices = _notices(app)
        assert "Not heard from for a while: Maria" in notices
        assert "James" not in notices
