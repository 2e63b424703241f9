"""The encrypted index: a sealed snapshot plus an append-only log of sealed changes.

Listing never decrypts a record: the index does. It knows each record's current version (so
an older copy put back is caught, and a version written but never listed is not kept) and
which live sessions are finished.

A save costs the same whatever the vault holds: it appends one sealed frame to `index.log`
(and fsyncs it); the snapshot `index` is rewritten only when the log has grown to a fair
share of it (compaction), so the bytes written per save are bounded by a constant. The log
names the snapshot it continues (its generation), which makes each step of a compaction
safe to interrupt:

1. write the new snapshot (a new generation) over `index`, atomically: from here the old log
   is a leftover, everything in it being in the new snapshot;
2. write an empty log of the new generation over `index.log`, atomically.

A missing or damaged snapshot or log is rebuilt from the objects and reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime

from iop_facilitator.vault.crypto import DataKeys
from iop_facilitator.vault.errors import VaultDamagedError, VaultNewerError
from iop_facilitator.vault.frames import FrameScan
from iop_facilitator.vault.index_log import (
    GENERATION_BYTES,
    LOG_HEADER_BYTES,
    Change,
    change_frame,
    log_header,
    read_generation,
    scan_log,
)
from iop_facilitator.vault.index_text import IndexedRecord, IndexText, index_text
from iop_facilitator.vault.objects import (
    Listing,
    adopt_format_1,
    any_record_from_this_vault,
    read_format_1_index,
    rebuild,
)
from iop_facilitator.vault.paths import VaultLayout
from iop_facilitator.vault.sealed import (
    OBJECT_HEADER_BYTES,
    RECORD_MAGIC,
    VERSION_CHANGED,
    FormatProblem,
    NewerFormat,
    prefix_version,
    read_prefix,
    with_version,
)
from iop_facilitator.vault.snapshot import open_snapshot, seal_snapshot, unchecked
from iop_facilitator.vault.storage import (
    FILE_MODE,
    FileStat,
    atomic_write,
    file_stat,
    fsync_file,
    read_file,
    storage_error,
    write_all,
)

# Compact when the log outgrows this share of the snapshot (and this many bytes): each byte a
# save appends is then rewritten at most a few times, whatever the vault holds.
_COMPACT_SHARE = 4
_COMPACT_MIN_BYTES = 1024 * 1024
_WHAT = "the vault's index"


def _snapshot_opens_as_known(keys: DataKeys, data: bytes) -> bool:
    """Whether a snapshot claiming a newer format authenticates as format 2 (a changed byte)."""
    try:
        open_snapshot(keys, with_version(data, 2))
    except FormatProblem:
        return False
    return True


@dataclass
class _LogPosition:
    """How far this process has applied the log (`end` 0: the log must be begun anew)."""

    end: int = 0
    sequence: int = 0
    torn: bool = False


class RecordIndex:
    """The in-memory index, and how it is read, kept up to date and written.

    Not thread-safe and takes no lock itself: the `Vault` holds its locks around every call;
    every method that writes is called with the vault lock held.
    """

    def __init__(self, layout: VaultLayout, keys: DataKeys, vault_id: bytes) -> None:
        self._layout = layout
        self._keys = keys
        self._vault_id = vault_id
        self.records: Listing = {}
        self.finished: set[str] = set()
        """Ids of live sessions stored as finished records (their journals are leftovers)."""
        self.problems: list[VaultDamagedError] = []
        """Damage found while reading (a rebuilt index, unreadable objects)."""
        self.format = 2
        """1 while the vault still has a format-1 index (until `upgrade`)."""
        self.generation = b""
        self.snapshot_bytes = 0
        self.must_compact = False
        """The files do not hold the state read (rebuilt, or a new vault): write a snapshot."""
        self.rebuilt: str | None = None
        """When and why the index was rebuilt from the objects, until `vault check` ran."""
        self._log = _LogPosition()
        self._snapshot_stat: FileStat | None = None
        self._log_stat: FileStat | None = None

    def get(self, kind: str, record_id: str) -> IndexedRecord | None:
        """What the index lists for one record, if anything."""
        return self.records.get(kind, {}).get(record_id)

    def _apply(self, change: Change) -> None:
        self.records.setdefault(change.kind, {})[change.record_id] = IndexedRecord(
            change.rev, change.entry_json
        )
        if change.session is not None:
            self.finished.add(change.session)

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read the snapshot and the log; rebuild from the objects if either is missing or
        damaged (reported in `problems`).

        Raises `VaultNewerError`, or `VaultDamagedError` when the index and the objects agree
        with each other but not with the key file (a key file from another vault).
        """
        for _ in range(3):  # a compaction by another process between our two reads: again
            if self._load_once():
                return

    def _reset(self) -> None:
        self.records, self.finished, self.problems = {}, set(), []
        self.format, self.generation, self.snapshot_bytes = 2, b"", 0
        self.must_compact, self.rebuilt = False, None
        self._log = _LogPosition()

    def _load_once(self) -> bool:
        self._reset()
        self._snapshot_stat = file_stat(self._layout.index)
        data = read_file(self._layout.index, _WHAT)
        if data is None:
            self._rebuild("it is missing")
            return True
        try:
            if read_prefix(data, RECORD_MAGIC) != self._vault_id:
                if not any_record_from_this_vault(self._layout, self._vault_id):
                    # Index and objects agree with each other, not with the key file: the key
                    # file is the stranger, and no passphrase here can open the objects.
                    raise VaultDamagedError(
                        "key", "it belongs to another vault than the files beside it"
                    )
                raise FormatProblem("it belongs to another vault")
            if prefix_version(data) == 1:
                self._load_format_1(data)
                return True
            self.generation, text = open_snapshot(self._keys, data)
        except NewerFormat as error:
            if not _snapshot_opens_as_known(self._keys, data):
                raise VaultNewerError("index", error.version) from error
            self._rebuild(VERSION_CHANGED)
            return True
        except FormatProblem as error:
            self._rebuild(str(error))
            return True
        self.snapshot_bytes = len(data)
        del data
        reader = IndexText(text)
        self.records, self.finished = reader.read()
        del text, reader.text
        if reader.rebuilt is not None:
            self.rebuilt = reader.rebuilt
            self.problems.append(VaultDamagedError("index", unchecked(reader.rebuilt)))
        return self._read_log()

    def _load_format_1(self, data: bytes) -> None:
        self.format = 1
        self.records, self.finished = read_format_1_index(self._keys, self._vault_id, data)
        self.problems += adopt_format_1(
            self._keys, self._vault_id, self._layout, self.records, self.finished
        )

    def _rebuild(self, why: str) -> None:
        self.records, self.finished, problems = rebuild(self._keys, self._vault_id, self._layout)
        self.problems = [VaultDamagedError("index", f"{why}; it was rebuilt from the records")]
        self.problems += problems
        self.must_compact = True
        self.rebuilt = f"{datetime.now(UTC).date().isoformat()}, as {why}"

    def _read_log(self) -> bool:
        """Apply the whole log; False when it belongs to a newer snapshot than the one read."""
        self._log_stat = file_stat(self._layout.index_log)
        data = read_file(self._layout.index_log, _WHAT)
        if data is None:
            self._rebuild("its log (index.log) is missing")
            return True
        try:
            generation = read_generation(data[:LOG_HEADER_BYTES], self._vault_id)
        except NewerFormat:
            # The snapshot beside it was readable: a log newer than its snapshot is damage.
            self._rebuild(f"its log (index.log) is damaged: {VERSION_CHANGED}")
            return True
        except FormatProblem as error:
            self._rebuild(f"its log (index.log) is damaged: {error}")
            return True
        if generation != self.generation:
            # The leftover of an interrupted compaction (everything in it is in the snapshot),
            # or the new log of a compaction finished since we read the snapshot.
            return file_stat(self._layout.index) == self._snapshot_stat
        scanned = scan_log(self._keys.content, data[:LOG_HEADER_BYTES], data, LOG_HEADER_BYTES, 0)
        if scanned.damage is not None:
            self._rebuild(f"its log (index.log) is damaged: {scanned.damage}")
            return True
        self._take(scanned, 0)
        return True

    def _take(self, scanned: FrameScan, base: int) -> None:
        for payload in scanned.records:
            self._apply(Change.from_bytes(payload))
        self._log = _LogPosition(
            end=base + scanned.end,
            sequence=self._log.sequence + len(scanned.records),
            torn=scanned.torn is not None,
        )

    def _read_log_tail(self) -> bool:
        """Apply what other processes appended since we read; False: read everything again."""
        if self._log.end == 0:
            return False
        try:
            with open(self._layout.index_log, "rb") as file:
                header = file.read(LOG_HEADER_BYTES)
                file.seek(self._log.end)
                tail = file.read()
                st = os.fstat(file.fileno())
        except OSError:
            return False
        try:
            if read_generation(header, self._vault_id) != self.generation:
                return False
        except (FormatProblem, NewerFormat):
            return False
        if st.st_size < self._log.end:
            return False
        scanned = scan_log(self._keys.content, header, tail, 0, self._log.sequence)
        if scanned.damage is not None:
            return False
        self._take(scanned, self._log.end)
        self._log_stat = (st.st_ino, st.st_mtime_ns, st.st_size)
        return True

    def refresh_if_changed(self) -> None:
        """See what another process saved since we read: a `stat` of each file when nothing
        changed, the new frames of the log when only it grew."""
        if file_stat(self._layout.index) != self._snapshot_stat:
            self.load()
            return
        log_changed = self.format == 2 and file_stat(self._layout.index_log) != self._log_stat
        if log_changed and not self._read_log_tail():
            self.load()

    def refresh_before_writing(self) -> None:
        """Under the vault lock: the snapshot's generation, read from its header (not only its
        `stat`, as an inode number can be reused within one timestamp tick), and the log's
        new frames."""
        try:
            with open(self._layout.index, "rb") as file:
                header = file.read(OBJECT_HEADER_BYTES)
        except OSError:
            header = b""
        on_disk = header[OBJECT_HEADER_BYTES - GENERATION_BYTES :]
        if self.format == 1 or len(header) < OBJECT_HEADER_BYTES or on_disk != self.generation:
            self.load()
        elif not self._read_log_tail():
            had_log = self._log.end > 0
            self._log_stat = file_stat(self._layout.index_log)
            log = read_file(self._layout.index_log, _WHAT)
            ours = log_header(self._vault_id, self.generation)
            if (log is None and had_log) or (log is not None and log[:LOG_HEADER_BYTES] == ours):
                self.load()  # our log, gone or changed in a way a tail cannot tell
            else:
                self._log = _LogPosition()  # a leftover log: begun anew by the next append

    # -- writing ---------------------------------------------------------------------------

    def append(self, change: Change, *, durable: bool = True) -> None:
        """Append one change to the log (fsynced unless `durable` is False: a batch fsyncs
        once at its end) and apply it. Raises `StorageError`; the log is then as before."""
        path = self._layout.index_log
        header = log_header(self._vault_id, self.generation)
        if self._log.end == 0:
            atomic_write(path, header, what=_WHAT)
            self._log = _LogPosition(end=LOG_HEADER_BYTES)
        frame = change_frame(self._keys.content, header, self._log.sequence, change)
        try:
            fd = os.open(path, os.O_WRONLY, FILE_MODE)
        except OSError as error:
            raise storage_error(error, _WHAT) from error
        try:
            if self._log.torn:
                os.ftruncate(fd, self._log.end)
                self._log.torn = False
            os.lseek(fd, self._log.end, os.SEEK_SET)
            write_all(fd, frame)
            if durable:
                os.fsync(fd)
        except OSError as error:
            try:
                os.ftruncate(fd, self._log.end)
            except OSError:
                self._log.torn = True  # cut by the next append; unauthentic until then
            raise storage_error(error, _WHAT) from error
        finally:
            os.close(fd)
        self._apply(change)
        self._log.end += len(frame)
        self._log.sequence += 1
        self._log_stat = file_stat(path)

    def flush(self) -> None:
        """fsync the log (after appends that were not durable)."""
        fsync_file(self._layout.index_log, what=_WHAT)

    @property
    def log_bytes(self) -> int:
        """How long the log is (what this process has applied of it)."""
        return self._log.end

    def log_is_long(self, share: int = _COMPACT_SHARE) -> bool:
        """Whether the log outgrew 1/`share` of the snapshot (and the minimum)."""
        return self._log.end > max(_COMPACT_MIN_BYTES, self.snapshot_bytes // share)

    def compact(self) -> None:
        """Write everything to a new snapshot, then begin an empty log (see the module's
        docstring for why each step is safe to interrupt). Raises `StorageError`."""
        generation = os.urandom(GENERATION_BYTES)
        data = seal_snapshot(
            self._keys,
            self._vault_id,
            generation,
            index_text(self.records, self.finished, self.rebuilt),
        )
        atomic_write(self._layout.index, data, what=_WHAT)
        self._snapshot_stat = file_stat(self._layout.index)
        self.generation, self.snapshot_bytes = generation, len(data)
        self.format, self.must_compact = 2, False
        self._log = _LogPosition()
        atomic_write(self._layout.index_log, log_header(self._vault_id, generation), what=_WHAT)
        self._log = _LogPosition(end=LOG_HEADER_BYTES)
        self._log_stat = file_stat(self._layout.index_log)

    def upgrade(self) -> None:
        """Turn the format-1 index read into format 2: the log first (ignored while `index`
        is of format 1), then the snapshot over the old index, the one step that commits."""
        generation = os.urandom(GENERATION_BYTES)
        atomic_write(self._layout.index_log, log_header(self._vault_id, generation), what=_WHAT)
        data = seal_snapshot(
            self._keys, self._vault_id, generation, index_text(self.records, self.finished)
        )
        atomic_write(self._layout.index, data, what=_WHAT)
        self._snapshot_stat = file_stat(self._layout.index)
        self._log_stat = file_stat(self._layout.index_log)
        self.generation, self.snapshot_bytes = generation, len(data)
        self.format, self.must_compact = 2, False
        self._log = _LogPosition(end=LOG_HEADER_BYTES)
