"""The runner starts without importing review: the review app and its library are imported
when the facilitator opens review from the start screen, so the runner's first frame does not
wait for them."""

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
wanted = ["iop_facilitator.tui.review.app", "iop_facilitator.review.library", "textual.app"]
print(json.dumps([m for m in wanted if m in sys.modules]))
"""


def test_starting_the_runner_does_not_import_review() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    # Textual is there (the probe sees imports), review is not.
    assert json.loads(done.stdout) == ["textual.app"]
