"""Errors a user can cause, each with a message written for the user and a documented exit code.

The CLI and the TUI turn these into one line of output; nothing below them prints.
"""

from __future__ import annotations

from enum import IntEnum

from iop_facilitator.settings import DEBUG


class ExitCode(IntEnum):
    """Process exit codes, documented in README.md (keep both in step)."""

    OK = 0
    INVALID_INPUT = 1  # a malformed agenda, a refused event, a bad argument value
    USAGE = 2  # click's own code for a wrong command line
    WRONG_PASSPHRASE = 3
    VAULT_MISSING = 4  # no vault, or the folder is not a vault
    VAULT_DAMAGED = 5  # a file failed authentication, is truncated or from elsewhere
    VAULT_LOCKED = 6  # another process holds the lock
    VAULT_NEWER = 7  # written by a newer version of this program
    STORAGE_FAILED = 8  # disk full, read-only folder, permissions
    CANCELLED = 9  # the user declined a confirmation
    UNEXPECTED = 10  # a bug: an error the program did not expect (no traceback shown)
    REMOTE_FAILED = 11  # the remote store could not be reached, or refused (bucket, credentials)
    REMOTE_DAMAGED = 12  # the remote store holds altered, missing or older objects


def unexpected_error(error: BaseException, kept: str) -> str:
    """One sentence for an error nobody expected: what kind it was (never its message or
    locals, which may hold a note or a name), `kept` (what is safe, and where), and how to see
    the details."""
    return (
        f"Error: the program stopped on an unexpected error ({type(error).__name__}), a bug; "
        f"{kept}. Run it again with {DEBUG}=1 to see the details for a bug report."
    )


class UserError(Exception):
    """An error whose message is a complete sentence for the person at the keyboard."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message
