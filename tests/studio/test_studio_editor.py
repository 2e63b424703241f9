"""The agenda studio driven as a clinician would: from a shipped template and from nothing."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Label, TabbedContent

from iop_facilitator.agenda.catalog import shipped_agenda_dir
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.agenda.model import Agenda
from iop_facilitator.agenda.saving import backup_path, draft_path
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.studio import trying
from iop_facilitator.tui.studio.app import StudioApp
from iop_facilitator.tui.studio.widgets.toml_area import TomlArea
from tests.studio.studio_testing import choose, editor, pick, studio_on, type_into


def _copy_of(template: str, folder: Path) -> Path:
    path = folder / "evening-rp.toml"
    shutil.copyfile(shipped_agenda_dir() / f"{template}.toml", path)
    return path


async def test_a_75_minute_agenda_from_a_shipped_one_is_built_fixed_and_saved(
    tmp_path: Path,
) -> None:
    path = _copy_of("relapse-prevention-triggers", tmp_path)
    original = path.read_text(encoding="utf-8")
    app = studio_on(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await choose(pilot, "agenda")
        await type_into(pilot, "title", "Evening RP")
        await type_into(pilot, "minutes", "75")
        # 90 minutes of phases in a 75-minute session: the loader's sentence, under the field.
        problem = editor(pilot).query_one("#problem-minutes", Label)
        assert "the phases add up to 90 minutes" in str(problem.render())
        assert "1 problem, not saved" in str(editor(pilot).query_one("#heading", Label).render())

        await choose(pilot, 3)  # urge surfing goes
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        await choose(pilot, 3)  # the discussion moves before the trigger map
        await pilot.press("shift+up")
        await pilot.pause()
        await choose(pilot, 3)  # a break after the trigger map
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, "title", "Stretch break")
        await type_into(pilot, "id", "stretch")
        await pick(pilot, "kind", "break")
        await pick(pilot, "turns", "none")
        await type_into(pilot, "minutes", "5")
        await choose(pilot, 0)  # the check-in asks about sleep too
        await type_into(pilot, "prompts", "Mood and cravings, 0 to 10?\nHow did you sleep?")
        await type_into(pilot, "checkin.fields", "mood\ncravings\nsleep")
        await choose(pilot, 1)  # the teaching gets shorter: now it fits
        await type_into(pilot, "minutes", "10")
        await type_into(pilot, "min_minutes", "8")
        assert editor(pilot).problems == []

        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = editor(pilot).draft
    saved = load_agenda(path)
    assert saved == Agenda.model_validate(shown.to_data())
    assert saved.title == "Evening RP"
    assert saved.agenda.minutes == 75 == saved.planned_minutes
    assert [p.id for p in saved.phases] == [
        "check-in",
        "teach-triggers",
        "discussion",
        "trigger-map",
        "stretch",
        "closing",
    ]
    assert saved.phases[0].checkin is not None
    assert saved.phases[0].checkin.fields == ["mood", "cravings", "sleep"]
    assert saved.phases[0].prompts == ["Mood and cravings, 0 to 10?", "How did you sleep?"]
    text = path.read_text(encoding="utf-8")
    # The author's opening comments and an untouched script are still there, as written.
    assert text.startswith(original.split("[agenda]")[0])
    assert '"just once" or "I deserve it", then small decisions' in text
    assert backup_path(path).read_text(encoding="utf-8") == original


async def test_an_agenda_is_built_from_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new-group.toml"
    path.write_text("", encoding="utf-8")
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "the file is empty" in str(editor(pilot).query_one("#problems").render())
        await choose(pilot, "agenda")
        await type_into(pilot, "title", "Tuesday skills")
        await pick(pilot, "kind", "skills")
        await type_into(pilot, "minutes", "60")
        await choose(pilot, "reminder")
        await pilot.press("a")  # the first phase
        await pilot.pause()
        await type_into(pilot, "title", "Check-in")
        await type_into(pilot, "id", "check-in")
        await pick(pilot, "kind", "check-in")  # the ratings appear
        await type_into(pilot, "minutes", "15")
        await type_into(pilot, "checkin.high", "5")
        await choose(pilot, 0)
        await pilot.press("d")  # duplicated, then made the closing
        await pilot.pause()
        await pick(pilot, "kind", "closing")
        await type_into(pilot, "title", "Closing")
        await type_into(pilot, "id", "closing")
        await type_into(pilot, "homework", "Practise once a day")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_agenda(path)
    assert saved.title == "Tuesday skills"
    assert [(p.id, p.kind.value, p.minutes) for p in saved.phases] == [
        ("check-in", "check-in", 15),
        ("closing", "closing", 15),
    ]
    assert saved.phases[0].checkin is not None and saved.phases[0].checkin.scale == (1, 5)
    assert saved.phases[1].checkin is None
    assert saved.phases[1].homework == ["Practise once a day"]
    # No reminder typed: the standard one is read, and the file says nothing about it.
    assert "confidentiality" not in path.read_text(encoding="utf-8")
    assert saved.confidentiality.reminder.startswith("A reminder before we begin")


async def test_saving_with_a_problem_is_refused_and_can_keep_a_draft(tmp_path: Path) -> None:
    path = _copy_of("process-group", tmp_path)
    original = path.read_text(encoding="utf-8")
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, 0)
        await type_into(pilot, "minutes", "ten")
        assert 'must be a whole number of minutes between 1 and 240, not "ten"' in str(
            editor(pilot).query_one("#problem-minutes", Label).render()
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == original
    assert 'minutes = "ten"' in draft_path(path).read_text(encoding="utf-8")


async def test_the_toml_tab_and_the_form_follow_each_other(tmp_path: Path) -> None:
    path = _copy_of("process-group", tmp_path)
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, "agenda")
        await type_into(pilot, "minutes", "95")
        screen = editor(pilot)
        toml = screen.query_one("#toml")
        assert "minutes = 95" in toml.text  # type: ignore[attr-defined]
        await pilot.press("f2")
        await pilot.pause()
        assert screen.query_one("#tabs", TabbedContent).active == "toml-tab"
        assert app.focused is toml
        row = screen.text.split("\n").index("minutes = 95")
        await pilot.click(toml)
        toml.replace("minutes = 100", (row, 0), (row, 12))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()
        assert screen.draft.minutes == "100"


async def test_a_prompt_moves_down_the_list_with_alt_down(tmp_path: Path) -> None:
    path = _copy_of("relapse-prevention-triggers", tmp_path)
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, 0)
        first, second, third = editor(pilot).draft.phases[0].prompts
        area = editor(pilot).query_one("#field-prompts")
        area.focus()
        await pilot.press("alt+down")
        await pilot.pause()
        assert editor(pilot).draft.phases[0].prompts == [second, first, third]


async def test_the_toml_tab_marks_the_lines_with_problems(tmp_path: Path) -> None:
    path = _copy_of("process-group", tmp_path)
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, "agenda")
        await type_into(pilot, "minutes", "5")
        screen = editor(pilot)
        line = screen.problems[0].line
        assert line is not None and screen.text.split("\n")[line - 1] == "minutes = 5"
        toml = screen.query_one(TomlArea)
        assert toml._problem_rows == {line - 1}
        assert "iop.problem" in {name for _, _, name in toml._highlights[line - 1]}


async def test_leaving_with_changes_asks_and_without_them_does_not(tmp_path: Path) -> None:
    path = _copy_of("process-group", tmp_path)
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, "agenda")
        await type_into(pilot, "minutes", "95")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert editor(pilot).draft.minutes == "95"  # still editing
        await pilot.press("ctrl+s", "ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert load_agenda(path).agenda.minutes == 95


async def test_try_it_runs_the_demo_on_the_agenda_as_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[list[str], str]] = []

    def fake_run(command: list[str], check: bool) -> None:
        seen.append((command, Path(command[-1]).read_text(encoding="utf-8")))

    monkeypatch.setattr(trying.subprocess, "run", fake_run)
    # A test's app has no terminal to hand over; the demo "runs" without one.
    monkeypatch.setattr(StudioApp, "suspend", lambda self: contextlib.nullcontext())
    path = _copy_of("process-group", tmp_path)
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, "agenda")
        await type_into(pilot, "title", "Tried")
        await pilot.press("f5")
        await pilot.pause()
    [(command, text)] = seen
    assert command[-4:-1] == ["iop_facilitator", "demo", "--agenda"]
    assert 'title = "Tried"' in text
    assert not Path(command[-1]).exists()  # the temporary copy is gone


async def test_an_agenda_without_a_reminder_says_the_standard_one_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "no-reminder.toml"
    text = (shipped_agenda_dir() / "process-group.toml").read_text(encoding="utf-8")
    start = text.index("[confidentiality]")
    path.write_text(text[:start] + text[text.index("[norms]") :], encoding="utf-8")
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = editor(pilot)
        assert screen.problems == []
        assert "the standard reminder is read aloud" in str(screen.query_one("#problems").render())
        await choose(pilot, "reminder")
        area = screen.query_one("#field-reminder")
        assert area.text == ""  # type: ignore[attr-defined]
        assert "Left empty, the standard reminder is read" in str(area.placeholder)  # type: ignore[attr-defined]


async def test_toml_that_is_not_toml_is_neither_saved_nor_left_behind_unasked(
    tmp_path: Path,
) -> None:
    path = _copy_of("process-group", tmp_path)
    original = path.read_text(encoding="utf-8")
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        toml = editor(pilot).query_one(TomlArea)
        toml.insert("[agenda\n", (0, 0))
        await pilot.pause()
        assert "not valid TOML" in str(editor(pilot).query_one("#problems").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f2")  # stays: the text typed would be lost in the form
        await pilot.pause()
        assert editor(pilot).query_one("#tabs", TabbedContent).active == "toml-tab"
        assert toml.text.startswith("[agenda\n")
    assert path.read_text(encoding="utf-8") == original


async def test_the_reminder_when_it_is_read_and_the_norms_are_edited_in_their_form(
    tmp_path: Path,
) -> None:
    path = _copy_of("process-group", tmp_path)
    app = studio_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(pilot, "reminder")
        await type_into(pilot, "reminder", "What is said here stays here.")
        screen = editor(pilot)
        screen.query_one("#field-when-new-member", Checkbox).toggle()
        await pilot.pause()
        await type_into(pilot, "norms", "One person at a time\nIt is fine to pass")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_agenda(path)
    assert saved.confidentiality.reminder == "What is said here stays here."
    assert saved.confidentiality.when == ["start"]
    assert saved.norms.items == ["One person at a time", "It is fine to pass"]
