from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_facilitator.settings import CONFIG_DIR


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every agenda test gets its own config folder, never the real one."""
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR, str(folder))
    yield folder
