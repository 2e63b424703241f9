"""The facts every group note states, whatever its format: attendance and check-in figures.

Every note format (`session.notes`) states these in the same words, so that a clinic switching
formats reads the same figures. Members are named by initials only, as the group note requires.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.session.attendance import AttendanceStatus
from iop_facilitator.session.summary import AttendanceLine, SessionSummary
from iop_facilitator.wording import full_stop


@dataclass(frozen=True)
class CheckInFigures:
    """One check-in field across the members who rated it."""

    field: str
    average: float
    lowest: int
    highest: int
    members: int

    def sentence(self) -> str:
        """E.g. "Check-in mood: average 5.7 (range 3 to 8, 3 members)."."""
        members = "1 member" if self.members == 1 else f"{self.members} members"
        return (
            f"Check-in {self.field}: average {self.average:.1f} "
            f"(range {self.lowest} to {self.highest}, {members})."
        )


@dataclass(frozen=True)
class GroupFacts:
    """Who attended (late, left early, absent), of how many marked, and the check-ins."""

    attended: tuple[AttendanceLine, ...]
    absent: tuple[AttendanceLine, ...]
    late: tuple[AttendanceLine, ...]
    left_early: tuple[AttendanceLine, ...]
    marked: int  # members marked present, late, left early or absent
    checkins: tuple[CheckInFigures, ...]  # in the agenda's order of fields; rated ones only
    passes: int  # members who passed on the check-in

    def attendance_sentence(self) -> str:
        """E.g. "Attendance: 4 of 5 present (M.L., J.T., A.K., D.R.); absent: S.O.; late: D.R."."""

        def who(lines: tuple[AttendanceLine, ...]) -> str:
            return ", ".join(a.initials for a in lines)

        text = (
            f"Attendance: {len(self.attended)} of {self.marked} present"
            + (f" ({who(self.attended)})" if self.attended else "")
            + (f"; absent: {who(self.absent)}" if self.absent else "")
            + (f"; late: {who(self.late)}" if self.late else "")
            + (f"; left early: {who(self.left_early)}" if self.left_early else "")
        )
        return full_stop(text)  # initials already end with one

    def checkin_sentences(self) -> list[str]:
        """One sentence per rated field, then how many passed (if any did)."""
        sentences = [c.sentence() for c in self.checkins]
        if self.passes:
            plural = "s" if self.passes != 1 else ""
            sentences.append(f"{self.passes} member{plural} passed on the check-in.")
        return sentences


def group_facts(summary: SessionSummary) -> GroupFacts:
    """The attendance and check-in facts of a session's group note."""
    attended = tuple(a for a in summary.attendance if a.attended)
    checkins = []
    for field in summary.checkin_fields:
        values = [c.values[field] for c in summary.checkins if field in c.values]
        if values:
            checkins.append(
                CheckInFigures(
                    field, sum(values) / len(values), min(values), max(values), len(values)
                )
            )
    return GroupFacts(
        attended=attended,
        absent=tuple(a for a in summary.attendance if a.status is AttendanceStatus.ABSENT),
        late=tuple(a for a in attended if a.status.late),
        left_early=tuple(a for a in attended if a.status.left_early),
        marked=sum(1 for a in summary.attendance if a.status is not AttendanceStatus.UNMARKED),
        checkins=tuple(checkins),
        passes=sum(1 for c in summary.checkins if c.passed),
    )
