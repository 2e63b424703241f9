"""Shared constants and helpers of the vault's tests (a unique module name, not a package)."""

from __future__ import annotations

from pathlib import Path

PASSPHRASE = "correct horse battery staple"


def write_key_copies(vault_dir: Path, data: bytes) -> None:
    """Write both copies of the key file (`key` and `key.backup`) with the same bytes."""
    (vault_dir / "key").write_bytes(data)
    (vault_dir / "key.backup").write_bytes(data)


def record_files(vault_dir: Path, kind: str) -> list[Path]:
    """The record files of one kind, by name."""
    return sorted((vault_dir / "records" / kind).iterdir())


def only_record_file(vault_dir: Path, kind: str) -> Path:
    """The one record file of `kind` (fails if there are more)."""
    (path,) = record_files(vault_dir, kind)
    return path
