"""Building the runner over a real throwaway vault, with a fake clock and fixed ids."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from iop_facilitator.agenda.catalog import find_agenda
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.demo import demo_group
from iop_facilitator.session.group import Group
from iop_facilitator.session.records import Records
from iop_facilitator.tui.runner.app import RunnerApp
from iop_facilitator.tui.runner.screens.attendance import AttendanceScreen
from iop_facilitator.tui.runner.screens.start import StartScreen
from iop_facilitator.tui.runner.vault_sessions import VaultSessions
from iop_facilitator.vault import KdfParams, Vault

PASSPHRASE = "correct horse battery staple"
GROUP = "Tuesday evening IOP"
AGENDA = "dbt-distress-tolerance"


def fixed_ids(prefix: str = "id") -> Callable[[], str]:
    """Ids that are the same on every run: id0001, id0002, ..."""
    counter = itertools.count(1)
    return lambda: f"{prefix}{next(counter):04d}"


def make_vault(path: Path) -> tuple[Vault, Group]:
    """A new vault at `path` (cheap KDF) holding the demo group of eight, with fixed ids."""
    vault, _recovery = Vault.init(path, PASSPHRASE, kdf=KdfParams.for_tests())
    group = demo_group(new_id=fixed_ids("m"))
    Records(vault).save_group(group)
    return vault, group


def dbt_agenda() -> Agenda:
    return load_agenda(find_agenda(AGENDA))


def make_app(
    path: Path,
    clock: FakeClock,
    *,
    vault: Vault | None = None,
    source: VaultSessions | None = None,
    prefix: str = "s",
) -> RunnerApp:
    """The runner over the vault at `path`: already open if `vault` is given, else locked."""
    source = source or VaultSessions(path, GROUP, dbt_agenda(), vault=vault)
    return RunnerApp(source, clock=clock, new_id=fixed_ids(prefix))


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys one after another (the pilot waits for each to be handled)."""
    for key in keys:
        await pilot.press(key)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Fill the focused text box at once (typing each letter only costs test time)."""
    focused = pilot.app.focused
    assert isinstance(focused, Input), f"no text box has the focus, {focused!r} has"
    focused.value = text
    await pilot.pause()


async def start_session(pilot: Pilot[None]) -> None:
    """Past the start screen (Enter starts the session), on to attendance."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, StartScreen | AttendanceScreen))
    if isinstance(app.screen, StartScreen):
        await press(pilot, "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, AttendanceScreen))


async def attend_and_remind(pilot: Pilot[None], marks: str = "yyyyyyay") -> None:
    """Start the session, mark attendance one key per member in board order, close it, give
    the reminder."""
    await start_session(pilot)
    await press(pilot, *marks)
    await press(pilot, "escape", "g")


async def speak(pilot: Pilot[None], clock: FakeClock, key: str, seconds: float) -> None:
    """Give the floor with `key`, let `seconds` pass."""
    await press(pilot, key)
    clock.advance(seconds)


def read_back(path: Path, session_id: str) -> Records:
    """The vault unlocked anew, as the therapist would open it later."""
    return Records(Vault.unlock(path, PASSPHRASE))


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 5) -> None:
    """Let the app run until `condition` holds (work done on threads), or fail."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not get there in time")


async def open_session(pilot: Pilot[None], marks: str = "yyyyyyay") -> None:
    """Attendance (by default Elena G., the seventh, absent), the reminder, and the first phase
    started. The marks go straight to the attendance screen's recorder (each key costs test
    time; the keys themselves are tested in the whole-session test), the rest by keys."""
    app = pilot.app
    await start_session(pilot)
    screen = app.screen
    assert isinstance(screen, AttendanceScreen)
    members = list(screen.recorder.state.members)
    for member_id, mark in zip(members, marks, strict=False):
        screen.recorder.mark_attendance(member_id, "present" if mark == "y" else "absent")
    await press(pilot, "escape", "g", "right_square_bracket")
