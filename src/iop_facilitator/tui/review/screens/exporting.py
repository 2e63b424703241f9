"""Export from inside review: the same confirmation and the same access log as the
`export` command (`review.export.exports.deliver` logs first, then writes 0600)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from iop_facilitator.errors import UserError
from iop_facilitator.review.export.exports import Export, FileFormat, deliver
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.review.screens.forms import Field, FormScreen

Build = Callable[[FileFormat], Export]


class Exporting:
    """Asks where and in which format, builds the export, asks before writing plain text
    (the same question as `iop-facilitator export`), and writes it through `deliver`."""

    def __init__(self, screen: Screen[None], build: Build, formats: tuple[FileFormat, ...]) -> None:
        self.screen = screen
        self.build = build
        self.formats = formats

    def start(self) -> None:
        """Open the form: the format, then the file."""
        names = "/".join(f.value for f in self.formats)
        self.screen.app.push_screen(
            FormScreen(
                "Export",
                [
                    Field("format", f"Format ({names})", self.formats[0].value),
                    Field("file", "File (empty: a descriptive name in this folder)", optional=True),
                ],
                "Plain text leaves the vault: you are asked before anything is written, and the "
                "export goes into the vault's access log.",
            ),
            self._asked,
        )

    def _asked(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        try:
            fmt = FileFormat(values["format"].lower())
        except ValueError:
            self.screen.notify(f"The format is one of {', '.join(self.formats)}.", severity="error")
            return
        if fmt not in self.formats:
            self.screen.notify(f"The format is one of {', '.join(self.formats)}.", severity="error")
            return
        file = values.get("file", "")
        self.screen.run_worker(lambda: self._build(fmt, file), thread=True, group="export")

    def _build(self, fmt: FileFormat, file: str) -> None:
        app = self.screen.app
        try:
            made = self.build(fmt)
        except UserError as error:
            app.call_from_thread(self.screen.notify, str(error), severity="error")
            return
        path = (Path(file) if file else Path(made.file_name)).expanduser().absolute()
        app.call_from_thread(self._confirm, made, path)

    def _confirm(self, made: Export, path: Path) -> None:
        for notice in made.notices:
            self.screen.notify(notice, severity="warning", timeout=12)
        replacing = " (replacing the file there)" if path.exists() else ""
        self.screen.app.push_screen(
            ConfirmScreen(
                f"This writes the {made.what} as plain, unencrypted text to {path}{replacing}. "
                "Continue?"
            ),
            lambda yes: self._start_writing(made, path) if yes else None,
        )

    def _start_writing(self, made: Export, path: Path) -> None:
        self.screen.run_worker(lambda: self._write(made, path), thread=True, group="export")

    def _write(self, made: Export, path: Path) -> None:
        from iop_facilitator.tui.review.app import ReviewApp

        app = self.screen.app
        assert isinstance(app, ReviewApp)
        try:
            written = deliver(app.library, made, path, at=app.now())
        except UserError as error:
            app.call_from_thread(self.screen.notify, str(error), severity="error")
            return
        app.call_from_thread(
            self.screen.notify, f"Exported to {written} (readable only by you; in the access log)."
        )
