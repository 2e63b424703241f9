"""The sealed record object: one version of one record, authenticated and encrypted.

Format 2 (all integers big-endian; see docs/vault-format.md):

    magic "IOPV-REC" (8) | version u16 = 2 | vault id (16) | record name (16)
    | nonce (12) | ciphertext | tag (16)

The record name is the HMAC of kind and record id (its first 16 bytes). The associated data is
the first 42 bytes, then the kind (u8 length + ASCII). An object never changes once written:
its file is named by the HMAC of kind, record id and version (`object_name`), and a new version
is a new file. The plaintext is a u32 length, a JSON object `{"id", "rev", "entry",
"session"}`, then the payload. After opening, the reader checks that the record name inside
is the HMAC of the `id` inside, so a file swapped with another record never opens as this one.

Format 1 objects (still read; written by older versions, one file per record replaced in place)
have no record name field; their associated data is the 26-byte prefix, the kind and the file
name (32 ASCII hex digits of the record name).
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any

from iop_facilitator.vault.crypto import (
    NONCE_BYTES,
    TAG_BYTES,
    AuthenticationFailed,
    DataKeys,
    seal,
    unseal,
)

FORMAT_VERSION = 2
RECORD_MAGIC = b"IOPV-REC"
KEY_MAGIC = b"IOPV-KEY"
JOURNAL_MAGIC = b"IOPV-JNL"
LOG_MAGIC = b"IOPV-LOG"
VAULT_ID_BYTES = 16
PREFIX_BYTES = 8 + 2 + VAULT_ID_BYTES
NAME_BYTES = 16
OBJECT_HEADER_BYTES = PREFIX_BYTES + NAME_BYTES

_META_LENGTH = struct.Struct(">I")


class FormatProblem(Exception):
    """Bytes that are not a readable file of this format; `str()` says why, for a message."""


class NewerFormat(Exception):
    """The file's format version is newer than this program's."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


@dataclass(frozen=True)
class SealedRecord:
    """What a record file holds once opened."""

    record_id: str
    rev: int
    entry: dict[str, Any] | None
    session: str | None
    payload: bytes
    version: int = FORMAT_VERSION
    """The format the object was written in (1: named by kind and id only, replaced in place)."""


def file_prefix(magic: bytes, vault_id: bytes, version: int = FORMAT_VERSION) -> bytes:
    """The 26 bytes every vault file starts with: magic, format version, vault id."""
    return magic + struct.pack(">H", version) + vault_id


def prefix_version(data: bytes) -> int:
    """The format version of a file whose prefix `read_prefix` accepted."""
    return int(struct.unpack(">H", data[8:10])[0])


def read_prefix(data: bytes, magic: bytes, *, newest: int = FORMAT_VERSION) -> bytes:
    """Check a file's magic and version (at most `newest`) and return its vault id."""
    if len(data) == 0:
        raise FormatProblem("it is empty")
    if len(data) < PREFIX_BYTES:
        raise FormatProblem("it is too short to be a vault file")
    if data[:8] != magic:
        raise FormatProblem("it is not a file of this kind")
    (version,) = struct.unpack(">H", data[8:10])
    if version > newest:
        raise NewerFormat(version)
    if version < 1:
        raise FormatProblem(f"its format version {version} is not valid")
    return data[10:PREFIX_BYTES]


def record_aad(prefix: bytes, kind: str, name: str) -> bytes:
    """Associated data binding a record to its vault, version, kind and name."""
    kind_bytes = kind.encode("ascii")
    return prefix + bytes([len(kind_bytes)]) + kind_bytes + name.encode("ascii")


def record_label(kind: str, record_id: str) -> bytes:
    """What a record's name (the HMAC of kind and id) is computed over."""
    return b"record\x00" + kind.encode("ascii") + b"\x00" + record_id.encode("utf-8")


def object_label(kind: str, record_id: str, rev: int) -> bytes:
    """What a format-2 object's file name (the HMAC of kind, id and version) is computed over."""
    return (
        b"object\x00"
        + kind.encode("ascii")
        + b"\x00"
        + struct.pack(">Q", rev)
        + record_id.encode("utf-8")
    )


def object_name(keys: DataKeys, kind: str, record_id: str, rev: int, version: int) -> str:
    """The file name of version `rev` of a record, as an object of format `version` is named."""
    if version == 1:
        return keys.file_name(record_label(kind, record_id))
    return keys.file_name(object_label(kind, record_id, rev))


