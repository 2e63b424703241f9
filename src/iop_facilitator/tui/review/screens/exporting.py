"""Export from inside review: the same confirmation and the same access log as the
`export` command (`review.export.exports.deliver` logs first, then writes 0600)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from textual.screen import Screen

from iop_facilitator.errors import UserError
from iop_facilitator.review.export.exports import Export, FileFormat, deliver
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.review.screens.forms import Field, FormScreen

Build = Callable[[FileFormat], Export]
DatedBuild = Callable[[FileFormat, date | None, date | None], Export]


class Exporting:
    """Asks where and in which format, builds the export, asks before writing plain text
    (the same question as `iop-facilitator export`), and writes it through `deliver`."""

    def __init__(self, screen: Screen[None], build: Build, formats: tuple[FileFormat, ...]) -> None:
        self.screen = screen
        self.build = build
        self.formats = formats

    def fields(self) -> list[Field]:
        """What the form asks: the format, then the file."""
        names = "/".join(f.value for f in self.formats)
        return [
            Field("format", f"Format ({names})", self.formats[0].value),
            Field("file", "File (empty: a descriptive name in this folder)", optional=True),
        ]

    def make(self, fmt: FileFormat, values: dict[str, str]) -> Callable[[], Export]:
        """The build to run in a worker, from the form's values (a UserError if they are wrong)."""
        return lambda: self.build(fmt)

    def start(self, typed: dict[str, str] | None = None) -> None:
        """Open the form (again with what was `typed`, after a value it could not take)."""
        fields = [
            replace(f, value=typed[f.name]) if typed and f.name in typed else f
            for f in self.fields()
        ]
        self.screen.app.push_screen(
            FormScreen(
                "Export",
                fields,
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
            if fmt not in self.formats:
                raise ValueError(fmt)
        except ValueError:
            self._again(values, f"The format is one of {', '.join(self.formats)}.")
            return
        try:
            build = self.make(fmt, values)
        except UserError as error:
            self._again(values, str(error))
            return
        file = values.get("file", "")
        self.screen.run_worker(lambda: self._build(build, file), thread=True, group="export")

    def _again(self, values: dict[str, str], problem: str) -> None:
        # The form opens again with what was typed: one wrong day should not cost the rest.
        self.screen.notify(problem, severity="error")
        self.start(values)

    def _build(self, build: Callable[[], Export], file: str) -> None:
        app = self.screen.app
        try:
            made = build()
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


class DatedExporting(Exporting):
    """An export over a range of days, as `export --group NAME --from --to` takes: the form
    also asks for the first and the last day (either empty: open at that end)."""

    def __init__(
        self, screen: Screen[None], build: DatedBuild, formats: tuple[FileFormat, ...]
    ) -> None:
        super().__init__(screen, lambda fmt: build(fmt, None, None), formats)
        self.dated_build = build

    def fields(self) -> list[Field]:
        format_field, file_field = super().fields()
        return [
            format_field,
            Field("from", "From (YYYY-MM-DD; empty: the first session)", optional=True),
            Field("to", "To, included (YYYY-MM-DD; empty: the latest)", optional=True),
            file_field,
        ]

    def make(self, fmt: FileFormat, values: dict[str, str]) -> Callable[[], Export]:
        since = _day(values.get("from", ""), "first")
        until = _day(values.get("to", ""), "last")
        if since and until and since > until:
            raise UserError(f"The first day, {since}, is after the last, {until}.")
        return lambda: self.dated_build(fmt, since, until)


def _day(text: str, which: str) -> date | None:
    """The day typed into the form, None when left empty."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"The {which} day is a date like 2026-11-02, not {text!r}.") from None
