"""The HTML export opened by a real browser: Debian's Chromium, headless.

Chromium reports every problem a page causes (a blocked load, a script error) as a CONSOLE
line on stderr when logging is on; a self-contained page that renders cleanly causes none.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from iop_facilitator.review.export.exports import FileFormat, session_export
from iop_facilitator.review.library import Library
from tests.review.review_vault import Built

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's path, installing Debian's package first when it is missing."""
    found = shutil.which("chromium")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=False, env=env, timeout=900)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "chromium"], check=False, env=env, timeout=1800
        )
        found = shutil.which("chromium")
    if found is None:
        message = "Chromium is not installed and could not be: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it (.ci/run): its absence there is a failure
        # A newcomer's machine without root: the README's test command still passes, and
        # says which browser check it could not make.
        pytest.skip(message)
    return found


def _run(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def page(built: Built, tmp_path: Path) -> Path:
    path = tmp_path / "note.html"
    path.write_text(session_export(Library(built.vault), "tue-s2", fmt=FileFormat.HTML).text)
    return path


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_chromium_renders_the_export_with_its_title_and_tables(
    chromium: str, page: Path, tmp_path: Path
) -> None:
    done = _run(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0
    assert "<h1>Group note — Tuesday evening IOP, 2026-11-10</h1>" in done.stdout
    assert done.stdout.count("<table>") == 2


def test_chromium_reports_no_problem_with_the_export(
    chromium: str, page: Path, tmp_path: Path
) -> None:
    done = _run(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert _console_lines(done.stderr) == []


def test_chromium_would_report_a_page_that_fetched_something(
    chromium: str, page: Path, tmp_path: Path
) -> None:
    # The check above can fail: a page that loads anything breaks its own policy.
    broken = tmp_path / "broken.html"
    broken.write_text(page.read_text().replace("<h1>", '<img src="https://example.com/a.png"><h1>'))
    done = _run(chromium, tmp_path, "--dump-dom", broken.as_uri())
    assert len(_console_lines(done.stderr)) == 1


def test_printing_starts_each_progress_note_on_a_new_page(
    chromium: str, page: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "note.pdf"
    _run(chromium, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    # The group note and session record, then one page per member who attended (four).
    assert pages >= 1 + 4
