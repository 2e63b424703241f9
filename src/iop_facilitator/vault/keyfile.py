"""The key file: the only file `vault passwd` rewrites.

It wraps the random data key twice, once under the passphrase (Argon2id) and once under the
recovery key (HKDF), and ends with an HMAC over all of it keyed from the data key, so a key
file changed in any byte, or taken from another vault, is caught once it is unlocked.

Layout (big-endian; 220 bytes; see docs/vault-format.md):

    0   magic "IOPV-KEY" (8) | version u16 | vault id (16)
    26  KDF: algorithm u8 (1 = Argon2id) | time cost u32 | memory KiB u32 | parallelism u8
        | salt (16)
    52  recovery salt (16)
    68  passphrase wrapping: nonce (12) | wrapped data key (32) | tag (16)
    128 recovery wrapping: nonce (12) | wrapped data key (32) | tag (16)
    188 HMAC-SHA256 of bytes 0..187, keyed with HKDF(data key, vault id, "… key file")
    220 CRC-32 of bytes 0..219 (u32)

The CRC is not security: it tells accidental damage ("the key file is damaged") from a wrong
passphrase before the KDF runs. Deliberate changes are caught by the AEAD tags and the HMAC.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import zlib
from dataclasses import dataclass

from iop_facilitator.vault.crypto import (
    FLOOR_MEMORY_KIB,
    FLOOR_TIME_COST,
    KDF_ARGON2ID,
    KEY_BYTES,
    SALT_BYTES,
    AuthenticationFailed,
    KdfParams,
    hkdf,
    seal,
    unseal,
)
from iop_facilitator.vault.sealed import (
    KEY_MAGIC,
    PREFIX_BYTES,
    FormatProblem,
    file_prefix,
    read_prefix,
)

_KDF = struct.Struct(">BIIB")
_KDF_END = PREFIX_BYTES + _KDF.size + SALT_BYTES  # 52
_RECOVERY_SALT_END = _KDF_END + SALT_BYTES  # 68
_WRAP_BYTES = 12 + KEY_BYTES + 16  # 60
_PASS_WRAP_END = _RECOVERY_SALT_END + _WRAP_BYTES  # 128
_RECOVERY_WRAP_END = _PASS_WRAP_END + _WRAP_BYTES  # 188
_MAC_END = _RECOVERY_WRAP_END + 32  # 220
KEY_FILE_BYTES = _MAC_END + 4  # 224
# The key file's layout is still that of format 1 in a format-2 vault: its wrappings bind the
# version, and rewriting the recovery wrapping would need the recovery key.
KEY_FILE_VERSION = 1


@dataclass(frozen=True)
class KeyFile:
    """The parsed key file; the wrapped keys stay sealed until a passphrase is given."""

    vault_id: bytes
    kdf: KdfParams
    kdf_salt: bytes
    recovery_salt: bytes
    passphrase_wrap: bytes
    recovery_wrap: bytes
    mac: bytes
    algorithm: int = KDF_ARGON2ID
    intact: bool = True
    """Whether its CRC matched. Each wrapping is authenticated on its own, so one that is
    not intact may still open with the passphrase or the recovery key."""

    def kdf_problem(self) -> str | None:
        """Why the passphrase's KDF must not be run with these settings (None: it may)."""
        kdf = self.kdf
        if self.algorithm != KDF_ARGON2ID:
            return f"its key derivation algorithm {self.algorithm} is unknown"
        if not kdf.is_reasonable():
            return (
                f"its key derivation settings ({kdf.describe()}) are beyond what this program "
                "will run (at most 4 GiB, 64 passes, 64 lanes), so it was changed"
            )
        if not kdf.meets_floor():
            return (
                f"its key derivation settings ({kdf.describe()}) are below the least this "
                f"program accepts ({FLOOR_MEMORY_KIB // 1024} MiB, {FLOOR_TIME_COST} passes), "
                "so it was changed or made by another tool"
            )
        return None

    def passphrase_aad(self) -> bytes:
        """Binds the passphrase wrapping to the vault id, version and KDF parameters."""
        return self.to_bytes()[:_KDF_END] + b"passphrase"

    def recovery_aad(self) -> bytes:
        """Binds the recovery wrapping to the vault id, version and recovery salt.

        It leaves out the KDF section so a new passphrase does not need the recovery key.
        """
        raw = self.to_bytes()
        return raw[:PREFIX_BYTES] + raw[_KDF_END:_RECOVERY_SALT_END] + b"recovery"

    def body(self) -> bytes:
        """Every byte the HMAC covers."""
        return self.to_bytes()[:_RECOVERY_WRAP_END]

    def to_bytes(self) -> bytes:
        """The file's bytes."""
        kdf = _KDF.pack(
            self.algorithm, self.kdf.time_cost, self.kdf.memory_kib, self.kdf.parallelism
        )
        body = (
            file_prefix(KEY_MAGIC, self.vault_id, KEY_FILE_VERSION)
            + kdf
            + self.kdf_salt
            + self.recovery_salt
            + self.passphrase_wrap
            + self.recovery_wrap
            + self.mac
        )
        return body + struct.pack(">I", zlib.crc32(body))

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        """Parse a key file, intact or not (see `intact`, `kdf_problem`); raises `FormatProblem`
        when it cannot be a key file at all, or `NewerFormat`."""
        vault_id = read_prefix(data, KEY_MAGIC, newest=KEY_FILE_VERSION)
        if len(data) != KEY_FILE_BYTES:
            raise FormatProblem(f"it is {len(data)} bytes long instead of {KEY_FILE_BYTES}")
        intact = zlib.crc32(data[:_MAC_END]) == struct.unpack(">I", data[_MAC_END:])[0]
        algorithm, time_cost, memory_kib, parallelism = _KDF.unpack(
            data[PREFIX_BYTES : PREFIX_BYTES + _KDF.size]
        )
        kdf = KdfParams(time_cost=time_cost, memory_kib=memory_kib, parallelism=parallelism)
        return cls(
            vault_id=vault_id,
            kdf=kdf,
            kdf_salt=data[PREFIX_BYTES + _KDF.size : _KDF_END],
            recovery_salt=data[_KDF_END:_RECOVERY_SALT_END],
            passphrase_wrap=data[_RECOVERY_SALT_END:_PASS_WRAP_END],
            recovery_wrap=data[_PASS_WRAP_END:_RECOVERY_WRAP_END],
            mac=data[_RECOVERY_WRAP_END:_MAC_END],
            algorithm=algorithm,
            intact=intact,
        )


