"""What can go wrong with a vault, each as one sentence for the person at the keyboard.

Every error here is a `UserError` with the exit code documented in `docs/vault-format.md`.
File names in messages are relative to the vault folder (opaque hashes); a message may add the
record's id, to say which record the file should hold. Messages go to the screen, never to disk.
"""

from __future__ import annotations

from iop_facilitator.errors import ExitCode, UserError

CHECK_HINT = (
    "The rest of the vault is fine; run `iop-facilitator vault check` to list every damaged file."
)


class VaultError(UserError):
    """Any problem with the vault the user can act on."""


class WrongPassphraseError(VaultError):
    """The passphrase (or recovery key) does not unwrap the data key."""

    exit_code = ExitCode.WRONG_PASSPHRASE

    def __init__(self, what: str = "passphrase") -> None:
        super().__init__(
            f"The {what} does not open this vault.",
            hint="Check it and try again." if what == "passphrase" else None,
        )


class VaultMissingError(VaultError):
    """No vault at the path, or the folder is not a vault."""

    exit_code = ExitCode.VAULT_MISSING


class VaultExistsError(VaultError):
    """`init` refused: a vault (or other files) is already there."""

    exit_code = ExitCode.INVALID_INPUT


class VaultNewerError(VaultError):
    """A file was written by a newer version of this program."""

    exit_code = ExitCode.VAULT_NEWER

    def __init__(self, file: str, version: int) -> None:
        super().__init__(
            f"The file {file} uses vault format {version}, newer than this program understands.",
            hint="Upgrade iop-facilitator to open this vault; nothing was changed.",
        )


class VaultDamagedError(VaultError):
    """A file failed authentication, is truncated, swapped, replayed or from another vault."""

    exit_code = ExitCode.VAULT_DAMAGED

    def __init__(self, file: str, problem: str) -> None:
        super().__init__(f"The file {file} is damaged: {problem}.", hint=CHECK_HINT)
        self.file = file
        self.problem = problem


class JournalDamagedError(VaultDamagedError):
    """A live session's journal is damaged before its end; `records` holds what came before."""

    def __init__(self, file: str, problem: str, records: list[bytes]) -> None:
        super().__init__(file, problem)
        self.records = records


class RecordNotFoundError(VaultError):
    """`get` of a record the vault does not hold."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, kind: str, record_id: str) -> None:
        super().__init__(f"There is no {kind} record {record_id!r} in this vault.")
        self.kind = kind
        self.record_id = record_id


class VaultLockedError(VaultError):
    """Another process holds the lock; the message names it."""

    exit_code = ExitCode.VAULT_LOCKED


class StorageError(VaultError):
    """The disk refused a write: full, read-only or no permission. Nothing saved was lost."""

    exit_code = ExitCode.STORAGE_FAILED


class PassphraseSourceError(VaultError):
    """No passphrase could be read from the file, command or prompt asked for."""

    exit_code = ExitCode.INVALID_INPUT
