"""Format 2 pinned: known bytes, a fixture vault kept in the repository, and the document
followed with nothing but argon2-cffi and pyca/cryptography.

If a known answer fails, the format changed: do not update the bytes; bump the version.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
import struct
import unicodedata
from pathlib import Path

import pytest
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from iop_facilitator.vault import Vault
from iop_facilitator.vault.crypto import DataKeys
from iop_facilitator.vault.index_log import Change, change_frame, log_header
from iop_facilitator.vault.sealed import SealedRecord, object_name, seal_record
from iop_facilitator.vault.snapshot import seal_snapshot

DATA_KEY = bytes(range(32))
VAULT_ID = bytes(range(100, 116))
NONCE = bytes(range(200, 212))
GENERATION = bytes(range(16))
FIXTURE = Path(__file__).parent / "data" / "vault-format-2"
FIXTURE_PASSPHRASE = "known answer vault ✓"
FIXTURE_RECOVERY_KEY = "RHHT-VMM7-Y7M7-N4RK-RHLU-TTZH-QEHE-CMV4"


def _keys() -> DataKeys:
    return DataKeys.from_data_key(DATA_KEY, VAULT_ID)


def test_an_object_has_the_known_name_and_bytes() -> None:
    record = SealedRecord("s-1", 2, {"date": "2026-11-23"}, None, b"payload")
    assert object_name(_keys(), "session", "s-1", 2, 2) == "6afa5005571c938ddd7f1f9e2b69ea3c"
    assert seal_record(_keys(), VAULT_ID, "session", record, nonce=NONCE).hex() == (
        "494f50562d52454300026465666768696a6b6c6d6e6f70717273146791c83f3e9e20595b4e2fd227"
        "693ac8c9cacbcccdcecfd0d1d2d38751b674e8ea44a77f00d4cd4a985c5f86db1780dff4737e34fa"
        "e83dc79f7b32c4034d75824984a1b93f2e68f531d10bb65db8076132183e23c9b92c8f45c4b01a78"
        "49fcc14cd334140eec1c00"
    )


def test_a_snapshot_has_the_known_bytes() -> None:
    text = b'{"records":{},"finished_sessions":[]}'
    assert seal_snapshot(_keys(), VAULT_ID, GENERATION, text, NONCE).hex() == (
        "494f50562d52454300026465666768696a6b6c6d6e6f70717273000102030405060708090a0b0c0d"
        "0e0fc8c9cacbcccdcecfd0d1d2d3fc73c423f0a75fa72e18ccc51a855c15cdc71b8595ab250d65fa"
        "f53adc89377b9d1b72498b4dc42421d9037aa4256aae7432a88257"
    )


def test_a_log_has_the_known_header_and_frame() -> None:
    header = log_header(VAULT_ID, GENERATION)
    assert header.hex() == (
        "494f50562d4c4f4700026465666768696a6b6c6d6e6f70717273000102030405060708090a0b0c0d0e0f"
    )
    change = Change("session", "s-1", 2, '{"date":"2026-11-23"}')
    assert change_frame(_keys().content, header, 0, change, NONCE).hex() == (
        "0000005fda909379c8c9cacbcccdcecfd0d1d2d3fc73dd2ffdac0ff97f4993cd14c0111d8685509f"
        "99ec7b7065b2b76b99c42b6dc9031326da0ec3f5ef7f6778f967c25efa1bee07266d5a6f6893fb7c"
        "da6eeb5bdb5d56a10bac3b9656fc62f03c1acd240b1afc"
    )


@pytest.fixture
def fixture_vault(tmp_path: Path) -> Path:
    """A copy of the format-2 vault kept in the repository (opening it writes lock files)."""
    copy = tmp_path / "vault"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_a_format_2_vault_made_earlier_opens_and_reads(fixture_vault: Path) -> None:
    vault = Vault.unlock(fixture_vault, FIXTURE_PASSPHRASE)
    assert vault.problems == []
    assert vault.ids("group") == ["thursday", "tuesday"]
    assert vault.get("session", "2026-11-23") == b'{"notes": "final version"}'
    assert vault.index_entries("session") == {"2026-11-23": {"date": "2026-11-23"}}
    assert vault.unfinished_sessions() == ["2026-11-30"]
    with vault.open_journal("2026-11-30") as journal:
        assert journal.read().records == [b'{"type": "present"}', b'{"type": "note"}']


def test_a_format_2_vault_made_earlier_opens_with_its_recovery_key(fixture_vault: Path) -> None:
    Vault.recover(fixture_vault, FIXTURE_RECOVERY_KEY, "a brand new passphrase")
    assert Vault.unlock(fixture_vault, "a brand new passphrase").ids("group") == [
        "thursday",
        "tuesday",
    ]


# -- following docs/vault-format.md, with no vault code ---------------------------------------


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    return AESGCM(key).decrypt(sealed[:12], sealed[12:], aad)


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _doc_keys() -> tuple[bytes, bytes]:
    key_file = (FIXTURE / "key").read_bytes()
    vault_id = key_file[10:26]
    _, time_cost, memory_kib, lanes = struct.unpack(">BIIB", key_file[26:36])
    secret = unicodedata.normalize("NFC", FIXTURE_PASSPHRASE).encode()
    kek = hash_secret_raw(secret, key_file[36:52], time_cost, memory_kib, lanes, 32, Type.ID)
    data_key = _open(kek, key_file[68:128], key_file[:52] + b"passphrase")
    return (
        _hkdf(data_key, vault_id, b"iop-facilitator vault v1 content"),
        _hkdf(data_key, vault_id, b"iop-facilitator vault v1 names"),
    )


def _index_by_the_document(content: bytes) -> dict[str, dict[str, list[object]]]:
    snapshot = (FIXTURE / "index").read_bytes()
    text = _open(content, snapshot[42:], snapshot[:42] + bytes([5]) + b"index")
    index = json.loads(text)
    log = (FIXTURE / "index.log").read_bytes()
    assert log[26:42] == snapshot[26:42]  # the log continues this snapshot
    pos, sequence = 42, 0
    while pos < len(log):
        (length,) = struct.unpack(">I", log[pos : pos + 4])
        change = json.loads(
            _open(content, log[pos + 8 : pos + 8 + length], log[:42] + struct.pack(">Q", sequence))
        )
        index["records"].setdefault(change["kind"], {})[change["id"]] = [
            change["rev"],
            change["entry"],
        ]
        pos, sequence = pos + 8 + length, sequence + 1
    records: dict[str, dict[str, list[object]]] = index["records"]
    return records


def test_the_snapshot_the_log_and_an_object_are_read_by_following_the_document() -> None:
    content, names = _doc_keys()
    records = _index_by_the_document(content)
    assert sorted(records["group"]) == ["thursday", "tuesday"]
    rev = records["session"]["2026-11-23"][0]
    assert rev == 2
    label = b"object\x00session\x00" + struct.pack(">Q", rev) + b"2026-11-23"
    name = hmac.new(names, label, hashlib.sha256).hexdigest()[:32]
    data = (FIXTURE / "records" / "session" / name).read_bytes()
    plain = _open(content, data[42:], data[:42] + bytes([7]) + b"session")
    (meta_length,) = struct.unpack(">I", plain[:4])
    meta = json.loads(plain[4 : 4 + meta_length])
    record_name = hmac.new(names, b"record\x00session\x002026-11-23", hashlib.sha256).digest()
    assert (meta["id"], meta["rev"], data[26:42]) == ("2026-11-23", 2, record_name[:16])
    assert plain[4 + meta_length :] == b'{"notes": "final version"}'
