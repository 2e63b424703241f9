"""Nothing readable on disk: no member's name in any byte, private permissions everywhere."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_facilitator.vault import KdfParams, Vault
from tests.vault.vault_testing import PASSPHRASE

MEMBERS = ["Marguerite", "Oluwaseun", "Zoë Ångström"]


def _session_through_the_vault(vault: Vault) -> None:
    roster = {"name": "Tuesday DBT", "members": MEMBERS}
    vault.put("group", "Tuesday DBT", json.dumps(roster).encode(), index_entry=roster)
    journal = vault.open_journal("2026-11-23 Tuesday DBT")
    for member in MEMBERS:
        journal.append(json.dumps({"type": "present", "member": member}).encode())
        journal.append(json.dumps({"type": "note", "text": f"{member} shared a lot"}).encode())
    journal.close()
    unfinished = vault.open_journal("2026-11-30 Tuesday DBT")
    unfinished.append(json.dumps({"type": "present", "member": MEMBERS[0]}).encode())
    vault.finish_session(
        "2026-11-23 Tuesday DBT",
        "session",
        "2026-11-23 Tuesday DBT",
        json.dumps({"members": MEMBERS}).encode(),
        {"group": "Tuesday DBT", "members": MEMBERS},
    )


def _every_byte(folder: Path) -> Iterator[tuple[Path, bytes]]:
    for path in sorted(folder.rglob("*")):
        yield path, str(path.relative_to(folder)).encode()
        if path.is_file():
            yield path, path.read_bytes()


def test_no_member_name_appears_in_any_byte_under_the_vault_folder(
    vault: Vault, vault_dir: Path
) -> None:
    _session_through_the_vault(vault)
    leaks = []
    for path, data in _every_byte(vault_dir):
        for name in [*MEMBERS, "Tuesday DBT", "shared a lot"]:
            for encoding in ("utf-8", "utf-16-le"):
                for form in (name, name.lower(), name.upper()):
                    if form.encode(encoding) in data:
                        leaks.append((path.name, form))
    assert leaks == []


def test_the_names_are_really_in_the_vault(vault: Vault) -> None:
    _session_through_the_vault(vault)
    assert MEMBERS[0].encode() in vault.get("group", "Tuesday DBT")


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_folders_are_0700_and_files_0600_whatever_the_umask(
    open_umask: None, tmp_path: Path
) -> None:
    vault_dir = tmp_path / "vault"
    vault, _ = Vault.init(vault_dir, PASSPHRASE, kdf=KdfParams.for_tests())
    _session_through_the_vault(vault)
    modes = {
        str(p.relative_to(vault_dir)): stat.S_IMODE(p.stat().st_mode)
        for p in [vault_dir, *vault_dir.rglob("*")]
    }
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (vault_dir / name).is_dir() else 0o600)
    }
    assert wrong == {}


def test_opening_a_vault_makes_the_process_umask_private(
    open_umask: None, vault: Vault, vault_dir: Path
) -> None:
    Vault.unlock(vault_dir, PASSPHRASE)
    current = os.umask(0o077)
    os.umask(current)
    assert current == 0o077
