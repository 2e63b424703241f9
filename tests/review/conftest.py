"""Fixtures for the review tests: a vault of real sessions (see `review_vault`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_vault import PASSPHRASE, Built, build_sessions

from iop_facilitator.review.archive import store_digest
from iop_facilitator.review.digest import digest_of
from iop_facilitator.vault import KdfParams, Vault


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
    path = tmp_path / "vault"
    vault, _ = Vault.init(path, PASSPHRASE, kdf=KdfParams.for_tests())
    summaries = build_sessions()
    with vault.batch():
        for summary in summaries:
            store_digest(vault, digest_of(summary))
    return Built(vault=vault, path=path, summaries=summaries)
