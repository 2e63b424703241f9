from pathlib import Path

from click.testing import CliRunner

from iop_facilitator.agenda.catalog import find_agenda, shipped_agendas, user_agenda_dir
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.cli import main
from tests.agenda.agenda_testing import VALID, replaced


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["agenda", *args])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_list_shows_every_shipped_template_with_kind_and_minutes() -> None:
    code, out, _ = _run("list")
    assert code == 0
    for path in shipped_agendas():
        assert path.stem in out
    assert "skills" in out and "90 min, shipped" in out


def test_list_shows_user_templates_beside_the_shipped_ones() -> None:
    _run("new", "tuesday-group")
    code, out, _ = _run("list")
    assert code == 0
    assert "tuesday-group" in out and "60 min, yours" in out


def test_list_says_where_user_templates_live() -> None:
    assert str(user_agenda_dir()) in _run("list")[1]


def test_validate_prints_a_one_line_summary_for_a_valid_file(tmp_path: Path) -> None:
    path = _file(tmp_path, "ok.toml", VALID)
    code, out, _ = _run("validate", str(path))
    assert code == 0
    assert out == f"✓ {path}: Test group — skills, 3 phases, 55 of 60 minutes\n"


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    text = replaced('kind = "skills"', 'kind = "dbt"', replaced("minutes = 30", "minutes = 0"))
    path = _file(tmp_path, "bad.toml", text)
    code, out, _ = _run("validate", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"✗ {path}: 2 problems",
        f'  {path}, line 3, column 1: agenda.kind must be one of "psychoeducational", '
        '"process", "skills", "relapse-prevention", "trauma", "family", "support" or '
        '"other", not "dbt".',
        f"  {path}, line 24, column 1: phase[2].minutes must be a whole number of minutes "
        "between 1 and 240, not 0.",
    ]


def test_validate_checks_every_toml_file_in_a_folder(tmp_path: Path) -> None:
    _file(tmp_path, "a.toml", VALID)
    _file(tmp_path, "b.toml", "not toml")
    code, out, _ = _run("validate", str(tmp_path))
    assert code == 1
    assert "✓" in out.splitlines()[0] and "a.toml" in out.splitlines()[0]
    assert "✗" in out.splitlines()[1] and "b.toml" in out.splitlines()[1]


def test_validate_accepts_the_shipped_folder() -> None:
    code, out, _ = _run("validate", str(shipped_agendas()[0].parent))
    assert code == 0
    assert out.count("✓") == len(shipped_agendas())


def test_validate_of_a_folder_without_agendas_fails(tmp_path: Path) -> None:
    code, out, _ = _run("validate", str(tmp_path))
    assert code == 1
    assert "this folder has no .toml files" in out


def test_validate_of_a_missing_file_fails_with_a_sentence(tmp_path: Path) -> None:
    code, out, _ = _run("validate", str(tmp_path / "gone.toml"))
    assert code == 1
    assert "gone.toml: there is no such file." in out


def test_show_lists_phases_with_minutes_and_a_cumulative_clock(tmp_path: Path) -> None:
    code, out, _ = _run("show", str(_file(tmp_path, "ok.toml", VALID)))
    assert code == 0
    rows = [line.split() for line in out.splitlines() if line[:1].isdigit()]
    assert rows == [
        ["1", "Check-in", "check-in", "round", "15", "0:00-0:15"],
        ["2", "Skill", "topic", "open", "30", "0:15-0:45"],
        ["3", "Closing", "closing", "open", "10", "0:45-0:55"],
    ]
    assert "Planned 55 of 60 minutes (5 spare)." in out


def test_show_finds_a_shipped_template_by_name() -> None:
    code, out, _ = _run("show", "dbt-distress-tolerance")
    assert code == 0
    assert "STOP and TIPP" in out and "1:15-1:25" in out


def test_show_of_a_broken_file_prints_its_problems_and_exits_1(tmp_path: Path) -> None:
    path = _file(tmp_path, "bad.toml", replaced("minutes = 30", "minutes = 0"))
    code, _, err = _run("show", str(path))
    assert code == 1
    assert f"{path}, line 24, column 1: phase[2].minutes" in err


def test_show_of_an_unknown_name_says_so_in_one_line() -> None:
    code, _, err = _run("show", "no-such-agenda")
    assert code == 1
    assert err.startswith("Error: There is no agenda called 'no-such-agenda'.")
    assert err.count("\n") == 1


def test_new_writes_a_starter_agenda_and_prints_its_path() -> None:
    code, out, _ = _run("new", "my-group")
    assert code == 0
    path = Path(out.strip())
    assert path == user_agenda_dir() / "my-group.toml"
    assert load_agenda(path).title == "My group session"


def test_new_from_a_template_copies_its_text_changing_only_the_title() -> None:
    code, out, _ = _run("new", "my-dbt", "--from", "dbt", "--title", "Monday DBT")
    assert code == 0
    source = find_agenda("dbt-distress-tolerance")
    original = load_agenda(source)
    copied_path = Path(out.strip())
    copied = load_agenda(copied_path)
    assert copied.title == "Monday DBT"
    assert copied.model_copy(update={"agenda": original.agenda}) == original
    text = source.read_text(encoding="utf-8")
    assert copied_path.read_text(encoding="utf-8") == text.replace(
        f'title = "{original.title}"', 'title = "Monday DBT"', 1
    )


def test_new_refuses_to_overwrite_and_exits_1() -> None:
    _run("new", "my-group")
    path = user_agenda_dir() / "my-group.toml"
    path.write_text("# edited\n", encoding="utf-8")
    code, _, err = _run("new", "my-group")
    assert code == 1
    assert "There is already a template called 'my-group'" in err
    assert path.read_text(encoding="utf-8") == "# edited\n"


def test_every_agenda_command_has_help() -> None:
    for command in ("list", "validate", "show", "new", "edit", "diff", "export", "import"):
        code, out, _ = _run(command, "--help")
        assert code == 0 and "Usage:" in out


def test_validate_reports_an_unknown_name_and_still_checks_the_rest(tmp_path: Path) -> None:
    path = _file(tmp_path, "ok.toml", VALID)
    code, out, _ = _run("validate", "no-such-agenda", str(path))
    assert code == 1
    assert out.splitlines()[0].startswith("✗ no-such-agenda: There is no agenda called")
    assert out.splitlines()[1].startswith(f"✓ {path}: Test group")


def test_new_into_a_folder_that_cannot_be_written_exits_with_the_storage_code(
    config_dir: Path,
) -> None:
    config_dir.parent.mkdir(parents=True, exist_ok=True)
    config_dir.write_text("a file where the folder should be", encoding="utf-8")
    code, _, err = _run("new", "my-group")
    assert code == 8
    assert "could not be written" in err
