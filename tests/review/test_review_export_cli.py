import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from iop_facilitator.cli import main
from iop_facilitator.errors import ExitCode
from iop_facilitator.review.access_log import access_log
from tests.review.review_vault import PASSPHRASE, Built


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n")
    return path


def _export(built: Built, passphrase_file: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        ["export", *args, "--vault", str(built.path), "--passphrase-file", str(passphrase_file)],
    )
    return result.exit_code, result.output


def test_export_with_yes_writes_a_file_only_its_owner_can_read(
    built: Built, passphrase_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "note.md"
    code, _ = _export(built, passphrase_file, "tue-s1", "-o", str(out), "--yes")
    assert code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("# Group note — Tuesday evening IOP, 2026-11-03")


def test_export_says_where_the_file_went(
    built: Built, passphrase_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "note.html"
    _, output = _export(built, passphrase_file, "latest", "--format", "html", "-o", str(out), "-y")
    assert str(out) in output


def test_export_is_recorded_in_the_access_log(
    built: Built, passphrase_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "james.md"
    _export(built, passphrase_file, "tue-s2", "--member", "James T.", "-o", str(out), "--yes")
    entries = access_log(built.vault)
    assert [(e.format, e.destination) for e in entries] == [("md", str(out))]
    assert "J.T." in entries[0].what


def test_export_without_confirmation_writes_nothing_and_exits_cancelled(
    built: Built, passphrase_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "note.md"
    code, output = _export(built, passphrase_file, "tue-s1", "-o", str(out))
    assert code == ExitCode.CANCELLED
    assert not out.exists()
    assert access_log(built.vault) == []
    assert "Traceback" not in output


def test_export_of_a_group_range_holds_only_sessions_in_the_range(
    built: Built, passphrase_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "range.md"
    args = ["--group", "Tuesday", "--from", "2026-11-04", "--to", "2026-11-30", "-o", str(out)]
    code, _ = _export(built, passphrase_file, *args, "--yes")
    assert code == 0
    text = out.read_text()
    # (Notes may still name 2026-11-03 as a member's last session; its own entry is out.)
    assert "- 2026-11-10 —" in text and "- 2026-11-17 —" in text and "- 2026-11-03 —" not in text


def test_export_of_an_unknown_session_is_one_sentence(built: Built, passphrase_file: Path) -> None:
    code, output = _export(built, passphrase_file, "no-such-session", "--yes")
    assert code == ExitCode.INVALID_INPUT
    assert output.startswith("Error: There is no finished session no-such-session.")


def test_export_with_a_wrong_passphrase_is_one_sentence(built: Built, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    code, output = _export(built, wrong, "latest", "--yes")
    assert code == ExitCode.WRONG_PASSPHRASE
    assert "Traceback" not in output and output.count("\n") == 1


def test_review_log_lists_exports(built: Built, passphrase_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "n.json"
    _export(built, passphrase_file, "tue-s1", "--format", "json", "-o", str(out), "--yes")
    result = CliRunner().invoke(
        main,
        ["review", "--vault", str(built.path), "--passphrase-file", str(passphrase_file), "log"],
    )
    assert result.exit_code == 0
    assert "json" in result.output and str(out) in result.output


def test_review_list_filters_by_group(built: Built, passphrase_file: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "review",
            "--vault",
            str(built.path),
            "--passphrase-file",
            str(passphrase_file),
            "list",
            "--group",
            "thursday",
        ],
    )
    assert [line.split()[0] for line in result.output.splitlines()] == ["thu-s2", "thu-s1"]


def test_review_list_takes_the_vault_options_after_the_subcommand_too(
    built: Built, passphrase_file: Path
) -> None:
    result = CliRunner().invoke(
        main,
        ["review", "list", "--vault", str(built.path), "--passphrase-file", str(passphrase_file)],
    )
    assert result.exit_code == 0, result.output
    assert "thu-s2" in result.output


def test_export_of_a_member_history_names_the_member_and_their_sessions(
    built: Built, passphrase_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "history.md"
    code, _ = _export(built, passphrase_file, "--member", "Sam O.", "-o", str(out), "--yes")
    assert code == 0
    text = out.read_text()
    assert text.startswith("# Member history — Sam O.")
    assert "1 present, 0 late, 0 left early, 2 absent" in text


def test_review_log_marks_an_export_that_was_not_written(
    built: Built, passphrase_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "missing-folder" / "note.md"
    code, _ = _export(built, passphrase_file, "tue-s1", "-o", str(out), "--yes")
    assert code == ExitCode.STORAGE_FAILED
    result = CliRunner().invoke(
        main,
        ["review", "--vault", str(built.path), "--passphrase-file", str(passphrase_file), "log"],
    )
    assert f"→ {out} (not written)" in result.output
