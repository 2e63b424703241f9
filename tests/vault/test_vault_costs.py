"""What an unlock costs does not grow with the vault: one KDF run, one file decrypted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from iop_facilitator.vault import Vault, crypto
from iop_facilitator.vault import index as index_module
from iop_facilitator.vault import objects as objects_module
from iop_facilitator.vault import reads as reads_module
from tests.vault.vault_testing import PASSPHRASE


def _fill(vault: Vault) -> None:
    with vault.batch():
        for number in range(25):
            vault.put("session", f"s{number}", b"notes", index_entry={"n": number})
    vault.open_journal("live").close()


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls = [0]
    real = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_an_unlock_runs_the_kdf_exactly_once(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(vault)
    calls = _counting(monkeypatch, crypto, "passphrase_key")
    Vault.unlock(vault_dir, PASSPHRASE)
    assert calls == [1]


def test_a_recovery_runs_the_kdf_once_for_the_new_passphrase(
    made: tuple[Vault, str], vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(made[0])
    calls = _counting(monkeypatch, crypto, "passphrase_key")
    Vault.recover(vault_dir, made[1], "a new passphrase")
    assert calls == [1]


def test_unlocking_and_listing_decrypts_only_the_index(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(vault)
    in_vault = _counting(monkeypatch, reads_module, "open_record")
    in_objects = _counting(monkeypatch, objects_module, "open_record")
    snapshots = _counting(monkeypatch, index_module, "open_snapshot")
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert len(reopened.index_entries("session")) == 25
    assert (in_vault[0] + in_objects[0], snapshots[0]) == (0, 1)
