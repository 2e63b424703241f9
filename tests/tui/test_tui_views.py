"""The runner's readings and view-models are pure: computing what a screen shows loads no UI."""

from __future__ import annotations

import subprocess
import sys


def _loaded_after_import(module: str) -> set[str]:
    code = (
        f"import sys, {module}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


def test_importing_the_readings_loads_neither_textual_nor_rich() -> None:
    loaded = _loaded_after_import("iop_facilitator.tui.runner.readings")
    assert "iop_facilitator" in loaded
    assert not loaded & {"textual", "rich"}


def test_the_view_models_load_no_ui() -> None:
    loaded = _loaded_after_import("iop_facilitator.tui.runner.views")
    assert not loaded & {"textual", "rich"}
