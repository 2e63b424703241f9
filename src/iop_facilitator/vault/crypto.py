"""The cryptography of the vault, all from argon2-cffi and pyca/cryptography: nothing home-made.

- The passphrase (NFC-normalised, UTF-8) goes through Argon2id to a key-encryption key.
- A random 160-bit recovery key goes through HKDF-SHA256 to a second key-encryption key.
- Either one unwraps the random 256-bit data key; HKDF-SHA256 splits that into the content
  key (AES-256-GCM for every sealed byte) and the name key (HMAC-SHA256 for file names).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from iop_facilitator.settings import TEST_WEAK_KDF, read_settings

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
SALT_BYTES = 16
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, eight groups of four

KDF_ARGON2ID = 1

# Refuse to run a KDF whose parameters would hang or exhaust the machine: a header with
# such numbers can only be damage or mischief, never something this program wrote.
_MAX_MEMORY_KIB = 4 * 1024 * 1024
_MAX_TIME_COST = 64
_MAX_PARALLELISM = 64
# The floor no key file may go below (../shared/security.md): `vault init` never makes less,
# so a key file with less was made by another tool or changed.
FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_TIME_COST = 3
# The test suite's vaults use a KDF far below the floor to stay fast; this variable (set by
# the tests' conftest, inherited by their child processes) lets such key files be read.
# Never set it for a real vault.
WEAK_KDF_ENV = TEST_WEAK_KDF


class AuthenticationFailed(Exception):
    """An AEAD open failed: wrong key, or the bytes or their associated data were changed."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored in the key file so they can be raised later."""

    # RFC 9106's second recommended setting: about 0.1 s here (see security.md).
    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4

    @classmethod
    def for_tests(cls) -> KdfParams:
        """Cheap parameters (well under a millisecond) for tests and throwaway demo vaults."""
        return cls(time_cost=1, memory_kib=64, parallelism=1)

    def is_reasonable(self) -> bool:
        """Whether running the KDF with these numbers is safe to attempt (the ceiling)."""
        return (
            1 <= self.time_cost <= _MAX_TIME_COST
            and 1 <= self.parallelism <= _MAX_PARALLELISM
            and 8 * self.parallelism <= self.memory_kib <= _MAX_MEMORY_KIB
        )

    def meets_floor(self) -> bool:
        """Whether these numbers are at least the floor (or the tests' cheap KDF is allowed)."""
        if read_settings().test_weak_kdf:
            return True
        return self.memory_kib >= FLOOR_MEMORY_KIB and self.time_cost >= FLOOR_TIME_COST

    def describe(self) -> str:
        """The settings in words, e.g. "Argon2id, 64 MiB, 3 passes, 4 lanes"."""
        memory = (
            f"{self.memory_kib // 1024} MiB"
            if self.memory_kib % 1024 == 0
            else f"{self.memory_kib} KiB"
        )
        passes = "1 pass" if self.time_cost == 1 else f"{self.time_cost} passes"
        lanes = "1 lane" if self.parallelism == 1 else f"{self.parallelism} lanes"
        return f"Argon2id, {memory}, {passes}, {lanes}"


def normalise_passphrase(passphrase: str) -> bytes:
    """The bytes a passphrase stands for: NFC, so the same words typed on any system match."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive the 32-byte key-encryption key from a passphrase with Argon2id (one KDF run)."""
    return hash_secret_raw(
        secret=normalise_passphrase(passphrase),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA256 to 32 bytes."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


def recovery_kek(recovery_key: bytes, salt: bytes) -> bytes:
    """The key-encryption key for the recovery wrapping (the recovery key is already random)."""
    return hkdf(recovery_key, salt, b"iop-facilitator vault v1 recovery")


@dataclass(frozen=True)
class DataKeys:
    """The keys derived from the data key once per unlock."""

    content: bytes
    names: bytes

    @classmethod
    def from_data_key(cls, data_key: bytes, vault_id: bytes) -> DataKeys:
        """Split the data key into the content (AEAD) key and the file-name (HMAC) key."""
        return cls(
            content=hkdf(data_key, vault_id, b"iop-facilitator vault v1 content"),
            names=hkdf(data_key, vault_id, b"iop-facilitator vault v1 names"),
        )

    def file_name(self, label: bytes) -> str:
        """An opaque, stable file name for a record or journal: 32 hex digits of HMAC-SHA256."""
        return hmac.new(self.names, label, hashlib.sha256).hexdigest()[:32]


def seal(key: bytes, plaintext: bytes, aad: bytes, nonce: bytes | None = None) -> bytes:
    """AES-256-GCM: nonce (12 bytes, fresh and random unless given) + ciphertext + tag."""
    if nonce is None:
        nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, sealed: bytes | memoryview, aad: bytes) -> bytes:
    """Open what `seal` made (bytes, or a view of them), or raise `AuthenticationFailed`."""
    if len(sealed) < NONCE_BYTES + TAG_BYTES:
        raise AuthenticationFailed("too short")
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except InvalidTag as error:
        raise AuthenticationFailed("authentication failed") from error


def format_recovery_key(key: bytes) -> str:
    """The recovery key as a person writes it down: base32 in groups of four, e.g. `ABCD-EFGH-…`."""
    text = base64.b32encode(key).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The recovery key's bytes, forgiving case, spaces and dashes; None if it cannot be one."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    # Digits base32 does not use, read as the letters they look like.
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != 32:
        return None
    try:
        return base64.b32decode(cleaned)
    except ValueError:
        return None
