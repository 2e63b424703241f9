"""An agenda as the editor's form holds it: every field editable, even while it is wrong.

`Agenda` (the model) only exists once every rule holds; a person typing does not move from one
valid agenda to the next. A `DraftAgenda` holds what the form shows, numbers still as the text
typed, and turns into the raw data the loader checks (`to_data`), so that the editor validates
with exactly the loader's rules and sentences. Any agenda the loader accepts comes back
unchanged through `DraftAgenda.from_agenda(agenda).to_data()`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from iop_facilitator.agenda.model import Agenda, PhaseKind, TurnMode

# Digits the form turns into a TOML integer; anything else is handed to the loader as the text
# typed, so that it says "must be a whole number …, not "12.5"" as it would of the file. Long
# runs of digits stay text too: a whole number the loader would refuse, said in its words.
_WHOLE = re.compile(r"^[+-]?[0-9]{1,9}$")
_DECIMAL = re.compile(r"^[+-]?[0-9]{1,9}\.[0-9]{1,9}$")

REMINDER_MOMENTS = ("start", "new-member")

_PHASE_KEYS = frozenset(
    {
        "id",
        "title",
        "kind",
        "minutes",
        "turns",
        "turn_seconds",
        "prompts",
        "script",
        "checkin",
        "homework",
        "min_minutes",
        "skill",
        "objective",
    }
)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _texts(value: Any) -> list[str]:
    return [_text(item) for item in value] if isinstance(value, list) else []


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def number_or_text(typed: str) -> int | float | bool | str:
    """What the form's `typed` number is in TOML: an integer if it is one, else the text.

    A decimal or `true`/`false` (wrong for any number field, but possibly in a file being
    fixed) stays what it was, so that editing another field does not turn `12.5` into "12.5".
    """
    stripped = typed.strip()
    if _WHOLE.match(stripped):
        return int(stripped)
    if _DECIMAL.match(stripped):
        return float(stripped)
    if stripped in ("true", "false"):
        return stripped == "true"
    return typed


_SHARE_WORDS = {None: "default", True: "yes", False: "no"}


def _share_table(countdown: str, prompts: str, text: str) -> dict[str, Any]:
    """The `share` table as an author writes it: only what differs from the default."""
    table: dict[str, Any] = {}
    for key, word in (("countdown", countdown), ("prompts", prompts)):
        if word in ("yes", "no"):
            table[key] = word == "yes"
    if text:
        table["text"] = text
    return table


def _share_fields(share: Any) -> dict[str, str] | None:
    """The form's share fields of a raw `share` table, or None when the form cannot show it
    exactly (an empty table, a wrong type, a key it does not know): then the table is kept
    as it is among the keys the form does not show, so editing never changes it."""
    if not isinstance(share, dict) or not share:
        return None
    countdown, prompts, text = share.get("countdown"), share.get("prompts"), share.get("text", "")
    if countdown not in _SHARE_WORDS or prompts not in _SHARE_WORDS or not isinstance(text, str):
        return None
    fields = {
        "share_countdown": _SHARE_WORDS[countdown],
        "share_prompts": _SHARE_WORDS[prompts],
        "share_text": text,
    }
    if _share_table(*fields.values()) != share:
        return None  # e.g. an unknown key, or `text = ""` written out: keep it as written
    return fields


@dataclass
class DraftCheckIn:
    """The check-in's ratings: the scale's two ends as typed, and the fields' names."""

    low: str = "1"
    high: str = "10"
    fields: list[str] = field(default_factory=lambda: ["mood"])

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DraftCheckIn:
        """The draft of a raw `checkin` table, whatever shape it has."""
        scale = data.get("scale", [1, 10])
        ends = scale if isinstance(scale, list) and len(scale) == 2 else [scale, ""]
        names = _texts(data["fields"]) if "fields" in data else ["mood"]
        return cls(_text(ends[0]), _text(ends[1]), names)

    def to_data(self) -> dict[str, Any]:
        """The `checkin` table as TOML data."""
        return {
            "scale": [number_or_text(self.low), number_or_text(self.high)],
            "fields": list(self.fields),
        }


