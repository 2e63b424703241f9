"""An agenda file kept as its author wrote it, changed one field at a time.

The editor and `agenda new --from` change agendas through `AgendaDocument`, a style-keeping
TOML document (tomlkit): comments, key order, blank lines and multi-line strings survive, and
only the fields whose values changed are rewritten. A field is rewritten only when its value
changes, counting a missing key as its default (so `turns = "open"` written out and `turns`
left out are the same, and neither is touched).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Array, InlineTable, Item, String, StringType, Table, Trivia
from tomlkit.toml_document import TOMLDocument

from iop_facilitator.agenda.draft import REMINDER_MOMENTS, DraftAgenda
from iop_facilitator.agenda.errors import AgendaError

_MISSING = object()

# What a key means when it is left out, per table (see docs/agenda.md).
_AGENDA_DEFAULTS: dict[str, Any] = {
    "title": _MISSING,
    "kind": _MISSING,
    "minutes": _MISSING,
    "description": "",
}
_REMINDER_DEFAULTS: dict[str, Any] = {"reminder": _MISSING, "when": list(REMINDER_MOMENTS)}
_NORMS_DEFAULTS: dict[str, Any] = {"items": []}
_PHASE_DEFAULTS: dict[str, Any] = {
    "id": _MISSING,
    "title": _MISSING,
    "kind": _MISSING,
    "minutes": _MISSING,
    "turns": "open",
    "turn_seconds": _MISSING,
    "prompts": [],
    "script": "",
    "checkin": _MISSING,
    "homework": [],
    "min_minutes": _MISSING,
}
_CHECKIN_DEFAULTS: dict[str, Any] = {"scale": [1, 10], "fields": ["mood"]}

# Long text is wrapped near here with TOML's line-ending backslash, as the shipped templates
# are, so that a script typed as one long paragraph does not become a 400-character line.
_WRAP_AT = 92


class AgendaDocument:
    """The text of one agenda file, as a document that keeps the author's style."""

    def __init__(self, text: str = "", source: str = "<agenda>") -> None:
        """Raises `AgendaError` if `text` is not TOML (the loader's sentence for it)."""
        self.source = source
        try:
            self._doc: TOMLDocument = tomlkit.parse(text)
        except (TOMLKitError, ValueError, RecursionError):
            # The loader words every way a file can fail to be TOML; ask it for the sentence.
            from iop_facilitator.agenda.loader import agenda_notices

            agenda_notices(text, source)  # raises AgendaError
            raise AgendaError.about_file(source, "this is not valid TOML.") from None

    @property
    def text(self) -> str:
        """The file's text as it will be written."""
        return self._doc.as_string()

    def data(self) -> dict[str, Any]:
        """The document's values as plain Python (what tomllib would read)."""
        return tomllib.loads(self.text)

    def draft(self) -> DraftAgenda:
        """The editor's form of this document (each phase knows its table)."""
        return DraftAgenda.from_data(self.data())

    def apply(self, draft: DraftAgenda) -> None:
        """Make the document hold `draft`, rewriting only what differs, and number the draft's
        phases by their tables in the document from now on."""
        data = draft.to_data()
        self._sync_top_table("agenda", data["agenda"], _AGENDA_DEFAULTS)
        self._sync_top_table("confidentiality", data.get("confidentiality"), _REMINDER_DEFAULTS)
        self._sync_top_table("norms", data.get("norms"), _NORMS_DEFAULTS)
        self._sync_phases(draft, data["phase"])

    def set_title(self, title: str) -> None:
        """Change only the agenda's title (`agenda new --from`)."""
        info = self._doc.get("agenda")
        if isinstance(info, Table):
            info["title"] = _string_item(title, info.get("title"))
        else:
            table = tomlkit.table()
            table["title"] = title
            self._insert_top_table("agenda", table)

    def _sync_top_table(
        self, key: str, values: dict[str, Any] | None, defaults: dict[str, Any]
    ) -> None:
        existing = self._doc.get(key)
        if values is None:
            holds_defaults = isinstance(existing, Table) and all(
                _same(_plain(existing.get(k, _MISSING)), _MISSING, default)
                for k, default in defaults.items()
            )
            if existing is not None and not holds_defaults:
                self._doc.remove(key)
            return
        if not isinstance(existing, Table):
            if existing is not None:
                self._doc.remove(key)
            self._insert_top_table(key, tomlkit.table())
        _sync(self._doc, key, values, defaults)

    def _insert_top_table(self, key: str, table: Table) -> None:
        # New tables go before the phases, where an author would put them.
        phases = self._doc.get("phase")
        if phases is not None:
            self._doc.remove("phase")
        self._doc.append(key, table)
        if phases is not None:
            self._doc.append("phase", phases)

    def _sync_phases(self, draft: DraftAgenda, wanted: list[dict[str, Any]]) -> None:
        existing = self._doc.get("phase")
        old = list(existing.body) if isinstance(existing, AoT) else []
        tables: list[Table] = []
        for n, phase in enumerate(draft.phases):
            origin = phase.origin
            kept = (
                origin is not None
                and 0 <= origin < len(old)
                and origin not in draft_origins(draft, before=n)
            )
            table = old[origin] if kept and origin is not None else tomlkit.table()
            _sync_values(table, wanted[n], _PHASE_DEFAULTS)
            tables.append(table)
        if [id(t) for t in tables] != [id(t) for t in old]:
            # A table that ended the file may now be followed by another: a blank line between.
            for table in tables[:-1]:
                if not table.as_string().endswith("\n\n"):
                    table.add(tomlkit.nl())
            if existing is not None:
                self._doc.remove("phase")
            if tables:
                self._doc.append("phase", AoT(tables, parsed=True))
        for n, phase in enumerate(draft.phases):
            phase.origin = n


