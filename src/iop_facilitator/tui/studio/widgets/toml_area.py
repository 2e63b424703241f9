"""The TOML tab's text: highlighted as TOML, with the lines that have problems marked."""

from __future__ import annotations

import dataclasses

from rich.style import Style
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

_PROBLEM = "iop.problem"
_THEME = "iop-toml"


class TomlArea(TextArea):
    """A TOML code editor that marks the lines named by the loader's problems."""

    def __init__(self, text: str, *, id: str | None = None) -> None:
        # Set first: TextArea's own __init__ already builds the highlights.
        self._problem_rows: set[int] = set()
        super().__init__(
            text,
            language="toml",
            id=id,
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
        )
        base = TextAreaTheme.get_builtin_theme("monokai") or TextAreaTheme(_THEME)
        styles = {**base.syntax_styles, _PROBLEM: Style(bgcolor="#5C2B2B", underline=True)}
        self.register_theme(dataclasses.replace(base, name=_THEME, syntax_styles=styles))
        self.theme = _THEME

    def mark_problem_lines(self, lines: set[int]) -> None:
        """Mark these lines (counted from 1, as the loader counts them)."""
        rows = {line - 1 for line in lines}
        if rows != self._problem_rows:
            self._problem_rows = rows
            self._build_highlight_map()
            self.refresh()

    def _build_highlight_map(self) -> None:
        # Textual keeps the syntax highlights per row here; a problem is one more highlight
        # spanning its row, so it is drawn (and redrawn after each edit) like the syntax is.
        super()._build_highlight_map()
        for row in self._problem_rows:
            self._highlights[row].append((0, None, _PROBLEM))
