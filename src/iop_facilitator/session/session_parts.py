"""What a session starts with: its roster and facilitators, and what is carried into it from
earlier sessions (open homework and flags, each member's last session). These are parts of the
`SessionStarted` event (`session.events`), frozen like every event.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:  # the state is built from events; only its types are needed here
    from iop_facilitator.session.state import Homework, SafetyFlag


class Frozen(BaseModel):
    """The base of every event and its parts: immutable, and no field it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class RosterEntry(Frozen):
    """A member as they were when the session started (names can change later; ids never)."""

    member_id: str
    name: str
    initials: str
    pronouns: str = ""
    goals: tuple[str, ...] = ()
    first_time: bool = False


class FacilitatorEntry(Frozen):
    """A facilitator of this session; a co-facilitator's turns count as facilitator time."""

    facilitator_id: str
    name: str
    role: Literal["lead", "co"] = "lead"


class HomeworkOutcome(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not-done"
    NOT_REVIEWED = "not-reviewed"


class CarriedHomework(Frozen):
    """An assignment still open from an earlier session, to be reviewed in this one."""

    homework_id: str
    text: str
    member_ids: tuple[str, ...] = ()  # empty: the whole group
    assigned_in: str  # session id
    assigned_on: datetime

    @classmethod
    def of(cls, homework: Homework, member_ids: tuple[str, ...]) -> CarriedHomework:
        """`homework` as the next session receives it, due from `member_ids` (empty: the
        group)."""
        return cls(
            homework_id=homework.id,
            text=homework.text,
            member_ids=member_ids,
            assigned_in=homework.assigned_in,
            assigned_on=homework.assigned_wall,
        )


class CarriedFlag(Frozen):
    """A safety flag from an earlier session that has not been marked handled."""

    flag_id: str
    member_id: str
    note: str
    raised_in: str  # session id
    raised_on: datetime

    @classmethod
    def of(cls, flag: SafetyFlag) -> CarriedFlag:
        """`flag` as the next session receives it."""
        return cls(
            flag_id=flag.id,
            member_id=flag.member_id,
            note=flag.note,
            raised_in=flag.raised_in,
            raised_on=flag.raised_wall,
        )


class MemberLastSession(Frozen):
    """What a member's previous session of the group showed, carried into the next one so
    their progress note can say what changed ("mood 4, down from 6 last week")."""

    member_id: str
    session_id: str
    on: datetime
    checkin: dict[str, int] = Field(default_factory=dict)  # empty: no ratings given
    checkin_passed: bool = False
    turns: int = 0  # times they spoke
