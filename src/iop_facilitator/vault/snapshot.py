"""The index snapshot: a format-2 object of kind `index` holding the whole index's JSON.

Layout (see docs/vault-format.md): magic "IOPV-REC" | version u16 = 2 | vault id (16)
| generation (16) | nonce (12) | ciphertext | tag (16); associated data: the first 42 bytes,
then the kind `index` (u8 length + ASCII). The generation is new at every compaction, and the
index log names the generation it continues.
"""

from __future__ import annotations

from iop_facilitator.vault.crypto import AuthenticationFailed, DataKeys, seal, unseal
from iop_facilitator.vault.index_log import GENERATION_BYTES
from iop_facilitator.vault.objects import INDEX_KIND
from iop_facilitator.vault.sealed import (
    OBJECT_HEADER_BYTES,
    RECORD_MAGIC,
    FormatProblem,
    file_prefix,
    object_aad,
)


def unchecked(rebuilt: str) -> str:
    """The notice of a rebuilt index, said at every unlock until `vault check` checked it."""
    return (
        f"it was rebuilt from the records ({rebuilt}) and not checked since, so an older copy "
        "of a record put back in place of the current one could not be told apart; run "
        "`iop-facilitator vault check`"
    )


def seal_snapshot(
    keys: DataKeys, vault_id: bytes, generation: bytes, text: bytes, nonce: bytes | None = None
) -> bytes:
    """The bytes of the index snapshot: a format-2 object of kind `index` whose name field
    holds the generation, and whose plaintext is the index's JSON (`nonce`: for known-answer
    tests only)."""
    header = file_prefix(RECORD_MAGIC, vault_id) + generation
    return header + seal(keys.content, text, object_aad(header, INDEX_KIND), nonce)


def open_snapshot(keys: DataKeys, data: bytes) -> tuple[bytes, str]:
    """The generation and JSON text of a snapshot whose prefix was checked; `FormatProblem`."""
    if len(data) < OBJECT_HEADER_BYTES + 28:
        raise FormatProblem("it is truncated")
    try:
        plaintext = unseal(
            keys.content,
            memoryview(data)[OBJECT_HEADER_BYTES:],
            object_aad(data[:OBJECT_HEADER_BYTES], INDEX_KIND),
        )
    except AuthenticationFailed as error:
        raise FormatProblem("it failed authentication (changed or truncated)") from error
    generation = data[OBJECT_HEADER_BYTES - GENERATION_BYTES : OBJECT_HEADER_BYTES]
    return generation, str(plaintext, "ascii")
