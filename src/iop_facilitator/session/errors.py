"""Errors the session layer raises for things a person can cause."""

from __future__ import annotations

from iop_facilitator.errors import ExitCode, UserError


class EventRefused(UserError):
    """An event that would make the session wrong: refused, with the reason in one sentence.

    Nothing is recorded when this is raised; the session is exactly as it was.
    """

    exit_code = ExitCode.INVALID_INPUT


class GroupNotFound(UserError):
    """No group with that name or id in the vault."""

    exit_code = ExitCode.INVALID_INPUT


class MemberNotFound(UserError):
    """No member with that name or id in the group."""

    exit_code = ExitCode.INVALID_INPUT


class SessionNotFound(UserError):
    """No session with that id in the vault."""

    exit_code = ExitCode.INVALID_INPUT


class RecordDamaged(UserError):
    """A record decrypted fine but does not hold what this program writes (a newer format?)."""

    exit_code = ExitCode.VAULT_DAMAGED


class RecordNewer(UserError):
    """A record written by a newer version of this program, in a format this one cannot read."""

    exit_code = ExitCode.VAULT_NEWER


class NobodyPresent(UserError):
    """A session nobody was marked present in cannot be finished into the record (it can be
    discarded: `session.discarding`)."""

    exit_code = ExitCode.INVALID_INPUT


class DuplicateMember(UserError):
    """A group already has an active member with that name."""

    exit_code = ExitCode.INVALID_INPUT
