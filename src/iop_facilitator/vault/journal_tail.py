"""Following a live session's journal read-only, while its runner holds the session's lock.

The group's view in a second terminal or a browser (`iop-facilitator share`) must not take the
session's lock: the runner holds it and goes on appending. The journal is append-only and
every frame is sealed and numbered, so a reader can read what is there without the lock: each
`read_new()` reads the bytes past the last whole frame it saw and unseals the frames now
complete. A frame still being written (or one that does not authenticate) is left for the next
read: a reader never reports a torn tail, the writer is alive; damage is `vault check`'s to
report.
"""

from __future__ import annotations

from pathlib import Path

from iop_facilitator.vault.errors import JournalDamagedError
from iop_facilitator.vault.frames import scan_frames
from iop_facilitator.vault.journal import frame_aad, header_length, read_session_id
from iop_facilitator.vault.sealed import PREFIX_BYTES, FormatProblem, NewerFormat


class JournalTail:
    """A read-only reader of one live journal (made by `Vault.tail_journal`)."""

    def __init__(
        self, path: Path, shown_as: str, name: str, session_id: str, key: bytes, vault_id: bytes
    ) -> None:
        self._path = path
        self._shown = shown_as
        self._name = name
        self._session_id = session_id
        self._key = key
        self._vault_id = vault_id
        self._prefix: bytes | None = None
        self._offset = 0
        self._sequence = 0

    @property
    def exists(self) -> bool:
        """Whether the journal is still there (it is removed once the session is finished)."""
        return self._path.exists()

    def read_new(self) -> list[bytes]:
        """The whole records appended since the last call (all of them the first time).

        Returns nothing once the journal is gone; raises `JournalDamagedError` when its header
        is not this session's.
        """
        try:
            with self._path.open("rb") as file:
                if self._prefix is None:
                    data = file.read()
                    self._open_header(data)
                    return self._frames(data)
                file.seek(self._offset)
                return self._frames(file.read(), base=self._offset)
        except FileNotFoundError:
            return []

    def _open_header(self, data: bytes) -> None:
        try:
            found = read_session_id(self._key, self._vault_id, self._name, data)
        except (FormatProblem, NewerFormat) as error:
            raise JournalDamagedError(self._shown, str(error), []) from error
        if found != self._session_id:
            raise JournalDamagedError(self._shown, "it belongs to another session", [])
        self._prefix = data[:PREFIX_BYTES]
        self._offset = header_length(data) or 0

    def _frames(self, data: bytes, base: int = 0) -> list[bytes]:
        prefix, session_id = self._prefix, self._session_id
        assert prefix is not None
        found = scan_frames(
            self._key,
            lambda sequence: frame_aad(prefix, session_id, sequence),
            data,
            self._offset - base,
            first_sequence=self._sequence,
        )
        # What follows the last whole frame (being written, or damaged) waits for next time.
        self._sequence += len(found.records)
        self._offset = base + found.end
        return found.records
