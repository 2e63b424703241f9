"""Run by `test_tui_sigkill.py` in a process of its own, to be killed with SIGKILL.

Drives the real app over the vault given on the command line and prints, after every
action, `SAVED <events> <digest>` once the journal has it on disk; then keeps recording
turns until it is killed.
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))  # the checkout, for the `tests` package

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.events import event_to_json
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import make_app, open_session, press, speak, wait_until


def digest(events: list[bytes]) -> str:
    return hashlib.sha256(b"\n".join(events)).hexdigest()


async def main(path: Path, passphrase: str) -> None:
    clock = FakeClock()
    app = make_app(path, clock, vault=Vault.unlock(path, passphrase))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", "right_square_bracket", "x", "right_square_bracket")
        await press(pilot, "right_square_bracket")  # open discussion
        keys = "123456"
        turn = 0
        live = app.live
        assert live is not None
        while True:
            await speak(pilot, clock, keys[turn % len(keys)], 7)
            turn += 1
            await wait_until(pilot, lambda: live.unsaved == 0)
            assert app.engine is not None
            events = [event_to_json(e) for e in app.engine.events]
            print(f"SAVED {len(events)} {digest(events)}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))
