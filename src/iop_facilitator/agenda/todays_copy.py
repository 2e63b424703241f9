"""Today's copy of an agenda: changed just before a session, for that session only.

The runner's start screen opens the agenda studio on it (`e`): the template stays as it was,
and the session about to start runs on what was saved in the copy. The copy is made on first
use from the template's own text (comments and all), in a temporary folder removed when the
copy is no longer used.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import weakref
from pathlib import Path

from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.agenda.model import Agenda
from iop_facilitator.agenda.writer import agenda_to_toml


class TodaysCopy:
    """Today's copy of `agenda`, read from `source` (its file) when known."""

    def __init__(self, agenda: Agenda, source: Path | None = None) -> None:
        self.agenda = agenda
        self.source = source
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        """The copy's file, made on first use."""
        if self._path is None:
            folder = Path(tempfile.mkdtemp(prefix="iop-today-"))
            weakref.finalize(self, shutil.rmtree, folder, True)
            stem = self.source.stem if self.source is not None else "agenda"
            self._path = folder / f"{stem}-today.toml"
            self._path.write_text(self._text(), encoding="utf-8")
        return self._path

    def _text(self) -> str:
        if self.source is not None:
            try:
                text = self.source.read_text(encoding="utf-8")
                if load_agenda(self.source) == self.agenda:
                    return text
            except (OSError, UnicodeDecodeError, AgendaError):
                pass  # changed or gone since the runner read it: write what is running
        return agenda_to_toml(self.agenda)

    def reload(self) -> Agenda:
        """The agenda as the copy holds it now (what was last saved in the studio, which
        saves only valid agendas); the one before if the copy cannot be read."""
        with contextlib.suppress(AgendaError):
            self.agenda = load_agenda(self.path)
        return self.agenda
