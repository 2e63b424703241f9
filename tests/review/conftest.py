"""Fixtures for the review tests: a vault of real sessions (see `review_vault`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.review.review_vault import Built, build_vault


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local dates and times in the tests are UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def built(tmp_path: Path) -> Built:
    """A fresh vault holding the fixture's sessions."""
    return build_vault(tmp_path / "vault")
