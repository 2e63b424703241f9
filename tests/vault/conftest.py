"""Fixtures for the vault's tests: real vaults in temp folders, with the cheap test KDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.vault import KdfParams, Vault
from tests.vault.vault_testing import PASSPHRASE


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    """Where a vault will be made (the folder does not exist yet)."""
    return tmp_path / "vault"


@pytest.fixture
def made(vault_dir: Path) -> tuple[Vault, str]:
    """A new vault and its recovery key."""
    return Vault.init(vault_dir, PASSPHRASE, kdf=KdfParams.for_tests())


@pytest.fixture
def vault(made: tuple[Vault, str]) -> Vault:
    """A new, unlocked vault."""
    return made[0]
