"""Pydantic's validation errors, said in a template author's words.

Each field has an expectation written for a person ("a whole number of minutes between 1 and
240"); an error becomes "must be <expectation>, not <what the file says>", "is missing",
"is empty" or "is not a key of a phase; did you mean 'minutes'?". Keep the expectations in
step with the bounds in `model.py` and with `docs/agenda.md`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from iop_facilitator.agenda.errors import FieldPath
from iop_facilitator.agenda.model import (
    Agenda,
    AgendaInfo,
    CheckInSpec,
    Confidentiality,
    GroupKind,
    Norms,
    Phase,
    PhaseKind,
    ShareSpec,
    TurnMode,
)

Pattern = tuple[str, ...]  # a field path with list indices replaced by "*"


def _choices(values: list[str]) -> str:
    quoted = [f'"{v}"' for v in values]
    return "one of " + ", ".join(quoted[:-1]) + " or " + quoted[-1]


_TEXT_ITEMS = 'a list of texts in quotes, such as ["…", "…"]'
_TEXT_ITEM = "a text in quotes that is not empty"

_EXPECTED: dict[Pattern, str] = {
    ("agenda",): "an [agenda] table with the title, kind and minutes",
    ("agenda", "title"): "the session's title in quotes",
    ("agenda", "kind"): _choices([k.value for k in GroupKind]),
    ("agenda", "minutes"): "a whole number of minutes between 1 and 480",
    ("agenda", "description"): "a text in quotes",
    ("confidentiality",): "a [confidentiality] table with the reminder read aloud to the group",
    ("confidentiality", "reminder"): "the text read aloud, in quotes",
    ("confidentiality", "when"): 'a list of moments: ["start"], ["new-member"] or both',
    ("confidentiality", "when", "*"): _choices(["start", "new-member"]),
    ("norms",): "a [norms] table with a list of items",
    ("norms", "items"): _TEXT_ITEMS,
    ("norms", "items", "*"): _TEXT_ITEM,
    ("phase",): "one [[phase]] table (with double brackets) for each part of the session",
    ("phase", "*"): "a [[phase]] table",
    ("phase", "*", "id"): (
        'a short name in kebab-case, such as "check-in" or "skills-practice" '
        "(lower-case letters, digits and single hyphens)"
    ),
    ("phase", "*", "title"): "the phase's title in quotes",
    ("phase", "*", "kind"): _choices([k.value for k in PhaseKind]),
    ("phase", "*", "minutes"): "a whole number of minutes between 1 and 240",
    ("phase", "*", "turns"): _choices([t.value for t in TurnMode]),
    ("phase", "*", "turn_seconds"): "a whole number of seconds between 10 and 3600",
    ("phase", "*", "prompts"): _TEXT_ITEMS,
    ("phase", "*", "prompts", "*"): _TEXT_ITEM,
    ("phase", "*", "script"): 'a text in quotes (use """ … """ for several lines)',
    ("phase", "*", "checkin"): 'a table such as { scale = [1, 10], fields = ["mood"] }',
    ("phase", "*", "checkin", "scale"): "two whole numbers [low, high] between 0 and 100",
    ("phase", "*", "checkin", "scale", "*"): "a whole number between 0 and 100",
    ("phase", "*", "checkin", "fields"): 'a list of names such as ["mood", "urges"]',
    ("phase", "*", "checkin", "fields", "*"): _TEXT_ITEM,
    ("phase", "*", "homework"): _TEXT_ITEMS,
    ("phase", "*", "homework", "*"): _TEXT_ITEM,
    ("phase", "*", "min_minutes"): "a whole number of minutes between 1 and 240",
    ("phase", "*", "share"): ('a table such as { countdown = true, prompts = true, text = "…" }'),
    ("phase", "*", "share", "countdown"): "true or false (without quotes)",
    ("phase", "*", "share", "prompts"): "true or false (without quotes)",
    ("phase", "*", "share", "text"): 'a text in quotes (use """ … """ for several lines)',
}

# The tables of a file: the model that checks each and how to name it in a sentence.
_TABLES: dict[Pattern, tuple[type[BaseModel], str]] = {
    (): (Agenda, "an agenda file"),
    ("agenda",): (AgendaInfo, "the [agenda] table"),
    ("confidentiality",): (Confidentiality, "the [confidentiality] table"),
    ("norms",): (Norms, "the [norms] table"),
    ("phase", "*"): (Phase, "a phase"),
    ("phase", "*", "checkin"): (CheckInSpec, "a checkin table"),
    ("phase", "*", "share"): (ShareSpec, "a share table"),
}

# Words authors reach for that difflib cannot connect to ours.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "duration": ("minutes",),
    "length": ("minutes",),
    "time": ("minutes",),
    "mins": ("minutes",),
    "name": ("title", "id"),
    "type": ("kind",),
    "questions": ("prompts",),
    "question": ("prompts",),
    "instructions": ("script",),
    "notes": ("script",),
    "text": ("reminder", "script"),
    "assignments": ("homework",),
    "tasks": ("homework",),
    "steps": ("phase",),
    "sections": ("phase",),
    "rules": ("norms", "items"),
    "agreements": ("norms", "items"),
    "scales": ("scale",),
    "range": ("scale",),
    "items": ("fields",),
}


def pattern_of(path: FieldPath) -> Pattern:
    """The path with list indices replaced by "*", to look up what a field expects."""
    return tuple("*" if isinstance(part, int) else part for part in path)


def shown(value: Any) -> str:
    """A value as the author wrote it in TOML, short enough for one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:39] + "…"
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, dt.date | dt.time):
        return f"the date or time {value.isoformat()}"
    if isinstance(value, int) and abs(value) >= 10**12:
        # Thousands of digits would fill the screen; the size is what matters.
        return f"a number of {len(str(abs(value)))} digits"
    return repr(value)


