"""Errors of backup and sync, each one sentence for the person at the keyboard.

None of them ever holds a credential, an object's content or a name from the vault: the
messages name the store (its URL as the user typed it), never what is in it.
"""

from __future__ import annotations

from iop_facilitator.errors import ExitCode, UserError


class RemoteError(UserError):
    """The remote store could not be used (reached, opened, written)."""

    exit_code = ExitCode.REMOTE_FAILED


class RemoteUnreachableError(RemoteError):
    """No answer from the endpoint, even after retries."""


class RemoteCredentialsError(RemoteError):
    """The store refused the credentials found in the usual places, or none were found."""


class RemoteBucketMissingError(RemoteError):
    """The bucket (or the backup folder) does not exist."""


class RemoteNotCreateOnlyError(RemoteError):
    """The store accepted a second create-only write of one key: it would let objects be
    overwritten, so sync refuses it."""


class RemoteStorageError(RemoteError):
    """The store refused a write or a read for another reason (full, read-only, an error)."""


class RemoteDamagedError(UserError):
    """The store holds an object that was altered, swapped, replayed or is missing, or shows
    an older state than this device saw."""

    exit_code = ExitCode.REMOTE_DAMAGED


class ObjectMissingError(RemoteError):
    """An object named in a listing or a head is not in the store (any more)."""
