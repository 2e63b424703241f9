"""The start screen: what is about to run, the clock starting on Enter, and review from there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from iop_facilitator.agenda.catalog import find_agenda
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.demo import seed_demo_history
from iop_facilitator.session.group import Group
from iop_facilitator.session.records import Records
from iop_facilitator.tui.apps import review_from_runner
from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.review.app import ReviewApp
from iop_facilitator.tui.runner.app import RunnerApp, run_with_review
from iop_facilitator.tui.runner.screens.resume import ResumeScreen
from iop_facilitator.tui.runner.screens.start import StartScreen, preview_text
from iop_facilitator.tui.runner.sessions import SessionPreview
from iop_facilitator.tui.runner.vault_sessions import VaultSessions
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import (
    AGENDA,
    GROUP,
    dbt_agenda,
    make_app,
    press,
    start_session,
    wait_until,
)

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def _seeded(vault: Vault, group: Group) -> None:
    seed_demo_history(Records(vault), group, dbt_agenda(), before=NOW)


def test_start_screen_names_the_first_timer_and_what_carries_over(
    vault_path: Path, vault_and_group: tuple[Vault, Group]
) -> None:
    vault, group = vault_and_group
    _seeded(vault, group)
    preview = VaultSessions(vault_path, GROUP, dbt_agenda(), vault=vault).preview()
    _what, detail = preview_text(preview)
    assert detail.splitlines()[:3] == [
        "8 members; new today: Sam O.",
        "Last session Mon 16 Nov.",
        "Carried over: 2 homework tasks to review and 1 safety flag still open.",
    ]


def test_start_screen_of_a_new_group_says_it_is_the_first_session() -> None:
    preview = SessionPreview("Group", "Agenda", 90, 3, ("A", "B", "C"), None, 0, 0)
    assert preview_text(preview)[1].splitlines()[:2] == [
        "3 members, all new today.",
        "The group's first session.",
    ]


async def test_the_session_starts_when_the_facilitator_presses_enter(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        clock.advance(600)  # opened ten minutes early
        await start_session(pilot)
        assert app.engine is not None
        assert app.engine.state.started_wall == clock.now()


async def test_v_on_the_start_screen_ends_the_runner_asking_for_review(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        await press(pilot, "v")
        await wait_until(pilot, lambda: not app.is_running)
    assert (app.review_requested, Records(vault).unfinished()) == (True, [])


async def test_v_on_the_resume_screen_asks_for_review_and_leaves_the_session_unfinished(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    records = Records(vault)
    live = records.start_live(records.group(GROUP), dbt_agenda(), clock)
    live.journal.close()  # type: ignore[attr-defined]
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeScreen))
        await press(pilot, "v")
        await wait_until(pilot, lambda: not app.is_running)
    assert app.review_requested
    assert [u.session_id for u in Records(vault).unfinished()] == [live.session_id]


async def test_review_from_the_runner_opens_over_the_same_vault(
    vault_path: Path, vault_and_group: tuple[Vault, Group]
) -> None:
    vault, group = vault_and_group
    _seeded(vault, group)
    source = VaultSessions(vault_path, GROUP, dbt_agenda(), vault=vault, review=review_from_runner)
    review = source.review_app()
    assert isinstance(review, ReviewApp)
    async with review.run_test(size=(80, 24)) as pilot:
        await review.workers.wait_for_complete()
        await pilot.pause()
        assert len(review.archive.sessions) == 2
        assert review.library.vault is vault


class _Runner:
    """Stands in for `RunnerApp` in the loop: asks for review, or not."""

    def __init__(self, log: list[str], review: bool, edit: bool = False) -> None:
        self.log, self.review_requested, self.edit_requested = log, review, edit

    def run(self) -> None:
        self.log.append("runner")


class _Source:
    def __init__(self, log: list[str]) -> None:
        self.log = log

    def review_app(self) -> _Source:
        return self

    def edit_agenda(self) -> None:
        self.log.append("studio")

    def run(self) -> None:
        self.log.append("review")


def test_run_with_review_goes_back_to_the_runner_after_review() -> None:
    log: list[str] = []
    wanted = iter([True, True, False])
    firsts: list[bool] = []

    def make(first: bool) -> RunnerApp:
        firsts.append(first)
        return _Runner(log, next(wanted))  # type: ignore[return-value]

    run_with_review(make, _Source(log))  # type: ignore[arg-type]
    assert (log, firsts) == (
        ["runner", "review", "runner", "review", "runner"],
        [True, False, False],
    )


async def test_question_mark_on_the_start_screen_lists_the_keys_as_the_demo_promises(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        await press(pilot, "question_mark")
        assert isinstance(app.screen, KeysScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, StartScreen)


def test_run_with_review_goes_back_to_the_runner_after_the_agenda_studio() -> None:
    log: list[str] = []
    wanted = iter([(False, True), (False, False)])

    def make(first: bool) -> RunnerApp:
        review, edit = next(wanted)
        return _Runner(log, review, edit)  # type: ignore[return-value]

    run_with_review(make, _Source(log))  # type: ignore[arg-type]
    assert log == ["runner", "studio", "runner"]


def _edits_minutes(to: int) -> Callable[[Path], None]:
    """Stands in for the agenda studio: saves today's copy with the session's minutes changed."""

    def edit(copy: Path) -> None:
        text = copy.read_text(encoding="utf-8")
        copy.write_text(text.replace("minutes = 90", f"minutes = {to}", 1), encoding="utf-8")

    return edit


async def test_e_on_the_start_screen_asks_for_the_agenda_studio(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    source = VaultSessions(vault_path, GROUP, dbt_agenda(), vault=vault, edit=_edits_minutes(95))
    app = make_app(vault_path, clock, source=source)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert "e      change today's agenda" in str(app.screen.query_one("#detail").render())
        await press(pilot, "e")
        await wait_until(pilot, lambda: not app.is_running)
    assert (app.edit_requested, app.review_requested) == (True, False)


async def test_without_the_studio_e_does_nothing_on_the_start_screen(
    vault_path: Path, vault: Vault, clock: FakeClock
) -> None:
    app = make_app(vault_path, clock, vault=vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        await press(pilot, "e")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, StartScreen)


def test_todays_copy_changes_the_session_and_leaves_the_template_alone(
    vault_path: Path, vault: Vault
) -> None:
    template = find_agenda(AGENDA)
    before = template.read_text(encoding="utf-8")
    source = VaultSessions(
        vault_path, GROUP, dbt_agenda(), vault=vault, edit=_edits_minutes(95), agenda_file=template
    )
    source.edit_agenda()
    assert source.agenda.agenda.minutes == 95
    assert source.preview().planned_minutes == 95  # the session's minutes, as edited
    assert template.read_text(encoding="utf-8") == before
    source.edit_agenda()  # the same copy again: its comments came from the template
    assert source._today.path.read_text(encoding="utf-8").startswith(before.split("[agenda]")[0])


def test_start_screen_gives_the_session_length_the_draft_note_gives(
    vault_path: Path, vault: Vault
) -> None:
    # The DBT agenda plans 90 minutes and its phases add up to 85 (5 spare): the start screen
    # said "(85 min)" while the draft note said "90 planned minutes".
    agenda = dbt_agenda()
    assert agenda.phase_minutes < agenda.agenda.minutes
    preview = VaultSessions(vault_path, GROUP, agenda, vault=vault).preview()
    what, _detail = preview_text(preview)
    assert what.endswith(f"({agenda.agenda.minutes} min)")
