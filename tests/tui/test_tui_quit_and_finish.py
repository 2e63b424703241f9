"""Quitting and finishing never lose what was recorded or typed, and say truly what is saved."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label, TextArea
from textual.worker import WorkerFailed

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.events import parse_event
from iop_facilitator.session.records import Records
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.runner.app import RunnerApp
from iop_facilitator.tui.runner.screens.saving_before_quit import SavingBeforeQuitScreen
from iop_facilitator.tui.runner.screens.session import SessionScreen
from iop_facilitator.tui.runner.screens.summary import SummaryScreen
from iop_facilitator.tui.runner.vault_sessions import VaultSessions
from iop_facilitator.vault import Vault
from iop_facilitator.vault.storage import storage_error
from tests.tui.runner_testing import GROUP, dbt_agenda, make_app, open_session, press, wait_until
from tests.tui.test_tui_saving import FullDiskSessions


async def _unsaved_pass(pilot: Any, source: FullDiskSessions) -> None:
    """Open the session, fill the disk, and record a pass that cannot be saved."""
    app = pilot.app
    await open_session(pilot)
    assert source.disk is not None
    source.disk.full = True
    await press(pilot, "escape", "p")
    await wait_until(pilot, lambda: app.save_status.problem is not None)


async def test_quit_question_counts_the_actions_not_saved(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = FullDiskSessions(vault_path, vault)
    app = make_app(vault_path, clock, source=source)
    app.retry_pauses = (0.05,)
    async with app.run_test(size=(80, 24)) as pilot:
        await _unsaved_pass(pilot, source)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        detail = str(app.screen.query_one("#detail", Label).content)
        assert app.live is not None and app.live.unsaved == 2  # the pass ends a turn too
        assert detail.startswith("2 actions are NOT saved yet: The disk is full")
        assert "Everything recorded is saved" not in detail
        assert source.disk is not None
        source.disk.full = False  # let the app close


async def test_quitting_with_actions_not_saved_stays_open_until_they_are(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = FullDiskSessions(vault_path, vault)
    app = make_app(vault_path, clock, source=source)
    app.retry_pauses = (0.05,)
    async with app.run_test(size=(80, 24)) as pilot:
        await _unsaved_pass(pilot, source)
        await press(pilot, "ctrl+q", "y")
        assert isinstance(app.screen, SavingBeforeQuitScreen)
        await pilot.pause(0.2)
        assert app.return_code is None  # still open, still retrying
        assert source.disk is not None
        source.disk.full = False
        await wait_until(pilot, lambda: app.return_code is not None)
        assert app.engine is not None
        recorded = list(app.engine.events)
    assert source.disk is not None
    assert [parse_event(p) for p in source.disk.payloads] == recorded


async def test_quitting_anyway_is_the_facilitators_choice(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = FullDiskSessions(vault_path, vault)
    app = make_app(vault_path, clock, source=source)
    app.retry_pauses = (0.05,)
    async with app.run_test(size=(80, 24)) as pilot:
        await _unsaved_pass(pilot, source)
        await press(pilot, "ctrl+q", "y", "escape")
        assert isinstance(app.screen, SessionScreen)  # back to the session
        await press(pilot, "ctrl+q", "y", "x")
        await wait_until(pilot, lambda: app.return_code is not None)


class RefusingDrafts:
    """The vault, except that the next `refusals` saves of a note draft find the disk full."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.refusals = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.vault, name)

    def put(self, kind: str, record_id: str, payload: bytes, **kwargs: Any) -> None:
        if kind == RecordKind.NOTE_DRAFT and self.refusals:
            self.refusals -= 1
            raise storage_error(OSError(errno.ENOSPC, "No space left on device"), "the note")
        self.vault.put(kind, record_id, payload, **kwargs)


class FinishFailsOnce(VaultSessions):
    """The first finish finds the disk full before anything is stored."""

    failed = False

    def finish(self, live: Any, note: str) -> None:
        if not self.failed:
            self.failed = True
            raise storage_error(OSError(errno.ENOSPC, "No space left on device"), "the session")
        super().finish(live, note)


