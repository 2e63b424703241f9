"""The agenda studio's app: one editor screen over one agenda file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from iop_facilitator.agenda.document import AgendaDocument
from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import read_agenda_text
from iop_facilitator.errors import ExitCode, UserError
from iop_facilitator.tui.common.last_resort import SafeApp
from iop_facilitator.tui.common.theme import CALM
from iop_facilitator.tui.studio import keys
from iop_facilitator.tui.studio.screens.editor import EditorScreen


class StudioApp(SafeApp[None]):
    """Edits the agenda at `path` (its text read by the caller)."""

    CSS_PATH = "studio.tcss"
    ENABLE_COMMAND_PALETTE = False  # as in the other apps: the footer's room goes to our keys
    BINDINGS = keys.APP
    TITLE = "Agenda studio"
    KEPT_ON_ERROR: ClassVar[str] = "the agenda file is as it was at the last save"

    def __init__(self, path: Path, text: str, *, notice: str | None = None) -> None:
        """`notice` is said once the editor is open (such as what today's copy is)."""
        super().__init__()
        self.path = path
        self.agenda_text = text
        self.notice = notice

    def on_mount(self) -> None:
        self.register_theme(CALM)
        self.theme = CALM.name
        self.push_screen(EditorScreen(self.path, self.agenda_text))
        if self.notice:
            self.notify(self.notice, timeout=12)


def run_studio(path: Path, text: str | None = None, *, notice: str | None = None) -> None:
    """Open the editor on the agenda file at `path` (showing `text` if given, such as its
    draft, and saying `notice` once open); ends the process with the app's code if it
    failed."""
    shown = read_agenda_text(path) if text is None else text
    try:
        AgendaDocument(shown, str(path))
    except AgendaError as error:
        # The form needs TOML to show; a file that is not is fixed as text, with the line.
        raise UserError(
            f"{error.problems[0]} Fix it in your text editor: "
            f"iop-facilitator agenda edit {path} --in-editor"
        ) from None
    app = StudioApp(path, shown, notice=notice)
    app.run()
    if app.return_code not in (None, ExitCode.OK):
        sys.exit(app.return_code)
