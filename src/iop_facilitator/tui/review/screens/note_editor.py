"""Editing a draft note part by part: the group note, then each member's progress note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, TextArea

from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.tui.review import keys

GROUP_PART = ""


class NoteEditorScreen(ModalScreen[dict[str, str] | None]):
    """Dismisses with the changed parts ("" for the group part, else a member id), or None."""

    BINDINGS = keys.NOTE_EDITOR

    def __init__(self, note: ClinicalNote, names: dict[str, str]) -> None:
        super().__init__()
        self.parts: list[tuple[str, str]] = [(GROUP_PART, "Group note")]
        self.parts += [(m, names.get(m, m)) for m in note.member_texts]
        self.texts = {GROUP_PART: note.group_text, **note.member_texts}
        self.original = dict(self.texts)
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Label("", id="part-title", classes="form-title")
        yield TextArea(self.texts[GROUP_PART], id="note-text", soft_wrap=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        part, title = self.parts[self.index]
        label = "" if part == GROUP_PART else "Progress note — "
        self.query_one("#part-title", Label).update(
            f"{label}{title}  ({self.index + 1} of {len(self.parts)})"
        )
        area = self.query_one("#note-text", TextArea)
        area.load_text(self.texts[part])
        area.focus()

    def _keep(self) -> None:
        self.texts[self.parts[self.index][0]] = self.query_one("#note-text", TextArea).text

    def action_part(self, step: int) -> None:
        self._keep()
        self.index = (self.index + step) % len(self.parts)
        self._show()

    def action_save(self) -> None:
        self._keep()
        self.dismiss({k: v for k, v in self.texts.items() if v != self.original[k]})

    def action_cancel(self) -> None:
        self.dismiss(None)
