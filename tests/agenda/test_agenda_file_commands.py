"""`agenda edit --in-editor` (with a scripted $EDITOR), `diff`, `export`, `import`, the standard
reminder, and files that must be agenda errors rather than bugs."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from iop_facilitator.agenda.catalog import user_agenda_dir
from iop_facilitator.agenda.defaults import STANDARD_REMINDER
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.agenda.saving import PROBLEM_MARK, backup_path
from iop_facilitator.cli import main
from tests.agenda.agenda_testing import VALID, replaced

# The scripted editor: each run takes the next replacement from the script's folder
# (edit-1.txt, edit-2.txt, …) and writes it over the file it was given, logging what it saw.
EDITOR_SCRIPT = """\
import sys
import tomllib
from pathlib import Path
here = Path(__file__).parent
runs = here / "runs.txt"
count = int(runs.read_text()) + 1 if runs.exists() else 1
runs.write_text(str(count))
target = Path(sys.argv[-1])
(here / f"seen-{count}.txt").write_text(target.read_text())
target.write_text((here / f"edit-{count}.txt").read_text())
"""


def _run(*args: str, stdin: str = "") -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["agenda", *args], input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def scripted_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "editor"
    folder.mkdir()
    (folder / "editor.py").write_text(EDITOR_SCRIPT, encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {folder / 'editor.py'}")
    return folder


def _mine(text: str = VALID) -> Path:
    folder = user_agenda_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_edit_in_the_editor_is_saved_and_the_old_version_kept(
    scripted_editor: Path,
) -> None:
    path = _mine()
    (scripted_editor / "edit-1.txt").write_text(replaced("minutes = 60", "minutes = 75"))
    code, out, _ = _run("edit", "mine", "--in-editor")
    assert code == 0, out
    assert load_agenda(path).agenda.minutes == 75
    assert backup_path(path).read_text(encoding="utf-8") == VALID
    assert "Saved" in out


def test_an_invalid_edit_is_reopened_with_its_problems_on_top_until_it_is_valid(
    scripted_editor: Path,
) -> None:
    path = _mine()
    broken = replaced("minutes = 30", "minutes = 300")
    (scripted_editor / "edit-1.txt").write_text(broken)
    (scripted_editor / "edit-2.txt").write_text(replaced("minutes = 30", "minutes = 20"))
    code, out, _ = _run("edit", "mine", "--in-editor", stdin="y\n")
    assert code == 0, out
    assert "phase[2].minutes must be a whole number of minutes between 1 and 240" in out
    second_look = (scripted_editor / "seen-2.txt").read_text()
    assert second_look.startswith(PROBLEM_MARK)
    assert second_look.split("\n")[1].startswith(f"{PROBLEM_MARK}line ")
    assert tomllib.loads(second_look) == tomllib.loads(broken)  # the marked lines are comments
    assert load_agenda(path).phases[1].minutes == 20
    assert PROBLEM_MARK not in path.read_text(encoding="utf-8")


def test_an_invalid_edit_declined_leaves_the_file_as_it_was(scripted_editor: Path) -> None:
    path = _mine()
    (scripted_editor / "edit-1.txt").write_text(replaced('kind = "skills"', 'kind = "dbt"'))
    code, out, _ = _run("edit", "mine", "--in-editor", stdin="n\n")
    assert code == 1
    assert path.read_text(encoding="utf-8") == VALID
    assert "left as it was" in out
    assert not backup_path(path).exists()


def test_editing_a_shipped_template_edits_a_copy_in_the_user_folder(
    scripted_editor: Path,
) -> None:
    (scripted_editor / "edit-1.txt").write_text(VALID)
    code, out, _ = _run("edit", "process-group", "--in-editor")
    assert code == 0, out
    copy = user_agenda_dir() / "my-process-group.toml"
    assert "is a shipped template; it was copied to" in out
    assert load_agenda(copy).title == "Test group"


def test_diff_says_what_changed_phase_by_phase(tmp_path: Path) -> None:
    first = tmp_path / "a.toml"
    first.write_text(VALID, encoding="utf-8")
    second = tmp_path / "b.toml"
    second.write_text(
        replaced("minutes = 30", "minutes = 25", replaced('title = "Skill"', 'title = "TIPP"')),
        encoding="utf-8",
    )
    code, out, _ = _run("diff", str(first), str(second))
    assert code == 0
    assert '~ phase skill: title: "Skill" → "TIPP"' in out
    assert "~ phase skill: minutes: 30 → 25" in out
    third = tmp_path / "c.toml"
    third.write_text(replaced('fields = ["mood"]', 'fields = ["mood", "sleep"]'))
    code, out, _ = _run("diff", str(first), str(third))
    assert "~ phase check-in: check-in ratings: mood from 1 to 10 → mood, sleep from 1 to 10" in out
    code, out, _ = _run("diff", str(first), str(first))
    assert "plan the same session" in out


def test_export_then_import_moves_a_template_as_it_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    commented = "# my notes\n" + VALID
    _mine(commented)
    code, out, _ = _run("export", "mine", "-o", "travel.toml")
    assert code == 0, out
    assert (tmp_path / "travel.toml").read_text(encoding="utf-8") == commented
    code, out, _ = _run("import", "travel.toml", "--name", "arrived")
    assert code == 0, out
    assert (user_agenda_dir() / "arrived.toml").read_text(encoding="utf-8") == commented


def test_import_refuses_an_invalid_agenda(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(replaced("minutes = 60", "minutes = 0"), encoding="utf-8")
    code, _, err = _run("import", str(bad))
    assert code == 1
    assert "agenda.minutes" in err
    assert not (user_agenda_dir() / "bad.toml").exists()


def test_a_missing_reminder_gets_the_standard_one_and_is_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "no-reminder.toml"
    path.write_text(
        replaced('[confidentiality]\nreminder = "What is said here stays here."\n', ""),
        encoding="utf-8",
    )
    assert load_agenda(path).confidentiality.reminder == STANDARD_REMINDER
    code, out, _ = _run("validate", str(path))
    assert code == 0
    assert "there is no [confidentiality] table, so the standard reminder is read" in out
    code, out, _ = _run("show", str(path))
    assert code == 0 and "standard reminder" in out


def test_a_number_of_5000_digits_is_an_agenda_error_not_a_bug(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(replaced("minutes = 60", "minutes = " + "9" * 5000), encoding="utf-8")
    code, out, _ = _run("validate", str(path))
    assert code == 1
    assert "a number in this file has thousands of digits" in out
    assert "line 4, column 11" in out


def test_one_bad_user_template_never_breaks_the_list() -> None:
    folder = user_agenda_dir()
    folder.mkdir(parents=True)
    (folder / "huge.toml").write_text(replaced("minutes = 60", "minutes = " + "9" * 5000))
    (folder / "binary.toml").write_bytes(b"\x00\xff" * 10)
    (folder / "fine.toml").write_text(VALID)
    code, out, _ = _run("list")
    assert code == 0
    assert out.count("cannot be loaded") == 2
    assert "Test group" in out


def test_edit_of_a_file_that_is_not_toml_points_to_the_text_editor(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[agenda\ntitle = "x"\n', encoding="utf-8")
    code, _, err = _run("edit", str(path))
    assert code == 1
    assert "a [table] header is missing its closing ]" in err
    assert f"agenda edit {path} --in-editor" in err


def test_edit_of_a_binary_file_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "photo.toml"
    path.write_bytes(b"\x00\x01\x02binary")
    for extra in ((), ("--in-editor",)):
        code, _, err = _run("edit", str(path), *extra)
        assert code == 1
        assert "this is not a text file" in err


StudioRun = tuple[Path, str | None, str | None]  # the file, the text shown, the notice


@pytest.fixture
def studio_runs(monkeypatch: pytest.MonkeyPatch) -> list[StudioRun]:
    """Stands in for the agenda studio: records what it was opened on."""
    from iop_facilitator.tui.studio import app

    runs: list[StudioRun] = []

    def run_studio(path: Path, text: str | None = None, *, notice: str | None = None) -> None:
        runs.append((path, text, notice))

    monkeypatch.setattr(app, "run_studio", run_studio)
    return runs


def test_new_with_edit_opens_the_studio_on_the_new_copy(
    studio_runs: list[StudioRun],
) -> None:
    code, out, _ = _run("new", "evening", "--from", "relapse", "--edit")
    assert code == 0, out
    assert studio_runs == [(user_agenda_dir() / "evening.toml", None, None)]


def test_edit_opens_a_kept_draft_in_place_of_the_file(
    studio_runs: list[StudioRun],
) -> None:
    path = _mine()
    draft = path.with_name("mine.toml.draft")
    draft.write_text("# half done\n", encoding="utf-8")
    code, out, _ = _run("edit", "mine")
    assert code == 0, out
    assert "Opening the draft" in out
    [(opened, text, notice)] = studio_runs
    assert (opened, text) == (path, "# half done\n")
    assert notice is not None and notice.startswith("Opening the draft kept in")


def test_editing_a_shipped_template_in_the_studio_says_so_inside_it_too(
    studio_runs: list[StudioRun],
) -> None:
    code, out, _ = _run("edit", "process-group")
    assert code == 0, out
    [(opened, text, notice)] = studio_runs
    assert (opened, text) == (user_agenda_dir() / "my-process-group.toml", None)
    assert notice is not None and "is a shipped template; it was copied to" in notice
