"""The editor's one screen: the outline and the form of the part chosen (or the TOML text),
the timeline, and every problem, kept in step with the file's text on each keystroke."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, ListView, Static, TabbedContent, TabPane, TextArea

from iop_facilitator.agenda.defaults import notices
from iop_facilitator.agenda.document import AgendaDocument
from iop_facilitator.agenda.errors import AgendaError, Problem
from iop_facilitator.agenda.form_fields import REMINDER_PART, new_phase, part_of, write
from iop_facilitator.agenda.loader import parse_agenda
from iop_facilitator.agenda.saving import save_agenda, save_draft
from iop_facilitator.agenda.timeline import timeline
from iop_facilitator.errors import UserError
from iop_facilitator.tui.common.confirm import ConfirmScreen
from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.studio import keys
from iop_facilitator.tui.studio.widgets.outline import Outline, Part
from iop_facilitator.tui.studio.widgets.part_form import PartForm
from iop_facilitator.tui.studio.widgets.timeline import TimelinePreview
from iop_facilitator.tui.studio.widgets.toml_area import TomlArea


class EditorScreen(Screen[None]):
    """Edits the agenda file at `path`, whose text is `text` (see the module)."""

    BINDINGS = keys.STUDIO

    def __init__(self, path: Path, text: str) -> None:
        super().__init__()
        self.path = path
        self.document = AgendaDocument(text, str(path))
        self.draft = self.document.draft()
        # What the file holds: a draft opened in its place shows as not saved.
        try:
            self.saved_text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.saved_text = text
        self.problems: list[Problem] = []
        self.notices: list[str] = []
        self._form_lock = asyncio.Lock()

    @property
    def text(self) -> str:
        """The file's text as it would be saved now."""
        return self.document.text

    def compose(self) -> ComposeResult:
        yield Label("", id="heading")
        with TabbedContent(id="tabs"):
            with TabPane("Form", id="form-tab"), Horizontal():
                yield Outline()
                yield Vertical(id="form-holder")
            with TabPane("TOML", id="toml-tab"):
                yield TomlArea(self.text, id="toml")
        with Horizontal(id="timeline-row"):
            yield Input(placeholder="start hh:mm", id="start", max_length=5)
            yield TimelinePreview(id="timeline")
        with VerticalScroll(id="problems-box"):
            yield Static("", id="problems")
        yield Footer()

    async def on_mount(self) -> None:
        await self._show_form(self.query_one(Outline).part())
        await self.refresh_all(edited=False)
        self.query_one(Outline).focus()

    # -- keeping everything in step ---------------------------------------------------------

    def _check(self) -> None:
        try:
            parse_agenda(self.text, str(self.path))
            self.problems = []
        except AgendaError as error:
            self.problems = list(error.problems)
        try:
            self.notices = notices(self.document.data())
        except ValueError:
            self.notices = []

    async def refresh_all(
        self, *, select: Part | None = None, rebuild: bool = False, edited: bool = True
    ) -> None:
        """Write the draft into the document (unless nothing was `edited` yet: the file is
        shown as it is), check it, and redraw what depends on it."""
        if edited:
            self.document.apply(self.draft)
        self._check()
        toml = self.query_one("#toml", TextArea)
        if toml.text != self.text and not toml.has_focus:
            toml.load_text(self.text)
        start = self.query_one("#start", Input).value
        line = timeline(self.draft, start)
        self.query_one(TimelinePreview).show(line)
        outline = self.query_one(Outline)
        faulty = {part_of(p) for p in self.problems if p.field}
        await outline.show(self.draft, line, faulty, select)
        await self._show_form(outline.part(), again=rebuild)
        self._show_problems()

    def _form(self) -> PartForm | None:
        forms = self.query(PartForm)
        return forms.first() if forms else None

    async def _show_form(self, part: Part, *, again: bool = False) -> None:
        # Highlighting and editing can both ask for a form at once: one at a time.
        async with self._form_lock:
            form = self._form()
            if form is not None and form.part == part and not again:
                form.show_problems(self.problems)
                return
            holder = self.query_one("#form-holder")
            await holder.remove_children()
            form = PartForm(self.draft, part)
            await holder.mount(form)
            form.show_problems(self.problems)

    def _show_problems(self) -> None:
        self.query_one(TomlArea).mark_problem_lines({p.line for p in self.problems if p.line})
        lines = [f"! {notice}" for notice in self.notices]
        lines += [f"✗ {_where(p)}{_said(p)}" for p in self.problems]
        self.query_one("#problems", Static).update(
            escape("\n".join(lines)) or "No problems. F1 lists the keys."
        )
        self.query_one("#problems-box").set_class(bool(self.problems), "faulty")
        if not self.problems and self.text == self.saved_text:
            state = "saved"
        elif self.problems:
            count = len(self.problems)
            state = f"{count} problem{'s' if count != 1 else ''}, not saved"
        else:
            state = "not saved"
        title = self.draft.title or "Untitled agenda"
        # The state first: a long title is what the narrow window cuts.
        self.query_one("#heading", Label).update(
            f"{state} · {escape(self.path.name)} · [b]{escape(title)}[/b]"
        )

    # -- the form and the TOML text ---------------------------------------------------------

    @on(PartForm.Edited)
    async def _edited(self, event: PartForm.Edited) -> None:
        if write(self.draft, event.part, event.name, event.value):
            await self.refresh_all(rebuild=event.name == "kind")

    @on(ListView.Highlighted, "#outline")
    async def _chosen(self, event: ListView.Highlighted) -> None:
        outline = self.query_one(Outline)
        if outline.parts:
            await self._show_form(outline.part())

    @on(Input.Changed, "#start")
    async def _start_changed(self) -> None:
        await self.refresh_all(edited=False)

    @on(TextArea.Changed, "#toml")
    async def _toml_edited(self, event: TextArea.Changed) -> None:
        if not event.text_area.has_focus or event.text_area.text == self.text:
            return
        try:
            document = AgendaDocument(event.text_area.text, str(self.path))
            draft = document.draft()
        except (AgendaError, ValueError) as error:
            self.problems = (
                list(error.problems)
                if isinstance(error, AgendaError)
                else [Problem(str(self.path), None, None, "", "this is not valid TOML.")]
            )
            self._show_problems()
            return
        self.document, self.draft = document, draft
        await self.refresh_all(rebuild=True, edited=False)

    def action_keys(self) -> None:
        self.app.push_screen(KeysScreen([("", keys.reference())]))

    def action_switch_tab(self) -> None:
        # Focus moves with the tab: a field left focused in the hidden form would take the
        # focus back there, and with it the form's tab.
        tabs = self.query_one(TabbedContent)
        if tabs.active == "toml-tab" and self._toml_not_read():
            return
        if tabs.active == "form-tab":
            tabs.active = "toml-tab"
            self.query_one(TomlArea).focus()
        else:
            tabs.active = "form-tab"
            self.query_one(Outline).focus()

    # -- phases -----------------------------------------------------------------------------

    def _phase_index(self) -> int | None:
        part = self.query_one(Outline).part()
        return part if isinstance(part, int) else None

    async def action_add_phase(self) -> None:
        index = self._phase_index()
        at = len(self.draft.phases) if index is None else index + 1
        self.draft.phases.insert(at, new_phase(self.draft))
        await self.refresh_all(select=at)

    async def action_duplicate_phase(self) -> None:
        index = self._phase_index()
        if index is None:
            return
        twin = self.draft.phases[index].copy()
        twin.id = self.draft.new_phase_id(twin.id)
        self.draft.phases.insert(index + 1, twin)
        await self.refresh_all(select=index + 1)

    async def action_move_phase(self, step: int) -> None:
        index = self._phase_index()
        if index is None or not 0 <= index + step < len(self.draft.phases):
            return
        phases = self.draft.phases
        phases[index], phases[index + step] = phases[index + step], phases[index]
        await self.refresh_all(select=index + step)

    @work
    async def action_delete_phase(self) -> None:
        index = self._phase_index()
        if index is None:
            return
        phase = self.draft.phases[index]
        question = f"Delete the phase '{phase.title or phase.id}'?"
        if await self.app.push_screen_wait(ConfirmScreen(question, "Its prompts and script go.")):
            del self.draft.phases[index]
            await self.refresh_all(select=max(0, index - 1) if self.draft.phases else REMINDER_PART)

    # -- saving, trying, leaving ------------------------------------------------------------

    def _toml_not_read(self) -> bool:
        """Whether the TOML tab holds text that is not TOML (said, if so): the form and the
        file can only take valid TOML, and the text typed is not thrown away unasked."""
        if self.query_one(TomlArea).text == self.text:
            return False
        where = next((f" (line {p.line})" for p in self.problems if p.line), "")
        self.notify(
            f"The TOML text is not valid TOML{where}: fix it first; the form and the file "
            "can only take valid TOML.",
            severity="warning",
        )
        return True

    @work
    async def action_save(self) -> None:
        if self._toml_not_read():
            return
        self.document.apply(self.draft)
        self._check()
        if self.problems:
            count = len(self.problems)
            detail = "\n".join(f"{_where(p)}{_said(p)}" for p in self.problems[:4])
            keep = await self.app.push_screen_wait(
                ConfirmScreen(
                    f"Not saved: {count} problem{'s' if count != 1 else ''} to fix. "
                    "Keep it as a draft meanwhile?",
                    detail,
                )
            )
            if keep:
                draft = self._write(lambda: save_draft(self.path, self.text))
                if isinstance(draft, Path):
                    self.notify(f"Kept as a draft in {draft.name}; it is never offered to run.")
            self._show_problems()
            return
        if self._write(lambda: save_agenda(self.path, self.text)) is not None:
            self.saved_text = self.text
            self.notify(f"Saved {self.path.name}; the previous version is {self.path.name}.bak.")
        self._show_problems()

    def _write(self, save: Callable[[], object]) -> Path | bool | None:
        try:
            result = save()
        except UserError as error:
            self.notify(str(error), severity="error")
            return None
        return result if isinstance(result, Path) else True

    @work
    async def action_quit_studio(self) -> None:
        if self.text != self.saved_text and not await self.app.push_screen_wait(
            ConfirmScreen("Leave without saving?", "Your changes since the last save go.")
        ):
            return
        self.app.exit()

    def action_try_it(self) -> None:
        from iop_facilitator.tui.studio.trying import try_in_demo

        if self.problems:
            self.notify("Fix the problems first: the demo needs an agenda it can run.")
            return
        try_in_demo(self.app, self.text)


def _where(problem: Problem) -> str:
    return f"line {problem.line}: " if problem.line else ""


def _said(problem: Problem) -> str:
    return f"{problem.field} {problem.message}" if problem.field else problem.message
