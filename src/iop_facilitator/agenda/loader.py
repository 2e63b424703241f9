"""Reading an agenda file: strict about what it accepts, kind in how it says what is wrong.

Every problem in a file is reported at once, each with the file, line and column, the field
path in the author's terms and what was expected. Whatever the file holds, the only exception
that leaves this module is `AgendaError`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from iop_facilitator.agenda import defaults, messages
from iop_facilitator.agenda.errors import AgendaError, Problem, field_label
from iop_facilitator.agenda.model import AGENDA_RULE, Agenda
from iop_facilitator.agenda.rules import cross_field_findings
from iop_facilitator.agenda.source_positions import key_positions, position_of

# An agenda is a few kilobytes; anything this large is not one, and reading it whole would
# only waste memory.
MAX_BYTES = 1_000_000

_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")

# tomllib's messages, in words that do not assume the reader knows TOML's grammar.
_TOML_SAYINGS: tuple[tuple[str, str], ...] = (
    ("Cannot overwrite a value", "a key is given a value twice in the same table"),
    ("Cannot declare", "the same [table] header appears twice"),
    ("Cannot redefine namespace", "a table is defined twice"),
    ("Cannot mutate immutable namespace", "a table written inline with { } is extended later"),
    ("Expected '=' after a key", "a key must be followed by = and a value"),
    ("Invalid value", "a value is not valid: text must be in quotes, numbers plain digits"),
    ("Unterminated string", "a text is missing its closing quote"),
    ("Invalid statement", "a line is neither key = value nor a [table] header"),
    ("Unclosed array", "a list opened with [ is not closed with ]"),
    ("Unclosed inline table", "a table opened with { is not closed with } on the same line"),
    ("Expected newline or end of document", "there is more on a line after its value"),
    # tomllib reports a quote left open at the end of its line as an illegal newline.
    ("Illegal character '\\n'", "a text is missing its closing quote before the end of the line"),
    ("Illegal character", "a control character that TOML does not allow (such as NUL)"),
    (
        "Invalid initial character for a key",
        "a key has a character other than letters, digits, - and _",
    ),
    ("Expected ']' at the end of a table", "a [table] header is missing its closing ]"),
    ("Expected ']]' at the end of an array", "a [[table]] header is missing its closing ]]"),
    ("Unescaped '\\' in a string", "a backslash in double quotes must be doubled (\\\\)"),
    ("Invalid date or datetime", "a date or time is not valid"),
)


def load_agenda(path: Path | str) -> Agenda:
    """Read and check the agenda file at `path`.

    Raises `AgendaError` (never anything else) for a missing file, a folder, an unreadable,
    non-UTF-8 or non-TOML file, and for every problem in a file that is TOML.
    """
    return parse_agenda(read_agenda_text(path), str(path))


def read_agenda_text(path: Path | str) -> str:
    """The text of the agenda file at `path`, not yet checked (for editing it).

    Raises `AgendaError` for a missing file, a folder, an unreadable, too large, binary or
    non-UTF-8 file.
    """
    path = Path(path)
    name = str(path)
    try:
        is_dir, exists, is_file = path.is_dir(), path.exists(), path.is_file()
    except (OSError, ValueError) as error:
        # A name too long for the system, a NUL byte, a folder we may not look into.
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise AgendaError.about_file(name, f"this path cannot be used ({reason}).") from None
    if is_dir:
        raise AgendaError.about_file(
            name, "this is a folder, not an agenda file; give the path of a .toml file in it."
        )
    if not exists:
        raise AgendaError.about_file(name, "there is no such file.")
    if not is_file:
        # A pipe or a device: opening it could block or never end.
        raise AgendaError.about_file(name, "this is not a regular file.")
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except PermissionError:
        raise AgendaError.about_file(
            name, "you do not have permission to read this file."
        ) from None
    except OSError as error:
        raise AgendaError.about_file(
            name, f"the file could not be read ({error.strerror or error})."
        ) from None
    if len(raw) > MAX_BYTES:
        raise AgendaError.about_file(
            name, "this file is larger than 1 MB, far too large to be an agenda."
        )
    return _decoded(raw, name)


def _decoded(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:4096]:
        raise AgendaError.about_file(
            name,
            "this is not a text file (it looks like a document or an image); "
            "an agenda is plain text in TOML.",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise AgendaError.about_file(
            name,
            f"this is not UTF-8 text: a character on line {line} cannot be read; "
            "save the file as plain text with the UTF-8 encoding.",
            line,
            column,
        ) from None
    # Some editors on Windows start UTF-8 files with a byte-order mark, which TOML forbids.
    return text.removeprefix("\ufeff")


def parse_agenda(text: str, source: str = "<agenda>") -> Agenda:
    """Check the TOML `text` of an agenda; `source` names it in messages (usually its path).

    Raises `AgendaError` listing every problem, sorted by line.
    """
    data = _toml(text, source)
    if not data:
        raise AgendaError.about_file(
            source,
            "the file is empty; an agenda needs an [agenda] table and at least one [[phase]].",
        )
    # A group session always has a reminder to read (see `defaults`).
    data = defaults.with_standard_reminder(data)
    try:
        return Agenda.model_validate(data)
    except ValidationError as error:
        details = error.errors(include_url=False)
    positions = key_positions(text)

    def problem(path: tuple[str | int, ...], message: str) -> Problem:
        where = position_of(positions, path)
        line, column = (where.line, where.column) if where else (None, None)
        return Problem(source, line, column, field_label(path), message)

    problems = [
        problem(tuple(detail["loc"]), messages.describe(detail))
        for detail in details
        if detail["type"] != AGENDA_RULE
    ]
    problems += [problem(path, message) for path, message in cross_field_findings(data)]
    if not problems:
        # A model rule that `rules.py` does not mirror yet: still say it, in its own words.
        problems = [
            problem(tuple(detail["loc"]), f"breaks a rule: {detail['msg']}.") for detail in details
        ]
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    raise AgendaError(source, problems)


def agenda_notices(text: str, source: str = "<agenda>") -> list[str]:
    """What the loader filled in for the author of `text` (such as the standard reminder), in
    sentences to show beside the agenda; raises `AgendaError` if `text` is not TOML."""
    return defaults.notices(_toml(text, source))


def file_notices(path: Path) -> list[str]:
    """`agenda_notices` of the file at `path`; empty when it cannot be read (loading it says
    why)."""
    try:
        return agenda_notices(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, AgendaError):
        return []


def _toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _not_toml(text, source, str(error)) from None
    except RecursionError:
        raise AgendaError.about_file(
            source, "this file nests lists or tables far too deeply to be an agenda."
        ) from None
    except ValueError:
        # tomllib turns digits into an int, which Python refuses past 4,300 digits: no
        # agenda has such a number, so it is the file's fault, not the program's.
        raise AgendaError.about_file(
            source,
            "a number in this file has thousands of digits, far too many for any field "
            "of an agenda (minutes are at most 480).",
            *_long_number_position(text),
        ) from None


def _long_number_position(text: str) -> tuple[int | None, int | None]:
    found = re.search(r"[0-9_]{4000,}", text)
    if not found:
        return None, None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return line, column


def _not_toml(text: str, source: str, message: str) -> AgendaError:
    found = _TOML_POSITION.search(message)
    reason = message[: found.start()] if found else message
    for start, plain in _TOML_SAYINGS:
        if reason.startswith(start):
            reason = plain
            break
    if found and found.group(1):
        line, column = int(found.group(1)), int(found.group(2))
    else:
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    return AgendaError.about_file(
        source,
        f"this is not valid TOML: {reason} (see docs/agenda.md for the format).",
        line,
        column,
    )
