"""Fixtures for the agenda studio's tests: a config folder of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.settings import CONFIG_DIR


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every studio test gets its own config folder, never the real one."""
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR, str(folder))
    return folder