async def _to_summary(pilot: Any) -> SummaryScreen:
    await open_session(pilot)
    await press(pilot, "escape", *["right_square_bracket"] * 7, "y")
    # The summary opens once the kept draft is read on a worker thread.
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen))
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


async def test_edits_after_a_failed_save_are_still_kept(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = FinishFailsOnce(vault_path, GROUP, dbt_agenda(), vault=vault)
    app = make_app(vault_path, clock, source=source)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await _to_summary(pilot)
        await press(pilot, "ctrl+s")
        saving = summary.query_one("#saving", Label)
        await wait_until(pilot, lambda: "NOT SAVED" in str(saving.content))
        summary.query_one(TextArea).insert("Written after the failure. ", (0, 0))
        await pilot.pause()
        assert summary._keeper is not None and summary._keeper.flush(5)
        assert app.engine is not None
        kept = source.load_draft(app.engine.session_id)
        assert kept is not None and kept.startswith("Written after the failure. ")


async def test_save_that_failed_after_storing_the_session_succeeds_when_tried_again(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    store = RefusingDrafts(vault)
    source = VaultSessions(vault_path, GROUP, dbt_agenda())
    source._records = Records(store)  # type: ignore[arg-type]
    app = make_app(vault_path, clock, source=source)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await _to_summary(pilot)
        summary.query_one(TextArea).insert("Final words. ", (0, 0))
        await pilot.pause()
        assert summary._keeper is not None and summary._keeper.flush(5)
        store.refusals = 1  # emptying the draft, after the session is stored, fails
        await press(pilot, "ctrl+s")
        saving = summary.query_one("#saving", Label)
        await wait_until(pilot, lambda: "NOT SAVED" in str(saving.content))
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: app.finished)
        await press(pilot, "n")  # saved: not to review now
        await wait_until(pilot, lambda: app.return_code is not None)
        assert app.engine is not None
        session_id = app.engine.session_id
    assert app.return_code == 0 and app.finished
    assert Records(vault).finished(session_id).note.startswith("Final words. ")


class Crashing(VaultSessions):
    """A bug while looking for unfinished sessions, with health information in its message."""

    def unfinished(self) -> list[Any]:
        raise RuntimeError("Maria G. said she feels hopeless")


async def test_unexpected_error_ends_the_runner_with_one_sentence_and_no_content(
    vault_path: Path, vault: Vault, clock: FakeClock, capsys: Any
) -> None:
    app: RunnerApp = make_app(
        vault_path, clock, source=Crashing(vault_path, GROUP, dbt_agenda(), vault=vault)
    )
    with pytest.raises(WorkerFailed):  # the pilot raises the bug again, for the test
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.return_code is not None)
    shown = capsys.readouterr().err
    assert "unexpected error (RuntimeError)" in shown and "vault's journal" in shown
    assert "Traceback" not in shown and "Maria" not in shown and "hopeless" not in shown
    assert app.return_code == 10


class FinishHasABug(VaultSessions):
    def finish(self, live: Any, note: str) -> None:
        raise KeyError(note)


async def test_unexpected_error_while_saving_leaves_the_note_on_screen_to_try_again(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = FinishHasABug(vault_path, GROUP, dbt_agenda(), vault=vault)
    app = make_app(vault_path, clock, source=source)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await _to_summary(pilot)
        await press(pilot, "ctrl+s")
        saving = summary.query_one("#saving", Label)
        await wait_until(pilot, lambda: "NOT SAVED" in str(saving.content))
        assert "An unexpected error (KeyError) stopped the save." in str(saving.content)
        assert app.screen is summary and not summary.query_one(TextArea).read_only


async def test_keeping_the_note_never_waits_for_the_screen(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await _to_summary(pilot)
        assert summary._keeper is not None
        summary._keeper.offer("Typed just before closing.")
        # On the UI's own thread, as closing the screen does: the keeper must not wait for it.
        assert summary._keeper.flush(2)
