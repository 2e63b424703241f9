"""Fixtures for the session tests: real engines on a fake clock, real vaults with a cheap KDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.group import Group
from iop_facilitator.session.records import Records
from iop_facilitator.vault import KdfParams, Vault
from tests.session.session_testing import PASSPHRASE, make_group, start_engine


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def group() -> Group:
    return make_group()


@pytest.fixture
def engine(group: Group, clock: FakeClock) -> SessionEngine:
    """A started session of the demo group; nobody marked yet."""
    return start_engine(group, clock)[0]


@pytest.fixture
def present(engine: SessionEngine, group: Group) -> SessionEngine:
    """A started session with every member present and the check-in phase running."""
    for m in group.members:
        engine.mark_present(m.id)
    engine.give_reminder()
    engine.start_phase()
    return engine


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_dir: Path) -> Vault:
    return Vault.init(vault_dir, PASSPHRASE, kdf=KdfParams.for_tests())[0]


@pytest.fixture
def records(vault: Vault, group: Group) -> Records:
    """Records over a new vault holding the demo group."""
    r = Records(vault)
    r.save_group(group)
    return r
