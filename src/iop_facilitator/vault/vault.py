"""The vault: a folder of sealed files holding groups, finished sessions and live journals.

Bytes in, bytes out; the layers above choose the JSON. See docs/vault-format.md for every byte
and docs/architecture.md for the contract.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iop_facilitator.vault import crypto
from iop_facilitator.vault.crypto import DataKeys, KdfParams
from iop_facilitator.vault.errors import (
    JournalDamagedError,
    RecordNotFoundError,
    VaultDamagedError,
    VaultError,
    VaultExistsError,
    VaultMissingError,
    VaultNewerError,
    WrongPassphraseError,
)
from iop_facilitator.vault.index import INDEX_KIND, KIND_PATTERN, IndexedRecord, RecordIndex
from iop_facilitator.vault.journal import Journal, JournalScan, TornTail, read_session_id, scan
from iop_facilitator.vault.journal import build_header as build_journal_header
from iop_facilitator.vault.journal import header_length as journal_header_length
from iop_facilitator.vault.journal_tail import JournalTail
from iop_facilitator.vault.keyfile import KeyFile, build_key_file, mac_matches, new_salt, unwrap
from iop_facilitator.vault.locks import HeldLock, acquire, is_held
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import (
    JOURNAL_MAGIC,
    PREFIX_BYTES,
    FormatProblem,
    NewerFormat,
    SealedRecord,
    file_prefix,
    open_record,
    record_label,
    seal_record,
)
from iop_facilitator.vault.storage import (
    TEMP_PREFIX,
    atomic_write,
    make_folder,
    remove,
    restrict_umask,
    storage_error,
)

_MAX_ID_BYTES = 512
# Saving waits this long for another copy of the program to finish its own short write.
_VAULT_LOCK_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class StoredRecord:
    """One record read while walking a kind: its payload, or why it could not be read."""

    record_id: str
    payload: bytes | None
    problem: VaultDamagedError | None = None


def journal_label(session_id: str) -> bytes:
    """What a journal's file name HMAC is computed over."""
    return b"journal\x00" + session_id.encode("utf-8")


def _check_kind(kind: str) -> None:
    if not KIND_PATTERN.match(kind) or kind == INDEX_KIND:
        raise ValueError(f"record kind {kind!r} must be lowercase letters, digits and dashes")


def _check_id(record_id: str, what: str = "record id") -> None:
    if not record_id or len(record_id.encode("utf-8")) > _MAX_ID_BYTES:
        raise ValueError(f"{what} must be 1 to {_MAX_ID_BYTES} bytes")


def _read_key_file(layout: VaultLayout) -> KeyFile:
    if not layout.root.is_dir():
        raise VaultMissingError(
            f"There is no vault at {layout.root}.",
            hint="Create one with `iop-facilitator vault init`, or give --vault.",
        )
    try:
        data = layout.key_file.read_bytes()
    except FileNotFoundError:
        raise VaultMissingError(
            f"The folder {layout.root} is not an iop-facilitator vault (it has no key file).",
            hint="Check --vault, or create a vault with `iop-facilitator vault init`.",
        ) from None
    except OSError as error:
        raise VaultMissingError(
            f"The vault's key file cannot be read ({error.strerror or error})."
        ) from error
    try:
        return KeyFile.from_bytes(data)
    except NewerFormat as error:
        raise VaultNewerError("key", error.version) from error
    except FormatProblem as error:
        raise VaultDamagedError("key", str(error)) from error


def _undo_init(layout: VaultLayout, created_root: bool) -> None:
    """Take back what a failed `init` made, so that it can simply be tried again."""
    for file in (layout.key_file, layout.index, layout.vault_lock):
        with contextlib.suppress(OSError):
            file.unlink(missing_ok=True)
    folders = [layout.locks, layout.journals, layout.records]
    for folder in folders + ([layout.root] if created_root else []):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: nothing of anyone else's is removed


