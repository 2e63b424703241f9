"""'Try it': the demo runs the agenda being edited, and the editor comes back when it ends.

The demo is started as its own process while the editor is suspended, so the runner is used
exactly as `iop-facilitator demo --agenda FILE` runs it, and nothing of the runner is imported
here. The agenda goes to a temporary file that is removed afterwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported


def demo_command(agenda_file: Path) -> list[str]:
    """The command that starts the demo with `agenda_file`."""
    return [sys.executable, "-m", "iop_facilitator", "demo", "--agenda", str(agenda_file)]


def try_in_demo(app: App[object], text: str) -> None:
    """Suspend `app`, run the demo with the agenda `text`, and resume `app`."""
    folder = Path(tempfile.mkdtemp(prefix="iop-try-"))
    try:
        agenda_file = folder / "trying.toml"
        agenda_file.write_text(text, encoding="utf-8")
        try:
            with app.suspend():
                subprocess.run(demo_command(agenda_file), check=False)
        except SuspendNotSupported:
            app.notify(
                "This terminal cannot hand the screen over to the demo; save, then run "
                "'iop-facilitator demo --agenda FILE'.",
                severity="warning",
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
