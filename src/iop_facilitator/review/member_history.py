"""One member across all their sessions: attendance, check-ins, airtime, homework, notes, flags.

Members keep one id for life, across renames and groups, so a history follows the id; the
name shown is the one from their latest session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.digest import SessionDigest
from iop_facilitator.review.errors import MemberUnknown
from iop_facilitator.review.homework_figures import completion_rate
from iop_facilitator.review.safety_flags import SafetyFlagRecord, all_flags
from iop_facilitator.session.attendance import ATTENDED, AttendanceStatus
from iop_facilitator.wording import full_stop


@dataclass(frozen=True)
class MemberListing:
    """A member as the Members view lists them."""

    id: str
    name: str
    groups: tuple[str, ...]
    sessions: int  # sessions they were on the roster of
    last_seen: datetime | None  # the last session they attended (None: never attended)


@dataclass(frozen=True)
class MemberSession:
    """One session from the member's point of view."""

    session_id: str
    started: datetime
    group_name: str
    agenda_title: str
    attendance: AttendanceStatus
    checkin: dict[str, int] | None
    checkin_passed: bool
    checkin_note: str
    member_share: float
    airtime_seconds: float
    turns: int


@dataclass(frozen=True)
class Streaks:
    """Runs of sessions attended (late and leaving early count) or missed, oldest to newest."""

    current_attended: int
    longest_attended: int
    current_missed: int


@dataclass(frozen=True)
class MemberNote:
    session_id: str
    started: datetime
    text: str
    source: str  # "note" | "check-in"


@dataclass(frozen=True)
class MemberHistory:
    """Everything the Members view shows about one member."""

    id: str
    name: str
    sessions: tuple[MemberSession, ...]  # oldest first
    counts: dict[str, int]  # by attendance status (present, late, ..., absent)
    attendance_rate: float | None
    streaks: Streaks
    checkins: dict[str, tuple[tuple[datetime, int], ...]]  # field -> values oldest first
    homework_rate: float | None
    homework_reviewed: int
    notes: tuple[MemberNote, ...]  # newest first
    flags: tuple[SafetyFlagRecord, ...]  # open first, then newest first
    checkin_scale: tuple[int, int] | None = None  # the agenda's scale (charts are drawn on it)


def members(archive: Archive) -> list[MemberListing]:
    """Every member who was on a session's roster, by name."""
    seen: dict[str, tuple[str, set[str], int, datetime | None]] = {}
    for digest in reversed(archive.sessions):  # oldest first: the last name wins
        for m in digest.members:
            _, groups, count, last = seen.get(m.id, ("", set(), 0, None))
            groups.add(digest.group_name)
            # "Last seen" is the last session they attended, not the last one held.
            if m.attendance.attended:
                last = digest.started
            seen[m.id] = (m.name, groups, count + 1, last)
    listings = [
        MemberListing(id=i, name=n, groups=tuple(sorted(g)), sessions=c, last_seen=d)
        for i, (n, g, c, d) in seen.items()
    ]
    return sorted(listings, key=lambda m: (m.name.casefold(), m.id))


def find_member(archive: Archive, name_or_id: str) -> MemberListing:
    """The member with this id, or else this name (case-insensitive, whole name)."""
    everyone = members(archive)
    for m in everyone:
        if m.id == name_or_id:
            return m
    wanted = name_or_id.strip().casefold()
    named = [m for m in everyone if m.name.casefold() == wanted]
    if len(named) == 1:
        return named[0]
    if named:
        raise MemberUnknown(
            full_stop(f"More than one member is called {name_or_id}"),
            hint="Use the member's id (shown by `group show`).",
        )
    raise MemberUnknown(full_stop(f"No session has a member called {name_or_id}"))


def streaks(marks: Iterable[str]) -> Streaks:
    """Attendance streaks from attendance marks, oldest first (unmarked sessions are skipped)."""
    longest = run = missed = 0
    for mark in map(AttendanceStatus, marks):
        if mark.attended:
            run += 1
            missed = 0
            longest = max(longest, run)
        elif mark is AttendanceStatus.ABSENT:
            run = 0
            missed += 1
    return Streaks(current_attended=run, longest_attended=longest, current_missed=missed)


def _homework_outcomes(digest: SessionDigest, member_id: str, attended: bool) -> list[str]:
    outcomes = []
    for h in digest.homework:
        if member_id in h.outcomes:
            outcomes.append(h.outcomes[member_id])
        elif "group" in h.outcomes and attended and (not h.member_ids or member_id in h.member_ids):
            outcomes.append(h.outcomes["group"])
    return outcomes


def member_history(archive: Archive, member_id: str) -> MemberHistory:
    """The history of the member with this id (raises `MemberUnknown` if none)."""
    rows: list[MemberSession] = []
    checkins: dict[str, list[tuple[datetime, int]]] = {}
    scale: tuple[int, int] | None = None
    outcomes: list[str] = []
    notes: list[MemberNote] = []
    name = ""
    for digest in reversed(archive.sessions):  # oldest first
        m = digest.member(member_id)
        if m is None:
            continue
        name = m.name
        rows.append(
            MemberSession(
                session_id=digest.session_id,
                started=digest.started,
                group_name=digest.group_name,
                agenda_title=digest.agenda_title,
                attendance=m.attendance,
                checkin=m.checkin,
                checkin_passed=m.checkin_passed,
                checkin_note=m.checkin_note,
                member_share=m.member_share,
                airtime_seconds=m.airtime_seconds,
                turns=m.turns,
            )
        )
        for field_name, value in (m.checkin or {}).items():
            checkins.setdefault(field_name, []).append((digest.started, value))
        if m.checkin and digest.checkin_scale is not None:
            low, high = digest.checkin_scale
            scale = (low, high) if scale is None else (min(scale[0], low), max(scale[1], high))
        outcomes += _homework_outcomes(digest, member_id, m.attendance.attended)
        if m.checkin_note:
            notes.append(MemberNote(digest.session_id, digest.started, m.checkin_note, "check-in"))
        notes += [
            MemberNote(digest.session_id, digest.started, text, "note")
            for text, about in digest.notes
            if about == member_id
        ]
    if not rows:
        raise MemberUnknown("No session has a member with that id.")
    marks = [r.attendance for r in rows]
    counts = {s.value: marks.count(s) for s in (*ATTENDED, AttendanceStatus.ABSENT)}
    marked = sum(counts.values())
    return MemberHistory(
        id=member_id,
        name=name,
        sessions=tuple(rows),
        counts=counts,
        attendance_rate=(marked - counts["absent"]) / marked if marked else None,
        streaks=streaks(marks),
        checkins={k: tuple(v) for k, v in checkins.items()},
        checkin_scale=scale,
        homework_rate=completion_rate(outcomes),
        homework_reviewed=sum(1 for o in outcomes if o != "not-reviewed"),
        notes=tuple(reversed(notes)),
        flags=tuple(f for f in all_flags(archive) if f.member_id == member_id),
    )
