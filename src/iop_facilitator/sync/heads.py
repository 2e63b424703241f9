"""Heads: each device's signed, monotonic account of what it wrote and what it had seen.

A head is what lets a device notice that the store shows it less than it should. Device
`d`'s head number `n` names the objects `d` added since its head `n - 1`, the digest of that
previous head (a hash chain: a head cannot be dropped or swapped out of the middle), and,
for every device, the highest head it had seen and that head's digest (a version vector:
what the whole vault looked like to `d`). It is signed with `d`'s Ed25519 key; the device id
is a hash of the public key, so no one can write heads for a device id without its key.

The vault's content is the union of the objects that the heads name; the heads never
shrink it. Wall-clock times in heads are only for sentences ("on 3 March"): nothing is
ordered by them, so clocks that disagree between devices change nothing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import BaseModel, ConfigDict, Field, ValidationError

SIGNATURE_BYTES = 64
DEVICE_ID_HEX = 32  # 128 bits of SHA-256 of the public key


class HeadError(Exception):
    """A head or device entry that is malformed or whose signature does not verify."""


def device_id_of(public_key: bytes) -> str:
    """The id of the device whose Ed25519 public key (raw, 32 bytes) is `public_key`."""
    return hashlib.sha256(b"iop-facilitator device\x00" + public_key).hexdigest()[:DEVICE_ID_HEX]


class DeviceKey:
    """This device's Ed25519 signing key; the caller keeps its bytes sealed in the vault."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public_key = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.device_id = device_id_of(self.public_key)

    @classmethod
    def generate(cls) -> DeviceKey:
        """A new, random device key."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_bytes(cls, raw: bytes) -> DeviceKey:
        """The device key whose raw 32-byte private key is `raw`."""
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    def private_bytes(self) -> bytes:
        """The raw private key, for the caller to seal into the vault (never into the store)."""
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

        return self._private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    def sign(self, message: bytes) -> bytes:
        """The Ed25519 signature of `message`."""
        return self._private.sign(message)


class Seen(BaseModel):
    """The highest head of one device that the writer of a head had seen."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    counter: int = Field(ge=1)
    digest: str


class Head(BaseModel):
    """One device's head number `counter` (the body that is signed)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    device: str
    public_key: str  # hex, raw Ed25519
    counter: int = Field(ge=1)
    previous: str | None  # digest of this device's head counter - 1; None for the first
    # The packs this device added since its previous head, each with the names of the
    # objects it holds (so a device knows what a pack holds before fetching it).
    written: dict[str, tuple[str, ...]]
    seen: dict[str, Seen]  # other devices' heads this device had seen
    at: datetime  # when it was written, by this device's clock: for sentences only

    def body(self) -> bytes:
        """The canonical bytes that are signed and hashed."""
        return self.model_dump_json().encode()


def head_digest(signed: bytes) -> str:
    """The digest that later heads use to name this signed head."""
    return hashlib.sha256(signed).hexdigest()


def sign_head(key: DeviceKey, head: Head) -> bytes:
    """The signed head: signature (64 bytes), then the body."""
    if head.device != key.device_id or head.public_key != key.public_key.hex():
        raise ValueError("a head is signed by the device it belongs to")
    body = head.body()
    return key.sign(body) + body


def verify_head(signed: bytes) -> Head:
    """The head in `signed`, if its signature verifies under the public key it names and that
    key is the one its device id stands for; `HeadError` otherwise."""
    signature, body = signed[:SIGNATURE_BYTES], signed[SIGNATURE_BYTES:]
    try:
        head = Head.model_validate_json(body)
        public = bytes.fromhex(head.public_key)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, body)
    except (ValidationError, ValueError, InvalidSignature):
        raise HeadError("a head that does not verify") from None
    if device_id_of(public) != head.device:
        raise HeadError("a head whose key is not its device's")
    if (head.counter == 1) != (head.previous is None):
        raise HeadError("a head whose chain is malformed")
    return head


class DeviceEntry(BaseModel):
    """A device's entry in the store's device list: who it is, signed by itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    device: str
    public_key: str
    joined: datetime


def sign_entry(key: DeviceKey, joined: datetime) -> bytes:
    """This device's signed entry for the device list."""
    entry = DeviceEntry(device=key.device_id, public_key=key.public_key.hex(), joined=joined)
    body = entry.model_dump_json().encode()
    return key.sign(body) + body


def verify_entry(signed: bytes) -> DeviceEntry:
    """The entry in `signed`, if it is signed by the key it names; `HeadError` otherwise."""
    signature, body = signed[:SIGNATURE_BYTES], signed[SIGNATURE_BYTES:]
    try:
        entry = DeviceEntry.model_validate_json(body)
        public = bytes.fromhex(entry.public_key)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, body)
    except (ValidationError, ValueError, InvalidSignature):
        raise HeadError("a device entry that does not verify") from None
    if device_id_of(public) != entry.device:
        raise HeadError("a device entry whose key is not its device's")
    return entry
