"""The agenda: the plan of one group session, as template authors write it in TOML.

Field names mirror the TOML keys exactly (`[agenda]`, `[confidentiality]`, `[norms]`,
`[[phase]]`) so that a validation error's location is the path the author sees in the file.
`docs/agenda.md` documents every field; keep the two in step.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator, model_validator
from pydantic_core import PydanticCustomError

KEBAB_CASE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# The error type of the rules that span several fields (set in the model validators below).
# The loader checks these rules itself on the raw TOML, so that they are reported even when
# other fields are wrong too, and drops pydantic's copies by this type.
AGENDA_RULE = "agenda_rule"

NonEmptyText = Annotated[str, Field(min_length=1)]
# TOML has real integers: strictness refuses `minutes = true`, `12.5` and `"90"` instead of
# quietly reading them as 1, 12 and 90.
WholeNumber = Annotated[int, Strict()]
ReminderMoment = Literal["start", "new-member"]


class GroupKind(StrEnum):
    PSYCHOEDUCATIONAL = "psychoeducational"
    PROCESS = "process"
    SKILLS = "skills"
    RELAPSE_PREVENTION = "relapse-prevention"
    TRAUMA = "trauma"
    FAMILY = "family"
    SUPPORT = "support"
    OTHER = "other"


class PhaseKind(StrEnum):
    CHECK_IN = "check-in"
    TOPIC = "topic"
    EXERCISE = "exercise"
    DISCUSSION = "discussion"
    CLOSING = "closing"
    BREAK = "break"
    CUSTOM = "custom"


class TurnMode(StrEnum):
    ROUND = "round"  # every present member in order, each may pass
    OPEN = "open"  # anyone, tracked
    NONE = "none"  # no turns tracked (a break, a didactic segment)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class AgendaInfo(_Strict):
    """The `[agenda]` table."""

    title: NonEmptyText
    kind: GroupKind
    minutes: WholeNumber = Field(ge=1, le=480)
    description: str = ""


def _default_reminder_moments() -> list[ReminderMoment]:
    return ["start", "new-member"]


class Confidentiality(_Strict):
    """The `[confidentiality]` table: the reminder read aloud, and when it is owed."""

    reminder: NonEmptyText
    when: list[ReminderMoment] = Field(default_factory=_default_reminder_moments)


class Norms(_Strict):
    """The `[norms]` table: the group's agreements, reviewed at the start."""

    items: list[NonEmptyText] = Field(default_factory=list)


class CheckInSpec(_Strict):
    """How members check in: the rating fields and their common scale."""

    scale: tuple[WholeNumber, WholeNumber] = (1, 10)
    fields: list[NonEmptyText] = Field(default_factory=lambda: ["mood"])

    @model_validator(mode="after")
    def _scale_is_ordered(self) -> CheckInSpec:
        low, high = self.scale
        if not 0 <= low < high <= 100:
            raise PydanticCustomError(
                AGENDA_RULE, "scale must be [low, high] with 0 <= low < high <= 100"
            )
        if len(set(self.fields)) != len(self.fields):
            raise PydanticCustomError(AGENDA_RULE, "check-in fields must not repeat")
        return self


# Phases whose countdown and prompts the group sees by default (a practice, a break); other
# phases show only their title unless their `share` table says otherwise.
SHARED_BY_DEFAULT = frozenset({PhaseKind.EXERCISE, PhaseKind.BREAK})


class ShareSpec(_Strict):
    """The `share` table of a phase: what the group's view (the shared screen) shows.

    `countdown` and `prompts` left out take the default of the phase's kind
    (`SHARED_BY_DEFAULT`); `text` is shown to the group as written (e.g. an exercise's steps).
    """

    countdown: Annotated[bool, Strict()] | None = None
    prompts: Annotated[bool, Strict()] | None = None
    text: str = ""


