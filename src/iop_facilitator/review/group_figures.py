"""A group's figures over time: sessions a week, attendance, equity, facilitator share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.digest import SessionDigest
from iop_facilitator.review.homework_figures import completion_rate
from iop_facilitator.review.sessions import local_date
from iop_facilitator.session.attendance import AttendanceStatus


@dataclass(frozen=True)
class WeekFigures:
    """One calendar week (starting Monday) of a group's sessions."""

    week: date
    sessions: int
    attendance_rate: float | None
    equity_gini: float
    facilitator_share: float


@dataclass(frozen=True)
class GroupFigures:
    """What the Groups view shows for one group."""

    group_id: str
    name: str
    sessions: int
    first: date
    last: date
    sessions_per_week: float
    attendance_rate: float | None
    equity_gini: float
    facilitator_share: float
    homework_rate: float | None
    weeks: tuple[WeekFigures, ...]  # oldest first, weeks without sessions left out


def _attendance(digests: list[SessionDigest]) -> float | None:
    marks = [
        m.attendance
        for d in digests
        for m in d.members
        if m.attendance is not AttendanceStatus.UNMARKED
    ]
    if not marks:
        return None
    return sum(1 for m in marks if m.attended) / len(marks)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def group_figures(archive: Archive, group_id: str) -> GroupFigures | None:
    """The figures of one group, or None if it has no session."""
    digests = [d for d in reversed(archive.sessions) if d.group_id == group_id]
    if not digests:
        return None
    by_week: dict[date, list[SessionDigest]] = {}
    for d in digests:
        by_week.setdefault(_monday(local_date(d)), []).append(d)
    weeks = tuple(
        WeekFigures(
            week=week,
            sessions=len(ds),
            attendance_rate=_attendance(ds),
            equity_gini=_mean([d.equity_gini for d in ds]),
            facilitator_share=_mean([d.facilitator_share for d in ds]),
        )
        for week, ds in sorted(by_week.items())
    )
    first, last = local_date(digests[0]), local_date(digests[-1])
    span_weeks = ((_monday(last) - _monday(first)).days // 7) + 1
    outcomes = [o for d in digests for h in d.homework for o in h.outcomes.values()]
    return GroupFigures(
        group_id=group_id,
        name=digests[-1].group_name,
        sessions=len(digests),
        first=first,
        last=last,
        sessions_per_week=len(digests) / span_weeks,
        attendance_rate=_attendance(digests),
        equity_gini=_mean([d.equity_gini for d in digests]),
        facilitator_share=_mean([d.facilitator_share for d in digests]),
        homework_rate=completion_rate(outcomes),
        weeks=weeks,
    )


def all_group_figures(archive: Archive) -> list[GroupFigures]:
    """Every group's figures, by name."""
    ids = dict.fromkeys(d.group_id for d in archive.sessions)
    figures = [f for f in (group_figures(archive, g) for g in ids) if f is not None]
    return sorted(figures, key=lambda f: f.name.casefold())
