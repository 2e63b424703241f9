"""A member's attendance at one session as the record keeps it: one enum, its words, and
whether it counts as attended.

The engine marks members present or absent (`state.Attendance`) and notes arriving late and
leaving early; `AttendanceStatus.of` turns that into the one status every screen, export and
figure uses. The word for a member nobody marked is "not recorded": what the clinical record,
the note ("attendance was not recorded") and every export say, true during the session (nothing
recorded yet) and after it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iop_facilitator.session.state import MemberState


class AttendanceStatus(StrEnum):
    """The values are what the vault stores (JSON strings); `label` is what a person reads."""

    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left-early"
    LATE_AND_LEFT_EARLY = "late-and-left-early"
    ABSENT = "absent"
    UNMARKED = "unmarked"

    @property
    def attended(self) -> bool:
        """Was there for some of the session (late and leaving early count)."""
        return self not in (AttendanceStatus.ABSENT, AttendanceStatus.UNMARKED)

    @property
    def late(self) -> bool:
        return self in (AttendanceStatus.LATE, AttendanceStatus.LATE_AND_LEFT_EARLY)

    @property
    def left_early(self) -> bool:
        return self in (AttendanceStatus.LEFT_EARLY, AttendanceStatus.LATE_AND_LEFT_EARLY)

    @property
    def label(self) -> str:
        """In words, as the apps and the exports show it: "late, left early", "not recorded"."""
        return _LABELS[self]

    @classmethod
    def of(cls, member: MemberState) -> AttendanceStatus:
        """The status of `member` as the session's state has it now."""
        if not member.attended:
            return cls.ABSENT if member.attendance.value == "absent" else cls.UNMARKED
        if member.late and member.left_at is not None:
            return cls.LATE_AND_LEFT_EARLY
        if member.late:
            return cls.LATE
        if member.left_at is not None:
            return cls.LEFT_EARLY
        return cls.PRESENT


_LABELS = {
    AttendanceStatus.PRESENT: "present",
    AttendanceStatus.LATE: "late",
    AttendanceStatus.LEFT_EARLY: "left early",
    AttendanceStatus.LATE_AND_LEFT_EARLY: "late, left early",
    AttendanceStatus.ABSENT: "absent",
    AttendanceStatus.UNMARKED: "not recorded",
}

ATTENDED = tuple(status for status in AttendanceStatus if status.attended)
"""Every status that counts as attended, in order."""