class Vault:
    """An unlocked vault. Make one with `Vault.init`, `Vault.unlock` or `Vault.recover`."""

    def __init__(self, root: Path, key_file: KeyFile, data_key: bytes) -> None:
        self.layout = VaultLayout(root)
        self.path = root
        self.vault_id = key_file.vault_id
        self._key_file = key_file
        self._data_key = data_key
        self._keys = DataKeys.from_data_key(data_key, key_file.vault_id)
        self._index = RecordIndex(self.layout, self._keys, self.vault_id)
        self._vault_lock: HeldLock | None = None
        # The app saves from worker threads while the screen reads: one thread at a time
        # touches the in-memory index and the vault lock.
        self._thread_lock = threading.RLock()
        self._batch_depth = 0
        self._journals: dict[str, Journal] = {}

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def init(
        cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None
    ) -> tuple[Vault, str]:
        """Create a vault in `path` (new or empty) and return it with its recovery key, which
        must be shown to the user once and is never stored in clear."""
        if not passphrase:
            raise VaultError("The passphrase must not be empty.")
        restrict_umask()
        layout = VaultLayout(path)
        if layout.key_file.exists():
            raise VaultExistsError(f"There is already a vault at {path}.")
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise VaultExistsError(
                f"The folder {path} is not empty.", hint="Choose a new or empty folder."
            )
        kdf = kdf or KdfParams()
        vault_id = os.urandom(16)
        data_key = os.urandom(crypto.KEY_BYTES)
        recovery_key = os.urandom(crypto.RECOVERY_KEY_BYTES)
        kdf_salt, recovery_salt = new_salt(), new_salt()
        key_file = build_key_file(
            vault_id=vault_id,
            data_key=data_key,
            kdf=kdf,
            kdf_salt=kdf_salt,
            passphrase_kek=crypto.passphrase_key(passphrase, kdf_salt, kdf),
            recovery_salt=recovery_salt,
            recovery_kek=crypto.recovery_kek(recovery_key, recovery_salt),
        )
        created_root = not path.exists()
        try:
            try:
                for folder in (path, layout.records, layout.journals, layout.locks):
                    make_folder(folder)
            except OSError as error:
                raise storage_error(error, "the new vault") from error
            vault = cls(path, key_file, data_key)
            with vault._locked():
                vault._index.write()
                # The key file goes last: until it exists, the folder is not yet a vault.
                atomic_write(layout.key_file, key_file.to_bytes(), what="the vault's key file")
        except BaseException:
            _undo_init(layout, created_root)
            raise
        return vault, crypto.format_recovery_key(recovery_key)

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Vault:
        """Open the vault with its passphrase: exactly one KDF run, whatever the vault's size.

        Raises `WrongPassphraseError`, `VaultMissingError`, `VaultNewerError` or
        `VaultDamagedError`.
        """
        restrict_umask()
        layout = VaultLayout(path)
        key_file = _read_key_file(layout)
        kek = crypto.passphrase_key(passphrase, key_file.kdf_salt, key_file.kdf)
        data_key = unwrap(kek, key_file.passphrase_wrap, key_file.passphrase_aad())
        if data_key is None:
            raise WrongPassphraseError()
        return cls._opened(path, key_file, data_key)

    @classmethod
    def recover(
        cls, path: Path, recovery_key: str, new_passphrase: str, *, kdf: KdfParams | None = None
    ) -> Vault:
        """Open the vault with its recovery key and set `new_passphrase`; the recovery key
        stays valid."""
        restrict_umask()
        layout = VaultLayout(path)
        key_file = _read_key_file(layout)
        secret = crypto.parse_recovery_key(recovery_key)
        data_key = None
        if secret is not None:
            kek = crypto.recovery_kek(secret, key_file.recovery_salt)
            data_key = unwrap(kek, key_file.recovery_wrap, key_file.recovery_aad())
        if data_key is None:
            raise WrongPassphraseError("recovery key")
        vault = cls._opened(path, key_file, data_key)
        vault.change_passphrase(new_passphrase, kdf=kdf)
        return vault

    @classmethod
    def _opened(cls, path: Path, key_file: KeyFile, data_key: bytes) -> Vault:
        if not mac_matches(data_key, key_file):
            raise VaultDamagedError("key", "it was changed after it was written")
        vault = cls(path, key_file, data_key)
        vault._index.load()
        return vault

    @property
    def kdf(self) -> KdfParams:
        """The KDF parameters the passphrase is currently wrapped with."""
        return self._key_file.kdf

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the data key under `new_passphrase` by atomically replacing the key file.

        Interrupted at any moment, the vault opens with the old or the new passphrase. `kdf`
        defaults to the vault's current parameters.
        """
        if not new_passphrase:
            raise VaultError("The passphrase must not be empty.")
        kdf = kdf or self._key_file.kdf
        kdf_salt = new_salt()
        with self._locked():
            current = _read_key_file(self.layout)
            if current.vault_id != self.vault_id or not mac_matches(self._data_key, current):
                raise VaultDamagedError("key", "it changed while the vault was open")
            key_file = build_key_file(
                vault_id=self.vault_id,
                data_key=self._data_key,
                kdf=kdf,
                kdf_salt=kdf_salt,
                passphrase_kek=crypto.passphrase_key(new_passphrase, kdf_salt, kdf),
                recovery_salt=current.recovery_salt,
                recovery_wrap=current.recovery_wrap,
            )
            atomic_write(self.layout.key_file, key_file.to_bytes(), what="the new passphrase")
            self._key_file = key_file

    # -- the index -------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the vault lock (header and index changes); re-entrant within this object."""
        with self._thread_lock:
            if self._vault_lock is not None:
                yield
                return
            self._vault_lock = acquire(
                self.layout.vault_lock, what="this vault", wait_seconds=_VAULT_LOCK_WAIT_SECONDS
            )
            try:
                yield
            finally:
                self._vault_lock.release()
                self._vault_lock = None

    def refresh(self) -> None:
        """Re-read the index if another copy of the program changed it since we read it."""
        with self._thread_lock:
            self._index.refresh_if_changed()

    @property
    def problems(self) -> list[VaultDamagedError]:
        """Damage found while opening (a rebuilt index, unreadable files it did not list,
        journals whose header is damaged)."""
        return self._index.problems

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold the vault lock and write the index once at the end: for importing many
        records. A crash inside loses nothing (the next unlock adopts unindexed files)."""
        with self._locked():
            self._index.refresh_before_writing()
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1
                if self._batch_depth == 0 and self._index.dirty:
                    self._index.write()

    # -- records ---------------------------------------------------------------------------

    def put(
        self,
        kind: str,
        record_id: str,
        payload: bytes,
        *,
        index_entry: dict[str, Any] | None = None,
        session: str | None = None,
    ) -> None:
        """Store `payload` as record `record_id` of `kind`, replacing any earlier version
        atomically; `index_entry` (small, JSON-able) is kept in the index for listing.
        `session` marks the record as the finished form of that live session.

        Raises `StorageError` if the disk refuses; what was saved before stays intact.
        """
        _check_kind(kind)
        _check_id(record_id)
        if index_entry is not None:
            json.dumps(index_entry)  # refuse what the index could not hold, before writing
        with self._locked():
            if self._batch_depth == 0:
                self._index.refresh_before_writing()
            known = self._index.get(kind, record_id)
            rev = (known.rev if known else 0) + 1
            name = self._keys.file_name(record_label(kind, record_id))
            data = seal_record(
                self._keys,
                self.vault_id,
                kind,
                SealedRecord(record_id, rev, index_entry, session, payload),
            )
            try:
                make_folder(self.layout.records / kind)
            except OSError as error:
                raise storage_error(error, f"the {kind} record") from error
            atomic_write(self.layout.record(kind, name), data, what=f"the {kind} record")
            self._index.set(kind, record_id, IndexedRecord.of(rev, index_entry), session)
            if self._batch_depth == 0:
                self._index.write()

    def get(self, kind: str, record_id: str) -> bytes:
        """The payload of a record, authenticated and checked against the index.

        Raises `RecordNotFoundError`, or `VaultDamagedError` naming the file when it is
        changed, truncated, swapped, from another vault, or older than the index says.
        """
        _check_kind(kind)
        with self._thread_lock:
            self.refresh()
            known = self._index.get(kind, record_id)
        if known is None:
            raise RecordNotFoundError(kind, record_id)
        record = self._read_record(kind, record_id)
        if record.rev < known.rev:
            raise VaultDamagedError(
                self._shown_record(kind, record_id),
                f"it is an older copy (version {record.rev}) than the index lists "
                f"(version {known.rev}), put back from a backup or replayed",
            )
        return record.payload

    def _shown_record(self, kind: str, record_id: str) -> str:
        name = self._keys.file_name(record_label(kind, record_id))
        return f"{self.layout.shown(self.layout.record(kind, name))} ({kind} {record_id!r})"

    def _read_record(self, kind: str, record_id: str) -> SealedRecord:
        name = self._keys.file_name(record_label(kind, record_id))
        path = self.layout.record(kind, name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise VaultDamagedError(
                self._shown_record(kind, record_id), "it is missing although the index lists it"
            ) from None
        except OSError as error:
            raise storage_error(error, f"the {kind} record") from error
        try:
            return open_record(self._keys, self.vault_id, kind, name, data)
        except NewerFormat as error:
            raise VaultNewerError(self._shown_record(kind, record_id), error.version) from error
        except FormatProblem as error:
            raise VaultDamagedError(self._shown_record(kind, record_id), str(error)) from error

    def ids(self, kind: str) -> list[str]:
        """The ids of every record of `kind`, sorted (from the index: nothing is decrypted)."""
        with self._thread_lock:
            self.refresh()
            return sorted(self._index.records.get(kind, {}))

    def index_entries(self, kind: str) -> dict[str, dict[str, Any]]:
        """Each record's index entry (records stored without one are left out)."""
        with self._thread_lock:
            self.refresh()
            return {
                rid: json.loads(r.entry_json)
                for rid, r in self._index.records.get(kind, {}).items()
                if r.entry_json is not None
            }

    def index_entries_json(self, kind: str) -> dict[str, str]:
        """Each record's index entry as JSON text, undecoded (as `index_entries`): for a
        caller that validates it straight into its own model, with no dicts in between."""
        with self._thread_lock:
            self.refresh()
            return {
                rid: r.entry_json
                for rid, r in self._index.records.get(kind, {}).items()
                if r.entry_json is not None
            }

    def records(self, kind: str) -> Iterator[StoredRecord]:
        """Every record of `kind`, decrypted one at a time; a damaged one is reported in its
        `problem` and never stops the others."""
        for record_id in self.ids(kind):
            try:
                yield StoredRecord(record_id, self.get(kind, record_id))
            except VaultDamagedError as error:
                yield StoredRecord(record_id, None, error)

    # -- live sessions ---------------------------------------------------------------------

    def open_journal(self, session_id: str) -> Journal:
        """Open (or start) a live session's journal, taking the session's lock.

        A torn last entry is reported in `journal.torn_tail` (and cut by the next append).
        Raises `VaultLockedError` naming the holder, `JournalDamagedError` (with the whole
        records before the damage) or `StorageError`.
        """
        _check_id(session_id, "session id")
        if session_id in self._journals and self._journals[session_id].is_open:
            raise ValueError(f"the journal of {session_id!r} is already open in this process")
        self.refresh()
        if session_id in self._index.finished:
            raise VaultError("This session is already finished; its record can no longer change.")
        name = self._keys.file_name(journal_label(session_id))
        path = self.layout.journal(name)
        shown = self.layout.shown(path)
        lock = acquire(self.layout.session_lock(name), what="this session")
        try:
            header_end, scanned = self._prepare_journal(path, shown, name, session_id)
        except BaseException:
            lock.release()
            raise
        journal = Journal(
            path=path,
            shown_as=shown,
            session_id=session_id,
            key=self._keys.content,
            prefix=file_prefix(JOURNAL_MAGIC, self.vault_id),
            lock=lock,
            header_end=header_end,
            scanned=scanned,
        )
        self._journals[session_id] = journal
        return journal

    def _prepare_journal(
        self, path: Path, shown: str, name: str, session_id: str
    ) -> tuple[int, JournalScan]:
        header = build_journal_header(self._keys.content, self.vault_id, name, session_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            try:
                make_folder(self.layout.journals)
            except OSError as error:
                raise storage_error(error, "the new session journal") from error
            atomic_write(path, header, what="the new session journal")
            return len(header), JournalScan(end=len(header))
        except OSError as error:
            raise storage_error(error, "the session journal") from error
        # The header's length is known from the session id; everything in it but the sealed
        # part is known exactly, so a cut inside it can be told from a changed length field
        # (which must never lead to rewriting a journal full of entries).
        if len(data) < len(header):
            known = header[: PREFIX_BYTES + 2]
            if data[: len(known)] != known[: len(data)]:
                raise JournalDamagedError(shown, "its header is changed or cut short", [])
            # Cut inside its header (only a deliberate truncation can do that, as headers are
            # written whole): no entry survives, so start it again and say what was dropped.
            atomic_write(path, header, what="the session journal")
            return len(header), JournalScan(
                end=len(header), torn=TornTail(offset=0, dropped_bytes=len(data))
            )
        end = journal_header_length(data)
        if end != len(header):
            raise JournalDamagedError(shown, "its header length is changed", [])
        try:
            found = read_session_id(self._keys.content, self.vault_id, name, data)
        except NewerFormat as error:
            raise VaultNewerError(shown, error.version) from error
        except FormatProblem as error:
            raise JournalDamagedError(shown, str(error), []) from error
        if found != session_id:
            raise JournalDamagedError(shown, "it belongs to another session", [])
        scanned = scan(self._keys.content, session_id, data, end)
        if scanned.damage is not None:
            raise JournalDamagedError(shown, scanned.damage, scanned.records)
        return end, scanned

    def tail_journal(self, session_id: str) -> JournalTail:
        """A read-only reader of a live session's journal that takes no lock (the runner holds
        it): for the group's view in another process (`vault/journal_tail.py`)."""
        _check_id(session_id, "session id")
        name = self._keys.file_name(journal_label(session_id))
        path = self.layout.journal(name)
        key, vault_id = self._keys.content, self.vault_id
        return JournalTail(path, self.layout.shown(path), name, session_id, key, vault_id)

    def session_running(self, session_id: str) -> bool:
        """Whether a runner holds this session's lock now (checked without taking it)."""
        name = self._keys.file_name(journal_label(session_id))
        return is_held(self.layout.session_lock(name))

    def unfinished_sessions(self) -> list[str]:
        """The ids of live sessions with a journal and no finished record (crashed or open)."""
        found: list[str] = []
        try:
            names = sorted(os.listdir(self.layout.journals))
        except OSError:  # missing, or not a folder: no live sessions
            return found
        self.refresh()
        for name in names:
            if name.startswith(TEMP_PREFIX):
                continue
            try:
                data = self.layout.journal(name).read_bytes()
                session_id = read_session_id(self._keys.content, self.vault_id, name, data)
            except (OSError, FormatProblem, NewerFormat) as error:
                # It cannot be resumed without its header; say so rather than hide it.
                shown = self.layout.shown(self.layout.journal(name))
                self.problems.append(VaultDamagedError(shown, str(error)))
                continue
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
        journal.close(remove_lock_file=True)
        self._journals.pop(session_id, None)