def draft_origins(draft: DraftAgenda, *, before: int) -> set[int]:
    """The table indices already taken by the draft's phases before position `before` (a
    duplicated phase must not share its original's table)."""
    return {p.origin for p in draft.phases[:before] if p.origin is not None}


def _plain(item: Any) -> Any:
    if item is _MISSING:
        return _MISSING
    return item.unwrap() if isinstance(item, Item | Container) else item


def _same(old: Any, new: Any, default: Any) -> bool:
    return bool((default if old is _MISSING else old) == (default if new is _MISSING else new))


def _sync(
    container: Container | Table, key: str, values: dict[str, Any], defaults: dict[str, Any]
) -> None:
    table = container[key]
    assert isinstance(table, Table)
    _sync_values(table, values, defaults)


def _sync_values(
    table: Table | InlineTable, values: Mapping[str, Any], defaults: Mapping[str, Any]
) -> None:
    for key in [*defaults, *(k for k in values if k not in defaults)]:
        old_item = table.get(key, _MISSING)
        new = values.get(key, _MISSING)
        if _same(_plain(old_item), new, defaults.get(key, _MISSING)):
            continue
        if new is _MISSING:
            del table[key]
        elif key == "checkin" and isinstance(old_item, Table | InlineTable):
            _sync_values(old_item, new, _CHECKIN_DEFAULTS)
        else:
            table[key] = _item(new, old_item)


def _item(value: Any, old: Any) -> Any:
    if isinstance(value, str):
        return _string_item(value, old)
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
        array = tomlkit.array()
        array.extend(value)
        multiline = old.as_string().count("\n") > 0 if isinstance(old, Array) else len(value) > 1
        array.multiline(multiline or sum(len(v) for v in value) > 60)
        return array
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        inline.update(value)
        return inline
    return value


def _string_item(value: str, old: Any) -> Any:
    was_long = isinstance(old, String) and old.type in (StringType.MLB, StringType.MLL)
    if not was_long and "\n" not in value and len(value) <= _WRAP_AT - 20:
        return tomlkit.string(value)
    raw = _multiline_raw(value)
    try:
        if tomllib.loads(f'x = """{raw}"""')["x"] == value:
            return String(StringType.MLB, value, raw, Trivia())
    except tomllib.TOMLDecodeError:
        pass
    return tomlkit.string(value)  # one escaped line: always right, if less pleasant to read


def _escaped(line: str) -> str:
    out = []
    for char in line:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\t" or (char >= " " and char != "\x7f"):
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04X}")
    return "".join(out)


def _wrapped(line: str) -> list[str]:
    """`line` (escaped) cut at single spaces into pieces of at most `_WRAP_AT` characters;
    each piece but the last keeps its space and is continued with a backslash."""
    pieces: list[str] = []
    while len(line) > _WRAP_AT:
        cut = line.rfind(" ", 0, _WRAP_AT)
        # A space followed by another would be trimmed after the backslash: cut elsewhere.
        while cut > 0 and (line[cut + 1 : cut + 2] in (" ", "\t", "") or line[cut - 1] == " "):
            cut = line.rfind(" ", 0, cut)
        if cut <= 0:
            break
        pieces.append(line[: cut + 1])
        line = line[cut + 1 :]
    pieces.append(line)
    return pieces


def _multiline_raw(value: str) -> str:
    # Each piece but the last ends with its space, which the backslash that follows keeps.
    lines = ["\\\n".join(_wrapped(_escaped(line))) for line in value.split("\n")]
    return "\n" + "\n".join(lines)
