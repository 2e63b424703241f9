"""Saving: in order, off the UI thread, a banner while the disk refuses, resume after a stop."""

from __future__ import annotations

import errno
import threading
from dataclasses import dataclass
from pathlib import Path

from textual.widgets import Label, Static, TextArea

from iop_facilitator.session.clock import Clock, FakeClock
from iop_facilitator.session.events import parse_event
from iop_facilitator.session.live import LiveSession
from iop_facilitator.session.records import Records
from iop_facilitator.session.saver import Appendable, Saver, Saving
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.runner.draft_keeper import DraftKeeper
from iop_facilitator.tui.runner.screens.resume import ResumeScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.screens.summary import SummaryScreen
from iop_facilitator.tui.runner.screens.unlock import UnlockScreen
from iop_facilitator.tui.runner.vault_sessions import VaultSessions
from iop_facilitator.tui.runner.widgets.save_banner import SaveBanner
from iop_facilitator.vault import Vault
from iop_facilitator.vault.storage import storage_error
from tests.tui.runner_testing import (
    GROUP,
    PASSPHRASE,
    dbt_agenda,
    make_app,
    open_session,
    press,
    speak,
    type_text,
    wait_until,
)


class FullDisk:
    """A journal whose disk is full while `full` is set."""

    def __init__(self, journal: Appendable) -> None:
        self.journal = journal
        self.full = False
        self.payloads: list[bytes] = []

    def append(self, payload: bytes) -> int:
        if self.full:
            raise storage_error(OSError(errno.ENOSPC, "No space left on device"), "the last entry")
        self.payloads.append(payload)
        return self.journal.append(payload)


@dataclass(frozen=True)
class SavingOnFullDisk(Saving):
    """The app's way of saving, onto a journal whose disk can fill up."""

    sessions: FullDiskSessions | None = None

    def saver(self, journal: Appendable) -> Saver:
        assert self.sessions is not None
        disk = self.sessions.disk = FullDisk(journal)
        return super().saver(disk)


class FullDiskSessions(VaultSessions):
    def __init__(self, path: Path, vault: Vault) -> None:
        super().__init__(path, GROUP, dbt_agenda(), vault=vault)
        self.disk: FullDisk | None = None

    def start(self, clock: Clock, saving: Saving, new_id: object) -> LiveSession:
        on_full_disk = SavingOnFullDisk(
            saving.threaded, saving.on_status, saving.retry_pauses, sessions=self
        )
        return super().start(clock, on_full_disk, new_id)  # type: ignore[arg-type]


async def test_full_disk_shows_a_banner_while_the_session_goes_on(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = FullDiskSessions(vault_path, vault)
    app = make_app(vault_path, clock, source=source)
    app.retry_pauses = (0.05,)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        assert source.disk is not None
        source.disk.full = True
        await press(pilot, "escape", "p")  # Maria passes: not saved, the disk is full
        banner = app.screen.query_one(SaveBanner)
        await wait_until(pilot, lambda: banner.has_class("-failing"))
        assert str(banner.content).startswith("NOT SAVED, retrying (")
        assert "The disk is full" in str(banner.content)
        await press(pilot, "p")  # the session goes on: James passes too
        assert app.engine is not None and len(app.engine.state.turns) == 2
        source.disk.full = False
        await wait_until(pilot, lambda: not banner.has_class("-failing"))
        assert app.live is not None
        await wait_until(pilot, lambda: app.live is not None and app.live.unsaved == 0)
        recorded = list(app.engine.events)
    assert source.disk is not None
    assert [parse_event(p) for p in source.disk.payloads] == recorded


async def test_wrong_passphrase_is_said_and_asked_again(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock)  # locked: the app asks
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await type_text(pilot, "not the passphrase")
        await press(pilot, "enter")
        problem = app.screen.query_one("#problem", Label)
        await wait_until(pilot, lambda: "does not open" in str(problem.content))
        await wait_until(pilot, lambda: app.focused is not None)
        await type_text(pilot, PASSPHRASE)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, UnlockScreen))


