"""Editing a draft note part by part: the group note, then each member's progress note."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, TextArea

from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.session import SharedSection
from iop_facilitator.tui.review import keys
from iop_facilitator.wording import full_stop

GROUP_PART = ""

AlikeCheck = Callable[[dict[str, str]], list[SharedSection]]
"""Given every member's text as edited, the sections two or more members' notes share."""


class NoteEditorScreen(ModalScreen[dict[str, str] | None]):
    """Dismisses with the changed parts ("" for the group part, else a member id), or None."""

    BINDINGS = keys.NOTE_EDITOR

    DEFAULT_CSS = """
    NoteEditorScreen #note-alike { color: $warning; display: none; width: 1fr; }
    NoteEditorScreen #note-alike.shown { display: block; }
    """

    def __init__(
        self, note: ClinicalNote, names: dict[str, str], alike: AlikeCheck | None = None
    ) -> None:
        super().__init__()
        self.alike = alike
        self.parts: list[tuple[str, str]] = [(GROUP_PART, "Group note")]
        self.parts += [(m, names.get(m, m)) for m in note.member_texts]
        self.texts = {GROUP_PART: note.group_text, **note.member_texts}
        self.original = dict(self.texts)
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Label("", id="part-title", classes="form-title")
        yield Label("", id="note-alike")
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
        self._show_alike(part)

    def _show_alike(self, part: str) -> None:
        """Which other members' notes this member's note shares a section with, as edited
        so far: the check before signing, while the clinician can still set it apart."""
        found: list[str] = []
        if self.alike is not None and part != GROUP_PART:
            members = {k: v for k, v in self.texts.items() if k != GROUP_PART}
            for shared in self.alike(members):
                if part in shared.member_ids:
                    pairs = zip(shared.member_ids, shared.names, strict=True)
                    others = [name for m, name in pairs if m != part]
                    where = (
                        f"{others[0]}'s note"
                        if len(others) == 1
                        else f"the notes of {', '.join(others[:-1])} and {others[-1]}"
                    )
                    found.append(f"{shared.title} reads the same as in {where}")
        label = self.query_one("#note-alike", Label)
        label.update(full_stop("; ".join(found)) if found else "")
        label.set_class(bool(found), "shown")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Say again, as the clinician types, whether this note still reads like others."""
        part = self.parts[self.index][0]
        self.texts[part] = event.text_area.text
        self._show_alike(part)

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
