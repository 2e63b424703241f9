"""The runner starts without importing review: the review app and its library are imported
when the facilitator opens review from the start screen, and review's export (document) code
when the end screen shows the summary, so the runner's first frame does not wait for them."""

from __future__ import annotations

import json
import subprocess
import sys

# What `run` and `demo` import before the runner's first frame, in a fresh interpreter.
_PROBE = """
import json, sys
import iop_facilitator.cli.run_commands, iop_facilitator.cli.demo_commands
import iop_facilitator.tui.apps, iop_facilitator.tui.runner.app
import iop_facilitator.tui.runner.vault_sessions
wanted = [
    "iop_facilitator.tui.review.app",
    "iop_facilitator.review.library",
    "iop_facilitator.review.export",
    "textual.app",
]
print(json.dumps([m for m in wanted if m in sys.modules]))
"""


def test_starting_the_runner_imports_neither_review_nor_the_export_code() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    # Textual is there (the probe sees imports), review is not.
    assert json.loads(done.stdout) == ["textual.app"]
