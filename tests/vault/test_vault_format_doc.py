"""docs/vault-format.md is enough to read a vault: this test follows it with nothing but
argon2-cffi and pyca/cryptography, never this program's vault code."""

from __future__ import annotations

import hashlib
import hmac
import json
import struct
import unicodedata
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FIXTURE = Path(__file__).parent / "data" / "vault-format-1"
PASSPHRASE = "known answer vault ✓"


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    return AESGCM(key).decrypt(sealed[:12], sealed[12:], aad)


def _name(names_key: bytes, label: bytes) -> str:
    return hmac.new(names_key, label, hashlib.sha256).hexdigest()[:32]


def _keys() -> tuple[bytes, bytes, bytes]:
    key_file = (FIXTURE / "key").read_bytes()
    vault_id = key_file[10:26]
    _, time_cost, memory_kib, lanes = struct.unpack(">BIIB", key_file[26:36])
    kek = hash_secret_raw(
        unicodedata.normalize("NFC", PASSPHRASE).encode(),
        key_file[36:52],
        time_cost,
        memory_kib,
        lanes,
        32,
        Type.ID,
    )
    data_key = _open(kek, key_file[68:128], key_file[:52] + b"passphrase")
    content = _hkdf(data_key, vault_id, b"iop-facilitator vault v1 content")
    names = _hkdf(data_key, vault_id, b"iop-facilitator vault v1 names")
    return vault_id, content, names


def _read_record(content: bytes, names: bytes, kind: str, record_id: str, path: Path) -> bytes:
    data = path.read_bytes()
    name = _name(names, b"record\x00" + kind.encode() + b"\x00" + record_id.encode())
    aad = data[:26] + bytes([len(kind)]) + kind.encode() + name.encode()
    plain = _open(content, data[26:], aad)
    (meta_length,) = struct.unpack(">I", plain[:4])
    assert json.loads(plain[4 : 4 + meta_length])["id"] == record_id
    return plain[4 + meta_length :]


def test_the_index_and_a_record_are_read_by_following_the_document() -> None:
    _, content, names = _keys()
    index = json.loads(_read_record(content, names, "index", "index", FIXTURE / "index"))
    assert list(index["records"]["session"]) == ["2026-11-23"]
    name = _name(names, b"record\x00session\x002026-11-23")
    payload = _read_record(
        content, names, "session", "2026-11-23", FIXTURE / "records" / "session" / name
    )
    assert payload == b'{"notes": "final version"}'


def test_a_live_journal_is_read_by_following_the_document() -> None:
    _, content, names = _keys()
    name = _name(names, b"journal\x002026-11-30")
    data = (FIXTURE / "journals" / name).read_bytes()
    prefix = data[:26]
    (header_length,) = struct.unpack(">H", data[26:28])
    session = _open(content, data[28 : 28 + header_length], prefix + b"journal" + name.encode())
    assert session == b"2026-11-30"
    records, pos, sequence = [], 28 + header_length, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        aad = prefix + struct.pack(">H", len(session)) + session + struct.pack(">Q", sequence)
        records.append(_open(content, data[pos + 8 : pos + 8 + length], aad))
        pos, sequence = pos + 8 + length, sequence + 1
    assert records == [b'{"type": "present"}', b'{"type": "note"}']
