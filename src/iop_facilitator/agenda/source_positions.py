"""Where each key, table and list item sits in an agenda's TOML source.

`tomllib` returns values without positions, but a template author needs the line of the key
that is wrong. This scanner walks text that `tomllib` has already accepted and records, for
every path it sees (`("phase", 2, "minutes")`, with 0-based list indices as pydantic reports
them), the line and column where it starts. It does not convert values: it only needs to
know where each one begins and ends, so it can stay small.
"""

from __future__ import annotations

import bisect
import tomllib
from dataclasses import dataclass

FieldPath = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_ENDS = frozenset(",]}#\n\r")


@dataclass(frozen=True)
class SourcePosition:
    """A 1-based line and column, counted in characters as editors show them."""

    line: int
    column: int


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.positions: dict[FieldPath, SourcePosition] = {}
        self._line_starts = [0] + [n + 1 for n, ch in enumerate(text) if ch == "\n"]
        # Arrays of tables by their resolved path: how many `[[...]]` headers were seen.
        self._table_arrays: dict[FieldPath, int] = {}

    # -- positions -------------------------------------------------------------------------
    def _here(self, offset: int) -> SourcePosition:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return SourcePosition(line + 1, offset - self._line_starts[line] + 1)

    def _record(self, path: FieldPath, offset: int) -> None:
        # The first mention wins: for a table defined by a header and then by dotted keys,
        # the header is what the author looks for.
        self.positions.setdefault(path, self._here(offset))

    # -- low-level reading -----------------------------------------------------------------
    def _peek(self, n: int = 0) -> str:
        j = self.i + n
        return self.text[j] if j < len(self.text) else ""

    def _starts(self, s: str) -> bool:
        return self.text.startswith(s, self.i)

    def _skip_blank(self) -> None:
        """Skip spaces and tabs on the current line."""
        while self._peek() in (" ", "\t"):
            self.i += 1

    def _skip_comment(self) -> None:
        if self._peek() == "#":
            end = self.text.find("\n", self.i)
            self.i = len(self.text) if end < 0 else end

    def _skip_space_and_comments(self) -> None:
        """Skip whitespace, newlines and comments (between array items and statements)."""
        while self.i < len(self.text):
            ch = self._peek()
            if ch in (" ", "\t", "\n", "\r"):
                self.i += 1
            elif ch == "#":
                self._skip_comment()
            else:
                return

    # -- keys ------------------------------------------------------------------------------
    def _key(self) -> list[tuple[str, int]]:
        """A dotted key, as its parts and the offset where each part starts."""
        parts: list[tuple[str, int]] = []
        while True:
            self._skip_blank()
            start = self.i
            ch = self._peek()
            if ch in ('"', "'"):
                self._string()
                raw = self.text[start : self.i]
                parts.append((tomllib.loads(f"k = {raw}")["k"], start))
            else:
                while self._peek() in _BARE_KEY_CHARS:
                    self.i += 1
                parts.append((self.text[start : self.i], start))
            self._skip_blank()
            if self._peek() != ".":
                return parts
            self.i += 1

    # -- values ----------------------------------------------------------------------------
    def _string(self) -> None:
        quote = self._peek()
        if self._starts(quote * 3):
            self.i += 3
            end = self.text.find(quote * 3, self.i)
            if quote == '"':
                while end >= 0 and _escaped(self.text, end):
                    end = self.text.find(quote * 3, end + 1)
            self.i = len(self.text) if end < 0 else end + 3
            # A multi-line string may end with up to two extra quotes inside it.
            while self._peek() == quote:
                self.i += 1
            return
        self.i += 1
        while self.i < len(self.text):
            ch = self._peek()
            if ch == "\\" and quote == '"':
                self.i += 2
                continue
            self.i += 1
            if ch == quote:
                return

    def _value(self, path: FieldPath) -> None:
        ch = self._peek()
        if ch in ('"', "'"):
            self._string()
        elif ch == "[":
            self._array(path)
        elif ch == "{":
            self._inline_table(path)
        else:
            while self.i < len(self.text) and self._peek() not in _SCALAR_ENDS:
                self.i += 1

    def _array(self, path: FieldPath) -> None:
        self.i += 1
        index = 0
        while self.i < len(self.text):
            self._skip_space_and_comments()
            if self._peek() == "]":
                self.i += 1
                return
            if self._peek() == ",":
                self.i += 1
                continue
            start = self.i
            self._record((*path, index), start)
            self._value((*path, index))
            index += 1
            if self.i == start:  # never loop on text tomllib would not have accepted
                self.i += 1

    def _inline_table(self, path: FieldPath) -> None:
        self.i += 1
        while self.i < len(self.text):
            self._skip_blank()
            if self._peek() == "}":
                self.i += 1
                return
            if self._peek() in (",", "\n", ""):
                self.i += 1
                continue
            self._key_value(path)

    def _key_value(self, table: FieldPath) -> None:
        parts = self._key()
        path = table
        for name, offset in parts:
            path = (*path, name)
            self._record(path, offset)
        self._skip_blank()
        self.i += 1  # the "="
        self._skip_blank()
        self._value(path)

    # -- tables ----------------------------------------------------------------------------
    def _resolve(self, names: list[str], offset: int) -> FieldPath:
        """The path of a header's table, with the current index of each array of tables.

        Each parent table is recorded here too, for `[a.b]` defines `a` without a header.
        """
        path: FieldPath = ()
        for name in names:
            path = (*path, name)
            self._record(path, offset)
            if path in self._table_arrays:
                path = (*path, self._table_arrays[path] - 1)
        return path

    def _header(self) -> FieldPath:
        start = self.i
        is_array = self._starts("[[")
        self.i += 2 if is_array else 1
        parts = self._key()
        names = [name for name, _ in parts]
        self.i += 2 if is_array else 1
        if not is_array:
            path = self._resolve(names, start)
            self._record(path, start)
            return path
        array = (*self._resolve(names[:-1], start), names[-1])
        self._record(array, start)
        self._table_arrays[array] = self._table_arrays.get(array, 0) + 1
        path = (*array, self._table_arrays[array] - 1)
        self._record(path, start)
        return path

    def scan(self) -> dict[FieldPath, SourcePosition]:
        table: FieldPath = ()
        while True:
            self._skip_space_and_comments()
            if self.i >= len(self.text):
                return self.positions
            if self._peek() == "[":
                table = self._header()
            else:
                self._key_value(table)
            # Whatever is left on the line is a comment (tomllib accepted the text).
            self._skip_blank()
            self._skip_comment()


def _escaped(text: str, offset: int) -> bool:
    """Whether the character at `offset` is escaped by an odd run of backslashes."""
    backslashes = 0
    while offset - backslashes - 1 >= 0 and text[offset - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def key_positions(text: str) -> dict[FieldPath, SourcePosition]:
    """Map every key, table and list item of valid TOML `text` to where it starts.

    The text must already have been accepted by `tomllib`; on anything else the result is
    incomplete but the call still returns.
    """
    scanner = _Scanner(text)
    try:
        return scanner.scan()
    except (tomllib.TOMLDecodeError, RecursionError):
        return scanner.positions


def position_of(
    positions: dict[FieldPath, SourcePosition], path: FieldPath
) -> SourcePosition | None:
    """The position of `path`, or of its nearest recorded parent (a missing key's table)."""
    for end in range(len(path), 0, -1):
        found = positions.get(path[:end])
        if found is not None:
            return found
    return None
