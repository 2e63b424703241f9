"""What is wrong with an agenda file, said so that a template author can fix it.

A `Problem` is one thing wrong, with the file, line and column and the field path in the
author's terms (`phase[3].minutes`: phases and list items are counted from 1, as in the file).
An `AgendaError` carries every problem found in one file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from iop_facilitator.errors import ExitCode, UserError

FieldPath = tuple[str | int, ...]


def field_label(path: FieldPath) -> str:
    """The path as an author reads it: `("phase", 2, "minutes")` becomes `phase[3].minutes`.

    List indices are 0-based in code and 1-based here, because `phase[1]` is the first
    `[[phase]]` in the file.
    """
    label = ""
    for part in path:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        else:
            label += f".{part}" if label else part
    return label


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an agenda file.

    `field` is empty when the problem concerns the whole file (not UTF-8, not TOML, missing);
    then `message` is a sentence of its own. Otherwise `message` completes the field's name:
    `phase[3].minutes` + `must be a whole number of minutes between 1 and 240, not 300.`
    """

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        what = f"{self.field} {self.message}" if self.field else self.message
        return f"{where}: {what}"


class AgendaError(UserError):
    """An agenda file that cannot be used, with every problem found in it."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems: tuple[Problem, ...] = tuple(problems)
        if len(self.problems) == 1:
            super().__init__(str(self.problems[0]))
        else:
            super().__init__(
                f"{file} has {len(self.problems)} problems; the first: {self.problems[0]}",
                hint=f"Run 'iop-facilitator agenda validate {file}' to see them all.",
            )

    def report(self) -> str:
        """Every problem, one per line, in the order they appear in the file."""
        return "\n".join(str(problem) for problem in self.problems)

    @classmethod
    def about_file(
        cls, file: str, sentence: str, line: int | None = None, column: int | None = None
    ) -> AgendaError:
        """An error about the file as a whole (missing, unreadable, not UTF-8, not TOML)."""
        return cls(file, [Problem(file, line, column, "", sentence)])
