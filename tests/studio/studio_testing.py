"""Driving the agenda studio in tests: open it on a file, fill fields as a person would."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from iop_facilitator.tui.studio.app import StudioApp
from iop_facilitator.tui.studio.screens.editor import EditorScreen
from iop_facilitator.tui.studio.widgets.outline import Outline


def studio_on(path: Path) -> StudioApp:
    """The studio over the agenda file at `path`."""
    return StudioApp(path, path.read_text(encoding="utf-8"))


def editor(pilot: Pilot[None]) -> EditorScreen:
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen), type(screen)
    return screen


async def choose(pilot: Pilot[None], part: str | int) -> None:
    """Highlight `part` in the outline (a phase by its index) and focus the outline."""
    outline = editor(pilot).query_one(Outline)
    outline.focus()
    outline.index = outline.parts.index(part)
    await pilot.pause()
    await pilot.pause()


async def type_into(pilot: Pilot[None], field: str, text: str) -> None:
    """Replace what field `field` (its form name, such as `minutes`) holds by typing `text`."""
    widget = editor(pilot).query_one(f"#field-{field.replace('.', '-')}")
    widget.focus()
    await pilot.pause()
    if isinstance(widget, Input):
        widget.value = ""
        await pilot.press(*[_key(c) for c in text])
    elif isinstance(widget, TextArea):
        widget.select_all()
        await pilot.press("backspace")
        widget.insert(text)
    await pilot.pause()
    await pilot.pause()


async def pick(pilot: Pilot[None], field: str, value: str) -> None:
    """Choose `value` in the list of field `field`."""
    select = editor(pilot).query_one(f"#field-{field}", Select)
    select.value = value
    await pilot.pause()
    await pilot.pause()


def _key(char: str) -> str:
    return {" ": "space", "-": "minus", ":": "colon", ".": "full_stop"}.get(char, char)
