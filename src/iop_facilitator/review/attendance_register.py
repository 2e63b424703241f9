"""The attendance register: per member and week, the sessions, their dates, the minutes each
member attended and their status, for billing and program staff.

Built from the finished sessions in a date range (each is decrypted: minutes attended come
from the arrival and leaving times, which the digests do not hold). Unfinished sessions are
left out: a register is what was charted. Rendered as CSV (one row per member and session,
for spreadsheets and billing systems) or as a printable document (per member, week by week,
with each week's total).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.export.document import Bullets, Document, Facts, Heading, Table
from iop_facilitator.review.library import Library
from iop_facilitator.review.sessions import SessionFilter, list_sessions

CSV_COLUMNS = (
    "member",
    "member_id",
    "group",
    "week",
    "date",
    "start",
    "status",
    "minutes_attended",
    "session_minutes",
    "session_id",
)


@dataclass(frozen=True)
class RegisterLine:
    """One member in one session."""

    member: str
    member_id: str
    group: str
    week: str  # ISO week, "2026-W47"
    day: date
    start: str  # local time, "18:00"
    status: str  # in the one vocabulary of attendance words
    minutes_attended: int
    session_minutes: int
    session_id: str


def attendance_register(
    library: Library,
    archive: Archive,
    *,
    since: date | None,
    until: date | None,
    group: str | None = None,
) -> list[RegisterLine]:
    """Every rostered member of every finished session in the range (both days included),
    by member name, then date. Absent members are listed too (0 minutes): a register shows
    who was expected and did not come."""
    digests = [
        d
        for d in list_sessions(archive, SessionFilter(group=group or "", since=since, until=until))
        if d.finished
    ]
    lines = []
    for digest in digests:
        summary = library.summary(digest.session_id)
        local = summary.started.astimezone()
        iso = local.isocalendar()
        for a in summary.attendance:
            lines.append(
                RegisterLine(
                    member=a.name,
                    member_id=a.member_id,
                    group=summary.group_name,
                    week=f"{iso.year}-W{iso.week:02d}",
                    day=local.date(),
                    start=f"{local:%H:%M}",
                    status=a.status.label,
                    minutes_attended=round(a.minutes_attended(summary.elapsed_minutes)),
                    session_minutes=round(summary.elapsed_minutes),
                    session_id=summary.session_id,
                )
            )
    return sorted(lines, key=lambda x: (x.member.casefold(), x.member_id, x.day, x.start))


def register_csv(lines: list[RegisterLine]) -> str:
    """One row per member and session, with a header row (`CSV_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for x in lines:
        writer.writerow(
            (
                x.member,
                x.member_id,
                x.group,
                x.week,
                x.day.isoformat(),
                x.start,
                x.status,
                x.minutes_attended,
                x.session_minutes,
                x.session_id,
            )
        )
    return out.getvalue()


def register_title(since: date | None, until: date | None) -> str:
    """ "Attendance register, FROM to TO" (open ends say so)."""
    start = since.isoformat() if since else "the first session"
    end = until.isoformat() if until else "the latest"
    return f"Attendance register, {start} to {end}"


def register_document(
    lines: list[RegisterLine], since: date | None, until: date | None
) -> Document:
    """Per member: a table of their sessions week by week, each week closed by its total."""
    document = Document(register_title(since, until))
    members = {x.member_id for x in lines}
    document.add(
        Facts(
            (
                ("From", since.isoformat() if since else "the first session"),
                ("To", until.isoformat() if until else "the latest"),
                ("Members", str(len(members))),
                ("Sessions", str(len({x.session_id for x in lines}))),
            )
        )
    )
    if not lines:
        document.add(Bullets(("No finished session falls in this range.",)))
    for (name, _), theirs in groupby(lines, key=lambda x: (x.member, x.member_id)):
        rows: list[tuple[str, ...]] = []
        for week, in_week in groupby(theirs, key=lambda x: x.week):
            sessions = list(in_week)
            for x in sessions:
                rows.append(
                    (
                        week,
                        f"{x.day.isoformat()} {x.start}",
                        x.group,
                        x.status,
                        str(x.minutes_attended),
                    )
                )
            attended = sum(1 for x in sessions if x.minutes_attended > 0)
            minutes = sum(x.minutes_attended for x in sessions)
            rows.append((week, "week total", f"{attended} of {len(sessions)}", "", str(minutes)))
        document.add(
            Heading(name, 2),
            Table(("Week", "Date", "Group", "Status", "Minutes"), tuple(rows), numeric=(4,)),
        )
    return document


__all__ = [
    "CSV_COLUMNS",
    "RegisterLine",
    "attendance_register",
    "register_csv",
    "register_document",
    "register_title",
]
