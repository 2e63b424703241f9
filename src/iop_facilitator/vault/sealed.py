"""The sealed record file: one record (or the index), authenticated and encrypted.

Layout (all integers big-endian; see docs/vault-format.md):

    magic "IOPV-REC" (8) | format version u16 | vault id (16) | nonce (12) | ciphertext | tag (16)

The associated data is the first 26 bytes, then the kind (u8 length + ASCII) and the file name
(32 ASCII hex digits, an HMAC of kind and record id under the name key). The plaintext is a
u32 length, a JSON object `{"id", "rev", "entry", "session"}`, then the payload. After opening,
the reader checks that the HMAC of kind and the `id` inside gives the file name back, so a file
renamed, swapped or copied from another record never opens as this one.
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

FORMAT_VERSION = 1
RECORD_MAGIC = b"IOPV-REC"
KEY_MAGIC = b"IOPV-KEY"
JOURNAL_MAGIC = b"IOPV-JNL"
VAULT_ID_BYTES = 16
PREFIX_BYTES = 8 + 2 + VAULT_ID_BYTES

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


def file_prefix(magic: bytes, vault_id: bytes) -> bytes:
    """The 26 bytes every vault file starts with: magic, format version, vault id."""
    return magic + struct.pack(">H", FORMAT_VERSION) + vault_id


def read_prefix(data: bytes, magic: bytes) -> bytes:
    """Check a file's magic and version and return its vault id."""
    if len(data) == 0:
        raise FormatProblem("it is empty")
    if len(data) < PREFIX_BYTES:
        raise FormatProblem("it is too short to be a vault file")
    if data[:8] != magic:
        raise FormatProblem("it is not a file of this kind")
    (version,) = struct.unpack(">H", data[8:10])
    if version > FORMAT_VERSION:
        raise NewerFormat(version)
    if version < 1:
        raise FormatProblem(f"its format version {version} is not valid")
    return data[10:PREFIX_BYTES]


def record_aad(prefix: bytes, kind: str, name: str) -> bytes:
    """Associated data binding a record to its vault, version, kind and name."""
    kind_bytes = kind.encode("ascii")
    return prefix + bytes([len(kind_bytes)]) + kind_bytes + name.encode("ascii")


def record_label(kind: str, record_id: str) -> bytes:
    """What the file name's HMAC is computed over."""
    return b"record\x00" + kind.encode("ascii") + b"\x00" + record_id.encode("utf-8")


def seal_record(
    keys: DataKeys,
    vault_id: bytes,
    kind: str,
    record: SealedRecord,
    *,
    nonce: bytes | None = None,
) -> bytes:
    """The bytes of a record file."""
    name = keys.file_name(record_label(kind, record.record_id))
    meta: dict[str, Any] = {"id": record.record_id, "rev": record.rev, "entry": record.entry}
    if record.session is not None:
        meta["session"] = record.session
    meta_bytes = json.dumps(meta, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    plaintext = _META_LENGTH.pack(len(meta_bytes)) + meta_bytes + record.payload
    prefix = file_prefix(RECORD_MAGIC, vault_id)
    return prefix + seal(keys.content, plaintext, record_aad(prefix, kind, name), nonce)


def open_record(keys: DataKeys, vault_id: bytes, kind: str, name: str, data: bytes) -> SealedRecord:
    """Open a record file's bytes, checking everything it is bound to.

    Raises `FormatProblem` (with the reason) or `NewerFormat`.
    """
    meta, plaintext, start = open_record_parts(keys, vault_id, kind, name, data)
    return SealedRecord(
        record_id=meta["id"],
        rev=meta["rev"],
        entry=meta["entry"],
        session=meta.get("session"),
        payload=plaintext[start:],
    )


def open_record_parts(
    keys: DataKeys, vault_id: bytes, kind: str, name: str, data: bytes
) -> tuple[dict[str, Any], bytes, int]:
    """`open_record` without copying the payload: the record's metadata, the whole plaintext
    and where the payload starts in it (for the index, tens of MB at a career's scale).

    Raises `FormatProblem` (with the reason) or `NewerFormat`.
    """
    file_vault = read_prefix(data, RECORD_MAGIC)
    if file_vault != vault_id:
        raise FormatProblem("it belongs to another vault")
    if len(data) < PREFIX_BYTES + NONCE_BYTES + TAG_BYTES:
        raise FormatProblem("it is truncated")
    try:
        # A view, not a slice: the ciphertext is not copied before it is decrypted.
        plaintext = unseal(
            keys.content,
            memoryview(data)[PREFIX_BYTES:],
            record_aad(data[:PREFIX_BYTES], kind, name),
        )
    except AuthenticationFailed as error:
        raise FormatProblem(
            "it failed authentication (changed, truncated, or swapped with another file)"
        ) from error
    # Past this point the bytes are authentic: a parse failure would be our own bug.
    (meta_length,) = _META_LENGTH.unpack(plaintext[:4])
    meta: dict[str, Any] = json.loads(plaintext[4 : 4 + meta_length])
    if keys.file_name(record_label(kind, meta["id"])) != name:
        raise FormatProblem("it holds another record than its name says (swapped or renamed)")
    return meta, plaintext, 4 + meta_length
