"""`iop-facilitator share` in a terminal: the group's view of a session another program holds."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from iop_facilitator.session import FakeClock, Records, SessionWatch
from iop_facilitator.tui.share.app import ShareApp
from iop_facilitator.vault import Vault
from tests.share.share_testing import SHARE_AGENDA
from tests.tui.runner_testing import PASSPHRASE, make_vault, wait_until


async def test_the_terminal_view_follows_the_runner_and_says_when_it_stops(
    tmp_path: Path,
) -> None:
    vault, group = make_vault(tmp_path / "vault")
    clock = FakeClock()
    live = Records(vault).start_live(group, SHARE_AGENDA, clock)  # the runner holds it
    live.engine.give_reminder(with_norms=True)
    live.engine.start_phase()
    reader = Vault.unlock(tmp_path / "vault", PASSPHRASE)
    app = ShareApp(SessionWatch(reader, live.engine.session_id, clock))

    def heading() -> str:
        return str(app.screen.query_one("#gv-heading", Static).render())

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: heading() == "Check-in")
        live.engine.next_phase()
        await wait_until(pilot, lambda: heading() == "New skill: TIPP")
        assert live.close()  # the runner quits without ending the session
        await wait_until(
            pilot, lambda: "has stopped" in str(app.screen.query_one("#gv-subheading").render())
        )
        await pilot.press("escape")
    assert app.return_code in (None, 0)
