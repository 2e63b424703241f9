"""Opening the key file, kept twice (`key` and `key.backup`), so that no single byte locks a
clinic out of its notes.

Each wrapping (passphrase, recovery key) is authenticated on its own, so damage in one part
never stops the other; the HMAC and CRC over the whole file only tell whether some part is
damaged. The copy is tried when `key` cannot be read or does not open (and differs from it):
a key file damaged or changed in any byte then opens from the copy, and both are written
again from the one that opened, with the damage said as damage. With the copy identical (as
normally), a wrong passphrase costs exactly one KDF run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from iop_facilitator.vault.errors import (
    VaultDamagedError,
    VaultMissingError,
    VaultNewerError,
    WrongPassphraseError,
)
from iop_facilitator.vault.keyfile import KeyFile, mac_matches
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import FormatProblem, NewerFormat
from iop_facilitator.vault.storage import TEMP_PREFIX, atomic_write

REKEY_FOLDER = ".rekey"
Unwrap = Callable[[KeyFile], bytes | None]
"""Open one wrapping of a key file: the data key, or None (wrong secret or damaged part).
Raises `KdfRefused` when the key file's KDF settings must not be run."""


class KdfRefused(Exception):
    """The key file's KDF settings are out of bounds; `str()` says why."""


@dataclass(frozen=True)
class KeyCopy:
    """One of the two copies of the key file, as read."""

    name: str
    data: bytes | None
    key_file: KeyFile | None
    problem: str | None = None
    newer: int | None = None


@dataclass
class OpenedKey:
    """What opened the vault, and what is wrong with the copies (to say and to repair)."""

    key_file: KeyFile
    data_key: bytes
    problems: list[VaultDamagedError] = field(default_factory=list)
    rewrite: bool = False
    """Write both copies again from `key_file` (one is damaged, different or missing)."""


def _read_copy(path: Path, name: str) -> KeyCopy:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return KeyCopy(name, None, None, "it is missing")
    except OSError as error:
        return KeyCopy(name, None, None, f"it cannot be read ({error.strerror or error})")
    try:
        return KeyCopy(name, data, KeyFile.from_bytes(data))
    except NewerFormat as error:
        return KeyCopy(name, data, None, f"it uses the newer format {error.version}", error.version)
    except FormatProblem as error:
        return KeyCopy(name, data, None, str(error))


def read_copies(layout: VaultLayout) -> tuple[KeyCopy, KeyCopy]:
    """`key` and `key.backup`; raises `VaultMissingError` when the folder is no vault."""
    if not layout.root.is_dir():
        raise VaultMissingError(
            f"There is no vault at {layout.root}.",
            hint="Create one with `iop-facilitator vault init`, or give --vault.",
        )
    main = _read_copy(layout.key_file, "key")
    backup = _read_copy(layout.key_backup, "key.backup")
    if main.data is None and backup.data is None:
        raise VaultMissingError(
            f"The folder {layout.root} is not an iop-facilitator vault (it has no key file).",
            hint="Check --vault, or create a vault with `iop-facilitator vault init`.",
        )
    return main, backup


def _staged_copy(layout: VaultLayout) -> KeyCopy | None:
    """The key file of a complete re-keying staging (`.rekey/ready`), if there is one."""
    if not (layout.root / REKEY_FOLDER / "ready").exists():
        return None
    copy = _read_copy(layout.root / REKEY_FOLDER / "key", "key")
    return copy if copy.key_file is not None and copy.key_file.intact else None


def read_key_file(layout: VaultLayout) -> KeyFile:
    """The key file `key` as it is on disk; raises `VaultMissingError`, `VaultNewerError` or
    `VaultDamagedError`."""
    main, _ = read_copies(layout)
    if main.key_file is not None:
        return main.key_file
    if main.newer is not None:
        raise VaultNewerError("key", main.newer)
    raise VaultDamagedError("key", main.problem or "it cannot be read")