def _mac_key(data_key: bytes, vault_id: bytes) -> bytes:
    return hkdf(data_key, vault_id, b"iop-facilitator vault v1 key file")


def compute_mac(data_key: bytes, key_file: KeyFile) -> bytes:
    """The HMAC that closes the key file."""
    return hmac.new(_mac_key(data_key, key_file.vault_id), key_file.body(), hashlib.sha256).digest()


def mac_matches(data_key: bytes, key_file: KeyFile) -> bool:
    """Whether the key file's HMAC is right for this data key."""
    return hmac.compare_digest(compute_mac(data_key, key_file), key_file.mac)


def unwrap(kek: bytes, wrapped: bytes, aad: bytes) -> bytes | None:
    """The data key, or None when the key-encryption key is wrong (or the bytes changed)."""
    try:
        return unseal(kek, wrapped, aad)
    except AuthenticationFailed:
        return None


def build_key_file(
    *,
    vault_id: bytes,
    data_key: bytes,
    kdf: KdfParams,
    kdf_salt: bytes,
    passphrase_kek: bytes,
    recovery_salt: bytes,
    recovery_wrap: bytes | None = None,
    recovery_kek: bytes | None = None,
    nonce: bytes | None = None,
) -> KeyFile:
    """A complete key file: wrap the data key under the passphrase key (and, at `init`, the
    recovery key; afterwards the existing recovery wrapping is kept), then close it with the
    HMAC. `nonce` fixes both wrapping nonces, for known-answer tests only."""
    blank = bytes(_WRAP_BYTES)
    draft = KeyFile(vault_id, kdf, kdf_salt, recovery_salt, blank, blank, bytes(32))
    if recovery_wrap is None:
        if recovery_kek is None:
            raise ValueError("a new key file needs the recovery key or its wrapping")
        recovery_wrap = seal(recovery_kek, data_key, draft.recovery_aad(), nonce)
    passphrase_wrap = seal(passphrase_kek, data_key, draft.passphrase_aad(), nonce)
    unsigned = KeyFile(
        vault_id, kdf, kdf_salt, recovery_salt, passphrase_wrap, recovery_wrap, bytes(32)
    )
    return KeyFile(
        vault_id,
        kdf,
        kdf_salt,
        recovery_salt,
        passphrase_wrap,
        recovery_wrap,
        compute_mac(data_key, unsigned),
    )


def new_salt() -> bytes:
    """A fresh random salt."""
    return os.urandom(SALT_BYTES)
