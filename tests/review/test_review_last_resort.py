"""The review app ends with one sentence on an error nobody expected, never a traceback."""

from __future__ import annotations

from typing import Any

import pytest
from textual.worker import WorkerFailed

from iop_facilitator.errors import ExitCode
from iop_facilitator.review.library import Library
from iop_facilitator.tui.review.app import ReviewApp
from tests.review.review_app_testing import NOW


class BuggyLibrary(Library):
    def __init__(self) -> None:
        pass

    def archive(self) -> Any:
        raise RuntimeError("Maria G. said she feels hopeless")


async def test_unexpected_error_ends_review_with_one_sentence_and_no_content(
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = ReviewApp(BuggyLibrary(), now=lambda: NOW)
    with pytest.raises(WorkerFailed):  # the pilot raises the bug again, for the test
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
    shown = capsys.readouterr().err
    assert "unexpected error (RuntimeError)" in shown and "kept in the vault" in shown
    assert "Traceback" not in shown and "Maria" not in shown
    assert app.return_code == ExitCode.UNEXPECTED