class Phase(_Strict):
    """One `[[phase]]` of the session."""

    id: str
    title: NonEmptyText
    kind: PhaseKind
    minutes: WholeNumber = Field(ge=1, le=240)
    turns: TurnMode = TurnMode.OPEN
    turn_seconds: WholeNumber | None = Field(default=None, ge=10, le=3600)
    prompts: list[NonEmptyText] = Field(default_factory=list)
    script: str = ""
    checkin: CheckInSpec | None = None
    homework: list[NonEmptyText] = Field(default_factory=list)
    min_minutes: WholeNumber | None = Field(default=None, ge=1, le=240)
    # What the phase teaches and what it is for, so a member's progress note can name the
    # intervention ("Taught paced breathing, to lower arousal in a crisis").
    skill: str = Field(default="", max_length=120)
    objective: str = Field(default="", max_length=300)
    share: ShareSpec | None = None

    @field_validator("id")
    @classmethod
    def _id_is_kebab_case(cls, value: str) -> str:
        if not KEBAB_CASE.match(value):
            raise ValueError("must be kebab-case: lower-case letters, digits and single hyphens")
        return value

    @model_validator(mode="after")
    def _checkin_only_on_check_in(self) -> Phase:
        if self.checkin is not None and self.kind is not PhaseKind.CHECK_IN:
            raise PydanticCustomError(
                AGENDA_RULE, "a checkin table belongs only on a phase of kind 'check-in'"
            )
        if self.min_minutes is not None and self.min_minutes > self.minutes:
            raise PydanticCustomError(AGENDA_RULE, "min_minutes must not exceed minutes")
        return self

    @property
    def shows_countdown(self) -> bool:
        """Whether the group's view shows this phase's countdown (`share.countdown`, else
        the default of its kind)."""
        chosen = self.share.countdown if self.share else None
        return chosen if chosen is not None else self.kind in SHARED_BY_DEFAULT

    @property
    def shows_prompts(self) -> bool:
        """Whether the group's view shows this phase's prompts (`share.prompts`, else the
        default of its kind)."""
        chosen = self.share.prompts if self.share else None
        return chosen if chosen is not None else self.kind in SHARED_BY_DEFAULT

    @property
    def shared_text(self) -> str:
        """The text the agenda gives the group's view for this phase (may be empty)."""
        return self.share.text if self.share else ""

    @property
    def floor_minutes(self) -> int:
        """The least this phase may be shortened to when the session re-budgets."""
        return self.min_minutes if self.min_minutes is not None else max(1, self.minutes // 2)


class Agenda(_Strict):
    """A whole agenda file."""

    agenda: AgendaInfo
    confidentiality: Confidentiality
    norms: Norms = Field(default_factory=Norms)
    phase: list[Phase] = Field(min_length=1)

    @model_validator(mode="after")
    def _phases_fit(self) -> Agenda:
        seen: set[str] = set()
        for p in self.phase:
            if p.id in seen:
                raise PydanticCustomError(
                    AGENDA_RULE, "phase id {id} is used more than once", {"id": p.id}
                )
            seen.add(p.id)
        total = sum(p.minutes for p in self.phase)
        if total > self.agenda.minutes:
            raise PydanticCustomError(
                AGENDA_RULE,
                "the phases add up to {total} minutes, more than the agenda's {minutes}",
                {"total": total, "minutes": self.agenda.minutes},
            )
        return self

    @property
    def title(self) -> str:
        return self.agenda.title

    @property
    def phases(self) -> list[Phase]:
        return self.phase

    @property
    def planned_minutes(self) -> int:
        """The session's planned length, `[agenda] minutes`: the one figure every screen and
        note gives as "planned" (the phases may add up to less; the rest is spare time)."""
        return self.agenda.minutes

    @property
    def phase_minutes(self) -> int:
        """The sum of the phases' minutes (at most `planned_minutes`)."""
        return sum(p.minutes for p in self.phase)

    def phase_by_id(self, phase_id: str) -> Phase:
        for p in self.phase:
            if p.id == phase_id:
                return p
        raise KeyError(phase_id)
