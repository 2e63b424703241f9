"""The index's JSON text: every record's version and summary, kept as text per entry.

At a career's scale the index holds tens of MB of summaries (review keeps its digests here).
Decoded into dicts all at once, that was some 250 MB at its peak; so each entry is kept as
its JSON text, cut out of the index without building the rest, and decoded only when asked
for. The bytes on disk are the same either way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from iop_facilitator.vault.sealed import FORMAT_VERSION

INDEX_KIND = "index"
INDEX_ID = "index"
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def entry_json(entry: dict[str, Any] | None) -> str | None:
    """An index entry as the index file holds it: compact JSON text, ASCII (other characters
    escaped), so that Python keeps the index's text at one byte a character."""
    if entry is None:
        return None
    return json.dumps(entry, separators=(",", ":"))


@dataclass
class IndexedRecord:
    """What the index knows of one record without opening its file."""

    rev: int
    entry_json: str | None
    """The record's index entry as JSON text (None: stored without one)."""
    version: int = FORMAT_VERSION
    """The format of the record's object (1: a format-1 file, named by kind and id only)."""

    @classmethod
    def of(
        cls, rev: int, entry: dict[str, Any] | None, version: int = FORMAT_VERSION
    ) -> IndexedRecord:
        """The listing of a record at `rev` with this entry."""
        return cls(rev, entry_json(entry), version)

    @property
    def entry(self) -> dict[str, Any] | None:
        """The index entry, decoded (a fresh dict on every call)."""
        return None if self.entry_json is None else json.loads(self.entry_json)


class IndexText:
    """Walks the index's JSON text (`{"records": {kind: {id: [rev, entry]}}, ...}`) without
    decoding the entries: each is cut out as text. Any valid JSON of that shape is read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.rebuilt: str | None = None
        """When and why the index was rebuilt, if it has not been checked since."""

    def _skip(self) -> None:
        match = _SPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def _take(self, char: str) -> None:
        self._skip()
        if self.text[self.pos : self.pos + 1] != char:
            raise ValueError(f"the index has no {char!r} at {self.pos}")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, decoded."""
        self._skip()
        value, self.pos = _DECODER.raw_decode(self.text, self.pos)
        return value

    def raw(self) -> str:
        """The next JSON value's text (checked to be JSON, then let go)."""
        self._skip()
        start = self.pos
        value, self.pos = _DECODER.raw_decode(self.text, self.pos)
        text = self.text[start : self.pos]
        if not text.isascii():
            # An index written before the index went ASCII (or by another tool) holds text
            # unescaped; `write` seals ASCII, so such an entry is escaped once, here.
            return json.dumps(value, separators=(",", ":"))
        return text

    def keys(self) -> Iterator[str]:
        """The keys of the object that starts here; read each value before the next key."""
        self._take("{")
        self._skip()
        if self.text[self.pos : self.pos + 1] == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise ValueError("the index has a key that is not text")
            self._take(":")
            yield key
            self._skip()
            char = self.text[self.pos : self.pos + 1]
            self.pos += 1
            if char == "}":
                return
            if char != ",":
                raise ValueError(f"the index has no ',' or '}}' at {self.pos - 1}")

    def read(self) -> tuple[dict[str, dict[str, IndexedRecord]], set[str]]:
        """The records by kind and the finished sessions."""
        records: dict[str, dict[str, IndexedRecord]] = {}
        finished: set[str] = set()
        for top in self.keys():
            if top == "records":
                for kind in self.keys():
                    listed = records.setdefault(kind, {})
                    for record_id in self.keys():
                        self._take("[")
                        rev = self.value()
                        self._take(",")
                        entry = self.raw()
                        version = FORMAT_VERSION
                        self._skip()
                        if self.text[self.pos : self.pos + 1] == ",":
                            self.pos += 1
                            version = self.value()  # format 2: the object's format, if 1
                        self._take("]")
                        listed[record_id] = IndexedRecord(
                            rev, None if entry == "null" else entry, version
                        )
            elif top == "rebuilt":
                self.rebuilt = str(self.value())
            elif top == "finished_sessions":
                finished = set(self.value())
            else:
                self.value()  # a key this version does not use
        return records, finished


def _json_text(text: str) -> str:
    return json.dumps(text)


def index_text(
    records: dict[str, dict[str, IndexedRecord]], finished: set[str], rebuilt: str | None = None
) -> bytes:
    """The index's compact ASCII JSON, written from each entry's text; byte for byte what
    `json.dumps(index, separators=(",", ":"))` of the decoded index gives. `rebuilt` says
    when and why it was last rebuilt from the objects, until `vault check` has checked it."""
    kinds = []
    for kind, listed in records.items():
        parts = []
        for rid, r in listed.items():
            legacy = "" if r.version == FORMAT_VERSION else f",{r.version}"
            parts.append(f"{_json_text(rid)}:[{r.rev},{r.entry_json or 'null'}{legacy}]")
        kinds.append(f"{_json_text(kind)}:{{{','.join(parts)}}}")
    done = json.dumps(sorted(finished), separators=(",", ":"))
    marker = "" if rebuilt is None else f',"rebuilt":{_json_text(rebuilt)}'
    text = f'{{"records":{{{",".join(kinds)}}},"finished_sessions":{done}{marker}}}'
    return text.encode("ascii")
