"""Known answers that pin the file format: a change here breaks every existing vault.

If one of these fails, the format changed. Do not update the expected bytes: bump the format
version, keep reading version 1, and describe both in docs/vault-format.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iop_facilitator.vault import KdfParams, Vault, crypto
from iop_facilitator.vault.crypto import DataKeys
from iop_facilitator.vault.journal import build_frame, build_header
from iop_facilitator.vault.keyfile import build_key_file
from iop_facilitator.vault.sealed import JOURNAL_MAGIC, SealedRecord, file_prefix, seal_record

SALT = bytes(range(16))
DATA_KEY = bytes(range(32))
VAULT_ID = bytes(range(100, 116))
NONCE = bytes(range(200, 212))
FIXTURE = Path(__file__).parent / "data" / "vault-format-1"
FIXTURE_PASSPHRASE = "known answer vault ✓"
FIXTURE_RECOVERY_KEY = "M7QG-VAHM-5LYP-YQPI-XP6U-DRRI-EVFF-G6DI"


def _keys() -> DataKeys:
    return DataKeys.from_data_key(DATA_KEY, VAULT_ID)


def test_argon2id_of_an_nfc_passphrase_gives_the_known_key() -> None:
    key = crypto.passphrase_key("pässword", SALT, KdfParams.for_tests())
    assert key.hex() == "b8fe458cc710f2dedae70504afd5e9511c3e430796dea4638243680af449e8e3"


def test_the_data_key_splits_into_the_known_content_and_name_keys() -> None:
    keys = _keys()
    assert keys.content.hex() == "0530fa82061312b0ed6a3fda23ed8adcadd0c35ea76ae8b67429b0227b99a041"
    assert keys.names.hex() == "43733e1e1e2e1e721769723be4e3ac16f9af87e6420217915794099056c5ee4d"


def test_a_format_1_sealed_record_has_the_known_bytes() -> None:
    record = SealedRecord("s-1", 1, {"date": "2026-11-23"}, None, b"payload", version=1)
    sealed = seal_record(_keys(), VAULT_ID, "session", record, nonce=NONCE)
    assert sealed.hex() == (
        "494f50562d52454300016465666768696a6b6c6d6e6f70717273c8c9cacbcccdcecfd0d1d2d3"
        "8751b674e8ea44a77f00d4cd4a985c5f86db1780dff4707e34fae83dc79f7b32c4034d7582"
        "4984a1b93f2e68f531d10bb65db8076132183e23c9b92c8fb66101b850c4fd5754dddd9391d4ceae"
    )


def test_a_format_1_journal_has_the_known_name_header_and_frame() -> None:
    keys = _keys()
    name = keys.file_name(b"journal\x00live")
    assert name == "276dcd9fdf45c3ba82e83df58bdcf010"
    header = build_header(keys.content, VAULT_ID, name, "live", NONCE, version=1)
    assert header.hex() == (
        "494f50562d4a4e4c00016465666768696a6b6c6d6e6f707172730020c8c9cacbcccdcecfd0d1d2d3"
        "eb38c02316e59515e0cc1fda9de058b880533dd5"
    )
    prefix = file_prefix(JOURNAL_MAGIC, VAULT_ID, 1)
    frame = build_frame(keys.content, prefix, "live", 0, b"event", NONCE)
    assert frame.hex() == (
        "000000216d2dcf42c8c9cacbcccdcecfd0d1d2d3e227d328e7c5e9b60b15a132db933186a965c0fa5b"
    )


def test_a_key_file_has_the_known_bytes() -> None:
    params = KdfParams.for_tests()
    recovery_salt = bytes(range(50, 66))
    key_file = build_key_file(
        vault_id=VAULT_ID,
        data_key=DATA_KEY,
        kdf=params,
        kdf_salt=SALT,
        passphrase_kek=crypto.passphrase_key("pässword", SALT, params),
        recovery_salt=recovery_salt,
        recovery_kek=crypto.recovery_kek(bytes(range(20)), recovery_salt),
        nonce=NONCE,
    )
    assert key_file.to_bytes().hex() == (
        "494f50562d4b455900016465666768696a6b6c6d6e6f7071727301000000010000004001000102"
        "030405060708090a0b0c0d0e0f32333435363738393a3b3c3d3e3f4041c8c9cacbcccdcecfd0d1"
        "d2d3f380a929e48b3aa436a17c5e9a9548dde88fce6f2510caf153bf55ff94755dc702c5af5095"
        "837e28a7fab069ea21b2d2c8c9cacbcccdcecfd0d1d2d38754a8c9f7de7029e80c32018ae3febc"
        "40aab085e32fea9fe680e406e78996008ac9898bc1b07cecc6ba557dc7eacc9c127fbbcca4d881"
        "e90f7060946367937e557c0a9428e88383a55000e424d32d12bef33571"
    )


def test_a_recovery_key_is_written_as_known() -> None:
    assert crypto.format_recovery_key(bytes(range(20))) == "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT"


@pytest.fixture
def fixture_vault(tmp_path: Path) -> Path:
    """A copy of the format-1 vault kept in the repository (opening it writes lock files)."""
    copy = tmp_path / "vault"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_a_format_1_vault_made_earlier_still_opens_and_reads(fixture_vault: Path) -> None:
    vault = Vault.unlock(fixture_vault, FIXTURE_PASSPHRASE)
    assert vault.problems == []
    assert vault.get("group", "tuesday") == b'{"name": "Tuesday group"}'
    assert vault.get("session", "2026-11-23") == b'{"notes": "final version"}'
    assert vault.index_entries("session") == {"2026-11-23": {"date": "2026-11-23"}}


def test_a_format_1_vault_made_earlier_keeps_its_live_journal(fixture_vault: Path) -> None:
    vault = Vault.unlock(fixture_vault, FIXTURE_PASSPHRASE)
    assert vault.unfinished_sessions() == ["2026-11-30"]
    with vault.open_journal("2026-11-30") as journal:
        assert journal.read().records == [b'{"type": "present"}', b'{"type": "note"}']


def test_a_format_1_vault_made_earlier_opens_with_its_recovery_key(fixture_vault: Path) -> None:
    Vault.recover(fixture_vault, FIXTURE_RECOVERY_KEY, "a brand new passphrase")
    reopened = Vault.unlock(fixture_vault, "a brand new passphrase")
    assert reopened.unfinished_sessions() == ["2026-11-30"]
