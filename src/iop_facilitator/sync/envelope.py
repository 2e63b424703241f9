"""What the store holds: sealed, padded envelopes under opaque names.

Every object sent to a store is an envelope (docs/sync.md describes every byte):

    magic "IOPS" | version 1 | 12-byte random nonce | AES-256-GCM(plaintext) with 16-byte tag
    plaintext = kind (1 byte) | payload length (4 bytes, big-endian) | payload | zero padding
    associated data = magic | version | the object's name (ASCII)

The name is bound into the associated data, so an object copied or moved to another name
does not open; the kind (record, head, device, probe) is inside the encryption, so the store
cannot tell a head from a note. Sizes are padded (`padded_size`) so that a size says little
about what is inside.

Names are keyed hashes (HMAC-SHA256 under the sync name key), so nobody without the vault's
keys can tell what an object is, which session it holds, or link two names together.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from enum import IntEnum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"IOPS"
VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16
_HEADER = len(MAGIC) + 1 + NONCE_BYTES
_INNER = 1 + 4  # kind, payload length
OVERHEAD = _HEADER + _INNER + TAG_BYTES
MIN_OBJECT_BYTES = 1024
"""The smallest object in the store: heads, device entries and short notes look alike."""


class ObjectKind(IntEnum):
    """What an envelope holds; sealed inside it, never visible to the store."""

    PACK = 1  # immutable objects of the vault (each already sealed by the vault), packed
    HEAD = 2  # a device's signed head
    DEVICE = 3  # a device's entry in the device list (its public key)
    PROBE = 4  # written twice by `remote set` to check create-only writes


class EnvelopeError(Exception):
    """An envelope that does not open: altered, truncated, moved to another name, or foreign."""


@dataclass(frozen=True)
class SyncKeys:
    """The keys of sync, derived from a vault key given as bytes by the caller."""

    name_key: bytes
    seal_key: bytes

    @classmethod
    def derive(cls, vault_key: bytes) -> SyncKeys:
        """Split a 32-byte secret of the vault into the name key and the seal key (HKDF)."""
        if len(vault_key) < 32:
            raise ValueError("the sync keys are derived from a key of at least 32 bytes")

        def expand(info: bytes) -> bytes:
            return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
                vault_key
            )

        return cls(
            name_key=expand(b"iop-facilitator sync v1 object names"),
            seal_key=expand(b"iop-facilitator sync v1 envelopes"),
        )

    def name(self, *parts: bytes) -> str:
        """An opaque object name: HMAC-SHA256 of the parts (length-prefixed), in hex."""
        mac = hmac.new(self.name_key, digestmod=hashlib.sha256)
        for part in parts:
            mac.update(len(part).to_bytes(4, "big"))
            mac.update(part)
        return mac.hexdigest()


def padded_size(payload_bytes: int) -> int:
    """The size in the store of an envelope holding `payload_bytes`.

    At least `MIN_OBJECT_BYTES`; above that, Padmé (Nikitin et al., PETS 2019): the size is
    rounded up so that only its top bits vary, which costs at most 12 % and leaves the store
    O(log log n) bits of the size instead of all of them.
    """
    needed = payload_bytes + OVERHEAD
    if needed <= MIN_OBJECT_BYTES:
        return MIN_OBJECT_BYTES
    exponent = needed.bit_length() - 1
    mantissa_bits = exponent.bit_length()
    low_bits = exponent - mantissa_bits
    mask = (1 << low_bits) - 1
    return (needed + mask) & ~mask


def seal(keys: SyncKeys, name: str, kind: ObjectKind, payload: bytes) -> bytes:
    """The envelope of `payload` under `name` (a fresh random nonce every time)."""
    size = padded_size(len(payload))
    padding = size - OVERHEAD - len(payload)
    plaintext = bytes([kind]) + len(payload).to_bytes(4, "big") + payload + bytes(padding)
    nonce = os.urandom(NONCE_BYTES)
    header = MAGIC + bytes([VERSION]) + nonce
    sealed = AESGCM(keys.seal_key).encrypt(nonce, plaintext, _associated(name))
    return header + sealed


def open_envelope(keys: SyncKeys, name: str, data: bytes) -> tuple[ObjectKind, bytes]:
    """The kind and payload of the envelope stored under `name`; `EnvelopeError` if it does
    not open as exactly that (changed, truncated, from another name or another vault)."""
    if len(data) < OVERHEAD or not data.startswith(MAGIC):
        raise EnvelopeError("not an envelope")
    if data[len(MAGIC)] != VERSION:
        raise EnvelopeError(f"an envelope of version {data[len(MAGIC)]}")
    nonce = data[len(MAGIC) + 1 : _HEADER]
    try:
        plaintext = AESGCM(keys.seal_key).decrypt(nonce, data[_HEADER:], _associated(name))
    except InvalidTag:
        raise EnvelopeError("the envelope does not authenticate") from None
    length = int.from_bytes(plaintext[1:5], "big")
    if len(plaintext) < _INNER + length:
        raise EnvelopeError("the envelope's length is wrong")
    try:
        kind = ObjectKind(plaintext[0])
    except ValueError:
        raise EnvelopeError("an envelope of an unknown kind") from None
    return kind, plaintext[_INNER : _INNER + length]


def _associated(name: str) -> bytes:
    return MAGIC + bytes([VERSION]) + name.encode("ascii")