@dataclass
class DraftPhase:
    """One phase as the form holds it; `origin` is the index of the `[[phase]]` table it came
    from in the file (None for a phase added in the editor), so its comments stay with it."""

    id: str = ""
    title: str = ""
    kind: str = PhaseKind.TOPIC.value
    minutes: str = "10"
    turns: str = TurnMode.OPEN.value
    turn_seconds: str = ""
    prompts: list[str] = field(default_factory=list)
    script: str = ""
    checkin: DraftCheckIn | None = None
    homework: list[str] = field(default_factory=list)
    min_minutes: str = ""
    skill: str = ""
    objective: str = ""
    # The `share` table (issue 16: what the group's view shows): "default" (as the phase's
    # kind does), "yes" or "no", and the text shown to the group as written.
    share_countdown: str = "default"
    share_prompts: str = "default"
    share_text: str = ""
    origin: int | None = None
    # Keys of the phase the form does not show (fields added to the model later, or keys the
    # loader will name as unknown): carried through unchanged, so nothing is lost by editing.
    others: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any], origin: int | None = None) -> DraftPhase:
        """The draft of a raw `[[phase]]` table (the `origin`-th in its file)."""
        checkin = data.get("checkin")
        share = _share_fields(data.get("share"))
        shown = _PHASE_KEYS | ({"share"} if share is not None else set())
        return cls(
            **(share or {}),
            others={k: v for k, v in data.items() if k not in shown},
            id=_text(data.get("id")),
            title=_text(data.get("title")),
            kind=_text(data.get("kind")),
            minutes=_text(data.get("minutes")),
            turns=_text(data.get("turns", TurnMode.OPEN.value)),
            turn_seconds=_text(data.get("turn_seconds")),
            prompts=_texts(data.get("prompts")),
            script=_text(data.get("script")),
            checkin=DraftCheckIn.from_data(checkin) if isinstance(checkin, dict) else None,
            homework=_texts(data.get("homework")),
            min_minutes=_text(data.get("min_minutes")),
            skill=_text(data.get("skill")),
            objective=_text(data.get("objective")),
            origin=origin,
        )

    @property
    def is_check_in(self) -> bool:
        """Whether the phase is of kind check-in (the form then shows the ratings)."""
        return self.kind == PhaseKind.CHECK_IN.value

    def to_data(self) -> dict[str, Any]:
        """The phase as TOML data; empty optional fields are left out, as an author would."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "minutes": number_or_text(self.minutes),
            "turns": self.turns,
        }
        if self.turn_seconds.strip():
            data["turn_seconds"] = number_or_text(self.turn_seconds)
        if self.prompts:
            data["prompts"] = list(self.prompts)
        if self.script:
            data["script"] = self.script
        # The form shows the ratings only on a check-in phase; what it does not show is not
        # written (changing a check-in's kind drops its ratings rather than break the file).
        if self.checkin is not None and self.is_check_in:
            data["checkin"] = self.checkin.to_data()
        if self.homework:
            data["homework"] = list(self.homework)
        if self.min_minutes.strip():
            data["min_minutes"] = number_or_text(self.min_minutes)
        if self.skill:
            data["skill"] = self.skill
        if self.objective:
            data["objective"] = self.objective
        share = _share_table(self.share_countdown, self.share_prompts, self.share_text)
        if share:
            data["share"] = share
        return {**self.others, **data}

    def copy(self) -> DraftPhase:
        """A copy for 'duplicate': a new phase (no origin) with a fresh id left to the caller."""
        twin = copy.deepcopy(self)
        twin.origin = None
        return twin


@dataclass
class DraftAgenda:
    """A whole agenda as the editor's form holds it (see the module)."""

    title: str = ""
    kind: str = "other"
    minutes: str = "60"
    description: str = ""
    reminder: str = ""
    when: list[str] = field(default_factory=lambda: list(REMINDER_MOMENTS))
    norms: list[str] = field(default_factory=list)
    phases: list[DraftPhase] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DraftAgenda:
        """The draft of raw TOML data, whatever shape it has (wrong types become text)."""
        info = _table(data.get("agenda"))
        secrecy = _table(data.get("confidentiality"))
        phases = data.get("phase")
        return cls(
            title=_text(info.get("title")),
            kind=_text(info.get("kind")),
            minutes=_text(info.get("minutes")),
            description=_text(info.get("description")),
            reminder=_text(secrecy.get("reminder")),
            when=_texts(secrecy["when"]) if "when" in secrecy else list(REMINDER_MOMENTS),
            norms=_texts(_table(data.get("norms")).get("items")),
            phases=[
                DraftPhase.from_data(phase, origin=n)
                for n, phase in enumerate(phases if isinstance(phases, list) else [])
                if isinstance(phase, dict)
            ],
        )

    @classmethod
    def from_agenda(cls, agenda: Agenda) -> DraftAgenda:
        """The draft of a valid agenda."""
        return cls.from_data(agenda.model_dump(mode="json", exclude_none=True))

    def to_data(self) -> dict[str, Any]:
        """The raw TOML data the loader checks. With no reminder typed, the table is left out
        and the loader reads the standard one (and says so)."""
        data: dict[str, Any] = {
            "agenda": {
                "title": self.title,
                "kind": self.kind,
                "minutes": number_or_text(self.minutes),
            }
        }
        if self.description:
            data["agenda"]["description"] = self.description
        if self.reminder.strip():
            data["confidentiality"] = {"reminder": self.reminder, "when": list(self.when)}
        if self.norms:
            data["norms"] = {"items": list(self.norms)}
        data["phase"] = [phase.to_data() for phase in self.phases]
        return data

    @property
    def typed_minutes(self) -> int | None:
        """The agenda's minutes if they are a whole number yet."""
        value = number_or_text(self.minutes)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def new_phase_id(self, wanted: str = "phase") -> str:
        """`wanted`, or `wanted-2`, `wanted-3`…: the first that no phase uses yet."""
        taken = {phase.id for phase in self.phases}
        if wanted not in taken:
            return wanted
        number = 2
        while f"{wanted}-{number}" in taken:
            number += 1
        return f"{wanted}-{number}"
