"""Review syncs when it opens, and shows a note kept in two versions until one is kept."""

from __future__ import annotations

import io
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Label, Static

from iop_facilitator.review.clinical_notes import ClinicalNote, load_note, save_note
from iop_facilitator.review.note_conflicts import NoteConflict, keep_version, note_conflicts
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.remote import Remote
from iop_facilitator.sync.vault_sync import set_remote, sync_vault, unsent, unset_remote
from iop_facilitator.tui.review.screens.note_versions import NoteVersionsScreen
from iop_facilitator.tui.review.screens.session_detail import SessionDetailScreen
from tests.review.note_conflict_vaults import SESSION, sync_now, two_computers
from tests.review.review_app_testing import NOW, review_app, settle
from tests.review.review_vault import Built
from tests.tui.runner_testing import wait_until


def _text(static: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


async def test_opening_review_sends_the_vault_to_its_folder_remote(
    built: Built, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    set_remote(built.vault, Remote.parse(str(disk)))
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(app.sync.said), seconds=30)
        assert app.sync.said[0].startswith("Sent ") and "session" in app.sync.said[0]
    assert unsent(built.vault, FolderStore(disk))[0] == 0


async def test_a_broken_remote_is_one_sentence_and_review_goes_on(
    built: Built, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    set_remote(built.vault, Remote.parse(str(disk)))
    shutil.rmtree(disk)
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(app.sync.said))
        assert app.sync.said == [
            f"Sync failed: The backup folder {disk} does not exist; create it (or mount the "
            "disk) first."
        ]
        assert app.screen.query_one("#sessions", DataTable).row_count == len(built.summaries)


async def test_without_a_remote_review_syncs_nothing(built: Built) -> None:
    app = review_app(built.vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.sync.thread is None and app.sync.said == []


async def test_a_note_in_two_versions_is_marked_shown_and_one_kept(tmp_path: Path) -> None:
    computers = two_computers(tmp_path)
    home = computers.home
    unset_remote(home)  # only what the two syncs did: no sync while the test looks
    conflict = note_conflicts(home)[SESSION]
    app = review_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.get_row(SESSION)[-1] == "2 VER"
        assert "1 note in two versions" in str(app.screen.query_one("#count", Label).content)
        app.push_screen(SessionDetailScreen(SESSION))
        await settle(pilot)
        assert "TWO VERSIONS" in _text(app.screen.query_one("#session-body", Static))
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, NoteVersionsScreen)
        shown = _text(app.screen.query_one("#versions-body", Static))
        assert "Edited at home." in shown and "Edited at the office." in shown
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionDetailScreen))
        await settle(pilot)
        assert "TWO VERSIONS" not in _text(app.screen.query_one("#session-body", Static))
    kept = load_note(home, SESSION)
    assert kept is not None and kept.group_text == conflict.other.group_text
    assert kept.edited == NOW
    assert note_conflicts(home) == {}


async def test_a_choice_made_on_the_other_computer_clears_the_mark_after_the_sync(
    tmp_path: Path,
) -> None:
    computers = two_computers(tmp_path)
    office = computers.office.vault
    keep_version(office, note_conflicts(office)[SESSION], other=False, now=lambda: NOW)
    sync_vault(office, computers.store, sync_now)
    set_remote(computers.home, Remote.parse(str(computers.store.root)), probe=False)
    app = review_app(computers.home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await wait_until(pilot, app.sync.reloaded.is_set, seconds=30)
        await settle(pilot)
        assert app.note_conflicts == {}
        assert app.screen.query_one("#sessions", DataTable).get_row(SESSION)[-1] != "2 VER"
        assert "received 1 clinical note" in app.sync.said[0]


def _versions(built: Built) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        base = ClinicalNote(session_id=SESSION, group_text="Behavior:\nSaid at the office.")
        save_note(built.vault, base)
        other = base.model_copy(update={"group_text": "Behavior:\nSaid at home."})
        pilot.app.note_conflicts[SESSION] = NoteConflict(SESSION, base, other)  # type: ignore[attr-defined]
        pilot.app.push_screen(SessionDetailScreen(SESSION))
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (60, 24)])
def test_note_versions_screen(built: Built, snap_compare: Any, size: tuple[int, int]) -> None:
    app = review_app(built.vault)
    assert snap_compare(app, terminal_size=size, run_before=_versions(built))