def _damage(copy: KeyCopy, opened: KeyFile) -> VaultDamagedError | None:
    """What is wrong with a copy that did not open the vault (None: nothing)."""
    if copy.data is None:
        return None if copy.name == "key.backup" else VaultDamagedError(copy.name, "it is missing")
    if copy.data == opened.to_bytes():
        return None
    reason = copy.problem or "it was changed (it differs from its copy and does not open)"
    return VaultDamagedError(copy.name, f"{reason}; it was written again from its copy")


def open_key(layout: VaultLayout, unwrap: Unwrap, secret: str) -> OpenedKey:
    """Open the data key from `key`, or else from `key.backup`.

    Raises `WrongPassphraseError` (`secret` names what was wrong), `VaultNewerError`,
    `VaultDamagedError` (naming the damage, when no copy opens and `key` is damaged) or
    `VaultMissingError`.
    """
    main, backup = read_copies(layout)
    candidates = [c for c in (main, backup) if c.key_file is not None]
    if backup.data is not None and backup.data == main.data:
        candidates = candidates[:1]
    # An intact copy first: a damaged one's KDF settings may be the damage.
    candidates.sort(key=lambda c: not (c.key_file is not None and c.key_file.intact))
    staged = _staged_copy(layout)
    if staged is not None and staged.data not in (main.data, backup.data):
        candidates.append(staged)  # a re-keying staged but not committed: last
    refused: dict[str, str] = {}
    partial: tuple[KeyCopy, bytes] | None = None
    for copy in candidates:
        assert copy.key_file is not None
        try:
            data_key = unwrap(copy.key_file)
        except KdfRefused as error:
            refused[copy.name] = str(error)
            continue
        if data_key is None:
            continue
        if copy is staged:
            return OpenedKey(copy.key_file, data_key)  # committed by the caller
        if copy.key_file.intact and mac_matches(data_key, copy.key_file):
            others = [c for c in (main, backup) if c is not copy]
            problems = [d for d in (_damage(c, copy.key_file) for c in others) if d is not None]
            rewrite = any(c.data != copy.data for c in others)
            return OpenedKey(copy.key_file, data_key, problems, rewrite)
        partial = partial or (copy, data_key)
    if partial is not None:
        # The wrapping opened (it is authentic on its own), but another part of this copy is
        # damaged and no intact copy opens: say so; the recovery key may no longer work.
        copy, data_key = partial
        assert copy.key_file is not None
        other = "the recovery key" if secret == "passphrase" else "the old passphrase"
        problem = VaultDamagedError(
            copy.name,
            f"a part of it other than the {secret}'s is damaged (its checksum or HMAC does not "
            f"match), so {other} may no longer open the vault",
        )
        return OpenedKey(copy.key_file, data_key, [problem], rewrite=False)
    if main.newer is not None and backup.key_file is None:
        raise VaultNewerError("key", main.newer)
    damaged = main.key_file is None or not main.key_file.intact or "key" in refused
    if damaged:
        reason = refused.get("key") or main.problem or "its checksum does not match"
        raise VaultDamagedError("key", reason)
    if "key.backup" in refused and backup.data != main.data:
        raise VaultDamagedError("key.backup", refused["key.backup"])
    raise WrongPassphraseError(secret)


def write_both(layout: VaultLayout, key_file: KeyFile, what: str) -> None:
    """Write `key`, then its copy (each atomically): killed between, `key` is the newer and
    an unlock with either secret opens one of them and writes the other to match."""
    data = key_file.to_bytes()
    atomic_write(layout.key_file, data, what=what)
    atomic_write(layout.key_backup, data, what=what)


def remove_leftover_key_temps(layout: VaultLayout) -> None:
    """Remove the temp files of a key file write that was interrupted: each may hold the data
    key wrapped under a passphrase the user believes was never set."""
    for leftover in layout.root.glob(f"{TEMP_PREFIX}key*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def undo_init(layout: VaultLayout, created_root: bool) -> None:
    """Take back what a failed `init` made, so that it can simply be tried again."""
    files = (layout.key_file, layout.key_backup, layout.index, layout.index_log, layout.vault_lock)
    for file in files:
        with contextlib.suppress(OSError):
            file.unlink(missing_ok=True)
    folders = [layout.locks, layout.journals, layout.records]
    for folder in folders + ([layout.root] if created_root else []):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: nothing of anyone else's is removed
