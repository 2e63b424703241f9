"""Errors a therapist can cause while reviewing or exporting, each one sentence."""

from __future__ import annotations

from iop_facilitator.errors import ExitCode, UserError


class NoteLocked(UserError):
    """A final note cannot be edited: later changes are dated addenda."""

    exit_code = ExitCode.INVALID_INPUT


class NoteChanged(UserError):
    """The note changed in another window or program since this one showed it."""

    exit_code = ExitCode.INVALID_INPUT


class NotFinal(UserError):
    """An addendum is only for a final note; a draft is simply edited."""

    exit_code = ExitCode.INVALID_INPUT


class SessionUnknown(UserError):
    """No session matches what was asked for."""

    exit_code = ExitCode.INVALID_INPUT


class FlagUnknown(UserError):
    """No open safety flag has that id."""

    exit_code = ExitCode.INVALID_INPUT


class ExportDeclined(UserError):
    """The person said no to writing plain text outside the vault."""

    exit_code = ExitCode.CANCELLED


class ExportFailed(UserError):
    """The export file could not be written."""

    exit_code = ExitCode.STORAGE_FAILED


class HandlingIncomplete(UserError):
    """A flag's handling must say who handled it and what was done."""

    exit_code = ExitCode.INVALID_INPUT


class MemberUnknown(UserError):
    """No member of any session matches the name or id asked for."""

    exit_code = ExitCode.INVALID_INPUT


class MemberNoteUnclear(UserError):
    """A member's part of the note cannot be told apart from another member's, so exporting it
    alone could show someone else's health information."""

    exit_code = ExitCode.INVALID_INPUT
