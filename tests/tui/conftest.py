"""Fixtures for the runner's tests: a fake clock, a throwaway vault, UTC display times."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.group import Group
from iop_facilitator.vault import Vault
from tests.tui.runner_testing import make_vault


@pytest.fixture(autouse=True)
def utc_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times on screen are local times: pin the zone so screens read the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault_and_group(vault_path: Path) -> tuple[Vault, Group]:
    return make_vault(vault_path)


@pytest.fixture
def vault(vault_and_group: tuple[Vault, Group]) -> Vault:
    return vault_and_group[0]