async def test_unfinished_session_is_offered_and_resumed_where_it_was(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    first = make_app(vault_path, clock, vault=vault)
    async with first.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", "right_square_bracket", "x", "right_square_bracket")
        await press(pilot, "right_square_bracket")  # open discussion
        await speak(pilot, clock, "4", 100)
        await press(pilot, "space")
        clock.advance(20)
        assert first.engine is not None
        before = first.engine.state
        elapsed_before = first.engine.now()
        first.exit()  # as if the laptop closed: nothing finished
    clock.advance(30)  # the group went on while the program was down
    again = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="t")
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(again.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(again.screen, SessionScreen))
        assert again.engine is not None
        after = again.engine.state
        assert after.session_id == before.session_id
        assert [m.id for m in after.present_members()] == [m.id for m in before.present_members()]
        assert after.phase is not None and after.phase.id == "teach-stop-tipp"
        assert [(t.speaker_id, t.seconds(0)) for t in after.turns] == [
            (t.speaker_id, t.seconds(0)) for t in before.turns
        ]
        assert again.engine.now() == elapsed_before + 30
    assert Records(Vault.unlock(vault_path, PASSPHRASE)).unfinished()


async def test_ended_session_left_unsaved_comes_back_to_its_summary(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    first = make_app(vault_path, clock, vault=vault)
    async with first.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", *["right_square_bracket"] * 7, "y")
        # The summary opens once the kept draft is read on a worker thread.
        await wait_until(pilot, lambda: isinstance(first.screen, SummaryScreen))
        await press(pilot, "ctrl+q")
        assert isinstance(first.screen, ConfirmScreen)
        await press(pilot, "y")
    again = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="t")
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(again.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(again.screen, SummaryScreen))


async def test_note_being_edited_survives_a_stop_before_saving(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    first = make_app(vault_path, clock, vault=vault)
    async with first.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        await press(pilot, "escape", *["right_square_bracket"] * 7, "y")
        # The summary opens once the kept draft is read on a worker thread.
        await wait_until(pilot, lambda: isinstance(first.screen, SummaryScreen))
        summary = first.screen
        assert isinstance(summary, SummaryScreen)
        summary.query_one(TextArea).insert("Kept while typing. ", (0, 0))
        await pilot.pause()
        assert summary._keeper is not None and summary._keeper.flush(5)
        first.exit()  # as if the laptop died before Ctrl+S
    again = make_app(vault_path, clock, vault=Vault.unlock(vault_path, PASSPHRASE), prefix="t")
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(again.screen, ResumeScreen))
        await press(pilot, "r")
        await wait_until(pilot, lambda: isinstance(again.screen, SummaryScreen))
        assert again.screen.query_one(TextArea).text.startswith("Kept while typing. ")


def test_draft_keeper_saves_the_newest_text_last() -> None:
    saved: list[str] = []
    gate = threading.Event()

    def slow_save(text: str) -> None:
        gate.wait(5)
        saved.append(text)

    keeper = DraftKeeper(slow_save, lambda problem: None)
    keeper.offer("a")
    for text in ("ab", "abc", "abcd"):
        keeper.offer(text)
    gate.set()
    assert keeper.close(5)
    assert saved[-1] == "abcd" and len(saved) <= 2


def test_draft_keeper_keeps_the_text_until_the_disk_takes_it() -> None:
    problems: list[str | None] = []
    saved: list[str] = []
    failures = [storage_error(OSError(errno.ENOSPC, "No space left on device"), "the note")]

    def save(text: str) -> None:
        if failures:
            raise failures.pop()
        saved.append(text)

    keeper = DraftKeeper(save, problems.append, retry_seconds=0.01)
    keeper.offer("the note")
    assert keeper.close(5)
    assert saved == ["the note"]
    assert problems[0] is not None and problems[-1] is None


async def test_unknown_group_asks_which_group_instead_of_ending(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    from iop_facilitator.tui.runner.screens.group_picker import GroupPickerScreen

    source = VaultSessions(vault_path, "Nobody's group", dbt_agenda(), vault=vault)
    app = make_app(vault_path, clock, source=source)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, GroupPickerScreen))
    assert app.return_code is None


async def test_a_save_failure_is_said_in_the_status_line_not_a_toast_over_the_board(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = FullDiskSessions(vault_path, vault)
    app = make_app(vault_path, clock, source=source)
    app.retry_pauses = (0.05,)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_session(pilot)
        assert source.disk is not None
        source.disk.full = True
        await press(pilot, "escape", "p")  # Maria passes: not saved, the disk is full
        status = app.screen.query_one("#status", Static)
        await wait_until(pilot, lambda: "Not saved:" in str(status.content))
        assert "The disk is full" in str(status.content)
        assert app.screen.query_one(SaveBanner).has_class("-failing")  # the banner stays
        assert not app.toasts
        source.disk.full = False
        await wait_until(pilot, lambda: app.live is not None and app.live.unsaved == 0)