def seal_record(
    keys: DataKeys,
    vault_id: bytes,
    kind: str,
    record: SealedRecord,
    *,
    nonce: bytes | None = None,
) -> bytes:
    """The bytes of a record object, in the format `record.version` says."""
    name = keys.file_name(record_label(kind, record.record_id))
    meta: dict[str, Any] = {"id": record.record_id, "rev": record.rev, "entry": record.entry}
    if record.session is not None:
        meta["session"] = record.session
    meta_bytes = json.dumps(meta, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    plaintext = _META_LENGTH.pack(len(meta_bytes)) + meta_bytes + record.payload
    prefix = file_prefix(RECORD_MAGIC, vault_id, record.version)
    if record.version == 1:
        return prefix + seal(keys.content, plaintext, record_aad(prefix, kind, name), nonce)
    header = prefix + bytes.fromhex(name)
    return header + seal(keys.content, plaintext, object_aad(header, kind), nonce)


def object_aad(header: bytes, kind: str) -> bytes:
    """Associated data of a format-2 object: its 42-byte header and its kind."""
    kind_bytes = kind.encode("ascii")
    return header + bytes([len(kind_bytes)]) + kind_bytes


READABLE_VERSIONS = (1, 2)
VERSION_CHANGED = "its format version field is changed (a damaged byte, not a newer format)"


def with_version(data: bytes, version: int) -> bytes:
    """`data` with its format version field set to `version`."""
    return data[:8] + struct.pack(">H", version) + data[10:]


def _opens_as(
    keys: DataKeys, vault_id: bytes, kind: str, data: bytes, file_name: str, version: int
) -> bool:
    """Whether the object authenticates once its version field says `version`: then a newer
    version in it is a changed byte (the version is part of what is authenticated)."""
    try:
        open_record_parts(keys, vault_id, kind, with_version(data, version), file_name)
    except (FormatProblem, NewerFormat):
        return False
    return True


def open_record(
    keys: DataKeys, vault_id: bytes, kind: str, data: bytes, *, file_name: str
) -> SealedRecord:
    """Open a record object's bytes, checking everything it is bound to (`file_name`: the name
    of a format-1 file, which its associated data holds).

    Raises `FormatProblem` (with the reason) or `NewerFormat`.
    """
    meta, plaintext, start, version = open_record_parts(keys, vault_id, kind, data, file_name)
    return SealedRecord(
        record_id=meta["id"],
        rev=meta["rev"],
        entry=meta["entry"],
        session=meta.get("session"),
        payload=plaintext[start:],
        version=version,
    )


def _unseal_file(key: bytes, data: bytes, start: int, aad: bytes) -> bytes:
    try:
        # A view, not a slice: the ciphertext is not copied before it is decrypted.
        return unseal(key, memoryview(data)[start:], aad)
    except AuthenticationFailed as error:
        raise FormatProblem(
            "it failed authentication (changed, truncated, or swapped with another file)"
        ) from error


def open_record_parts(
    keys: DataKeys, vault_id: bytes, kind: str, data: bytes, file_name: str
) -> tuple[dict[str, Any], bytes, int, int]:
    """`open_record` without copying the payload: the record's metadata, the whole plaintext,
    where the payload starts in it (for the format-1 index, tens of MB) and the format.

    Raises `FormatProblem` (with the reason) or `NewerFormat`.
    """
    try:
        file_vault = read_prefix(data, RECORD_MAGIC)
    except NewerFormat:
        if any(_opens_as(keys, vault_id, kind, data, file_name, v) for v in READABLE_VERSIONS):
            raise FormatProblem(VERSION_CHANGED) from None
        raise
    if file_vault != vault_id:
        raise FormatProblem("it belongs to another vault")
    version = prefix_version(data)
    if version == 1:
        if len(data) < PREFIX_BYTES + NONCE_BYTES + TAG_BYTES:
            raise FormatProblem("it is truncated")
        aad = record_aad(data[:PREFIX_BYTES], kind, file_name)
        plaintext = _unseal_file(keys.content, data, PREFIX_BYTES, aad)
        record_name = file_name
    else:
        if len(data) < OBJECT_HEADER_BYTES + NONCE_BYTES + TAG_BYTES:
            raise FormatProblem("it is truncated")
        aad = object_aad(data[:OBJECT_HEADER_BYTES], kind)
        plaintext = _unseal_file(keys.content, data, OBJECT_HEADER_BYTES, aad)
        record_name = data[PREFIX_BYTES:OBJECT_HEADER_BYTES].hex()
    # Past this point the bytes are authentic: a parse failure would be our own bug.
    (meta_length,) = _META_LENGTH.unpack(plaintext[:4])
    meta: dict[str, Any] = json.loads(plaintext[4 : 4 + meta_length])
    if keys.file_name(record_label(kind, meta["id"])) != record_name:
        raise FormatProblem("it holds another record than its name says (swapped or renamed)")
    return meta, plaintext, 4 + meta_length, version
