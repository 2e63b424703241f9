"""Live sessions: their journals opened (under the session's lock), listed and finished.

Part of `Vault` (a base class of it, kept apart by meaning); see `journal` for the file.
"""

from __future__ import annotations

import contextlib
import os
from contextlib import AbstractContextManager
from typing import Any

from iop_facilitator.vault.crypto import DataKeys
from iop_facilitator.vault.errors import (
    StorageError,
    VaultDamagedError,
    VaultError,
    VaultLockedError,
)
from iop_facilitator.vault.index import RecordIndex
from iop_facilitator.vault.index_log import Change
from iop_facilitator.vault.journal import Journal, read_session_id
from iop_facilitator.vault.journal_open import create_journal, prepare_journal
from iop_facilitator.vault.journal_tail import JournalTail
from iop_facilitator.vault.locks import HeldLock, acquire, is_held
from iop_facilitator.vault.objects import LIVE_KIND
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import FormatProblem, NewerFormat
from iop_facilitator.vault.storage import TEMP_PREFIX, remove

_MAX_ID_BYTES = 512
_LOCK_ATTEMPTS = 5


def check_id(record_id: str, what: str = "record id") -> None:
    """Refuse an empty id, or one too long for a file's metadata."""
    if not record_id or len(record_id.encode("utf-8")) > _MAX_ID_BYTES:
        raise ValueError(f"{what} must be 1 to {_MAX_ID_BYTES} bytes")


def journal_label(session_id: str) -> bytes:
    """What a journal's file name HMAC is computed over."""
    return b"journal\x00" + session_id.encode("utf-8")


class LiveSessions:
    """The live-session half of `Vault` (which provides what is declared here)."""

    layout: VaultLayout
    vault_id: bytes
    _keys: DataKeys
    _index: RecordIndex
    _journals: dict[str, Journal]

    def refresh(self) -> None:
        """See `Vault.refresh`."""
        raise NotImplementedError

    def writing(self) -> AbstractContextManager[None]:
        """See `Vault.writing`."""
        raise NotImplementedError

    def put(
        self,
        kind: str,
        record_id: str,
        payload: bytes,
        *,
        index_entry: dict[str, Any] | None = None,
        session: str | None = None,
    ) -> None:
        """See `Vault.put`."""
        raise NotImplementedError

    def open_journal(self, session_id: str) -> Journal:
        """Open (or start) a live session's journal, taking the session's lock.

        A torn last entry is reported in `journal.torn_tail` (and cut by the next append).
        Raises `VaultLockedError` naming the holder, `JournalDamagedError` (with the whole
        records before the damage) or `StorageError`.
        """
        check_id(session_id, "session id")
        if session_id in self._journals and self._journals[session_id].is_open:
            raise ValueError(f"the journal of {session_id!r} is already open in this process")
        name = self._keys.file_name(journal_label(session_id))
        path = self.layout.journal(name)
        shown = self.layout.shown(path)
        lock = self._lock_journal(session_id, name)
        try:
            header_end, scanned, prefix = prepare_journal(
                self._keys.content, self.vault_id, self.layout, name, session_id
            )
        except BaseException:
            lock.release()
            raise
        journal = Journal(
            path=path,
            shown_as=shown,
            session_id=session_id,
            key=self._keys.content,
            prefix=prefix,
            lock=lock,
            header_end=header_end,
            scanned=scanned,
        )
        self._journals[session_id] = journal
        return journal

    def tail_journal(self, session_id: str) -> JournalTail:
        """A read-only reader of a live session's journal that takes no lock (the runner holds
        it): for the group's view in another process (`vault/journal_tail.py`)."""
        check_id(session_id, "session id")
        name = self._keys.file_name(journal_label(session_id))
        path = self.layout.journal(name)
        key, vault_id = self._keys.content, self.vault_id
        return JournalTail(path, self.layout.shown(path), name, session_id, key, vault_id)

    def session_running(self, session_id: str) -> bool:
        """Whether a runner holds this session's lock (on its journal) now, checked without
        taking it."""
        name = self._keys.file_name(journal_label(session_id))
        return is_held(self.layout.journal(name))

    def _register(self, session_id: str) -> None:
        """List the live session in the index before its journal exists: a second place that
        knows its id, so a journal whose header is damaged can still be found and resumed."""
        if self._index.get(LIVE_KIND, session_id) is not None:
            return
        # Best effort: a read-only disk (a session opened for review) or a busy vault lock
        # leaves it unlisted, which only costs the header's recovery.
        with contextlib.suppress(StorageError, VaultLockedError), self.writing():
            if self._index.get(LIVE_KIND, session_id) is None:
                self._index.append(Change(LIVE_KIND, session_id, 1, None))

    def _lock_journal(self, session_id: str, name: str) -> HeldLock:
        """Take the session's lock: a flock on its journal (made first if there is none)."""
        for _ in range(_LOCK_ATTEMPTS):
            self.refresh()
            if session_id in self._index.finished:
                raise VaultError(
                    "This session is already finished; its record can no longer change."
                )
            self._register(session_id)
            create_journal(self._keys.content, self.vault_id, self.layout, name, session_id)
            try:
                return acquire(
                    self.layout.journal(name),
                    note=self.layout.session_lock(name),
                    what="this session",
                )
            except FileNotFoundError:
                continue  # finished (and removed) by its holder meanwhile: look again
        raise VaultLockedError(
            "This session is being finished or removed by another copy of iop-facilitator.",
            hint="Try again in a moment.",
        )

    def unfinished_sessions(self) -> list[str]:
        """The ids of live sessions with a journal and no finished record (crashed or open)."""
        found: list[str] = []
        try:
            names = sorted(os.listdir(self.layout.journals))
        except OSError:  # missing, or not a folder: no live sessions
            return found
        self.refresh()
        listed: dict[str, str] | None = None
        for name in names:
            if name.startswith(TEMP_PREFIX):
                continue
            shown = self.layout.shown(self.layout.journal(name))
            try:
                data = self.layout.journal(name).read_bytes()
                session_id = read_session_id(self._keys.content, self.vault_id, name, data)
            except (OSError, FormatProblem, NewerFormat) as error:
                if listed is None:  # the journal names of the live sessions the index lists
                    listed = {
                        self._keys.file_name(journal_label(sid)): sid
                        for sid in self._index.records.get(LIVE_KIND, {})
                    }
                if name not in listed:
                    # It cannot be resumed without its header; say so rather than hide it.
                    self._index.problems.append(VaultDamagedError(shown, str(error)))
                    continue
                session_id = listed[name]
                self._index.problems.append(
                    VaultDamagedError(
                        shown,
                        f"{error}; its session was found by its name in the index and its "
                        "header is written again when it is resumed",
                    )
                )
            if session_id not in self._index.finished:
                found.append(session_id)
        return sorted(found)

    def finish_session(
        self,
        session_id: str,
        kind: str,
        record_id: str,
        payload: bytes,
        index_entry: dict[str, Any] | None = None,
    ) -> None:
        """Store the finished session record, then remove its journal and release its lock.

        The record and the index say the session is finished in one atomic write, so a crash
        at any point leaves either a resumable journal or the finished record.
        """
        journal = self._journals.get(session_id)
        if journal is None or not journal.is_open:
            journal = self.open_journal(session_id)
        self.put(kind, record_id, payload, index_entry=index_entry, session=session_id)
        remove(journal.path, what="the finished session's journal")
        journal.close()
        self._journals.pop(session_id, None)