def suggestion(key: str, table: Pattern) -> str | None:
    """The known key an unknown `key` most likely meant, in the table at `table`."""
    known = list(_TABLES[table][0].model_fields) if table in _TABLES else []
    for synonym in _SYNONYMS.get(key.lower(), ()):
        if synonym in known:
            return synonym
    normalised = key.lower().replace("-", "_").replace(" ", "_")
    if normalised in known:
        return normalised
    matches = difflib.get_close_matches(normalised, known, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _as_toml(key: str, table: Pattern) -> str:
    """How a suggested key looks in the file: top-level keys are tables."""
    if table != ():
        return f"'{key}'"
    return "[[phase]]" if key == "phase" else f"[{key}]"


# How each table's own header is written, for the hint about keys below a header.
_HEADERS: dict[Pattern, str] = {
    ("agenda",): "[agenda]",
    ("confidentiality",): "[confidentiality]",
    ("norms",): "[norms]",
    ("phase", "*"): "[[phase]]",
    ("phase", "*", "checkin"): "[phase.checkin]",
    ("phase", "*", "share"): "[phase.share]",
}


def _misplaced(key: str, table: Pattern) -> str | None:
    """A hint when `key` belongs to an enclosing table: in TOML every key below a header
    belongs to that header's table, so a key written after `[phase.checkin]` or `[norms]`
    lands in the wrong table."""
    header = _HEADERS.get(table)
    if header is None:
        return None
    for end in range(len(table) - 1, -1, -1):
        outer = table[:end]
        if outer in _TABLES and key in _TABLES[outer][0].model_fields:
            if outer == ():
                table_name = "[[phase]]" if key == "phase" else f"[{key}]"
                return (
                    f"is not a key of {_TABLES[table][1]}; keys below the {header} line belong "
                    f"to it, so give {key} its own {table_name} table instead."
                )
            return (
                f"is not a key of {_TABLES[table][1]} but of {_TABLES[outer][1]}; keys below the "
                f"{header} line belong to it, so move this key above that line."
            )
    return None


def _unknown_key(path: FieldPath) -> str:
    table = pattern_of(path[:-1])
    key = str(path[-1])
    misplaced = _misplaced(key, table)
    if misplaced is not None:
        return misplaced
    name = _TABLES[table][1] if table in _TABLES else "this table"
    what = "a table an agenda file has" if table == () else f"a key of {name}"
    best = suggestion(key, table)
    if best is not None:
        return f"is not {what}; did you mean {_as_toml(best, table)}?"
    known = list(_TABLES[table][0].model_fields) if table in _TABLES else []
    listed = ", ".join(_as_toml(k, table) for k in known)
    return f"is not {what}, which has only {listed}." if known else "is not known here."


def describe(error: ErrorDetails) -> str:
    """Complete the field's name with what is wrong and what was expected."""
    path = tuple(error["loc"])
    pattern = pattern_of(path)
    kind = error["type"]
    expected = _EXPECTED.get(pattern)
    if kind == "extra_forbidden":
        return _unknown_key(path)
    if pattern == ("phase",) and kind in ("missing", "too_short"):
        return "is missing: the agenda needs at least one [[phase]] table."
    if expected is None:
        # A field this table does not describe yet: say what pydantic says, in lower case.
        return f"is not valid: {error['msg'][:1].lower()}{error['msg'][1:]}."
    if kind == "missing":
        return f"is missing; it must be {expected}."
    if kind == "string_too_short":
        if pattern[-1] == "title":
            return "is empty; give it a title the facilitator will see on screen."
        return f"is empty; it must be {expected}."
    return f"must be {expected}, not {shown(error['input'])}."
