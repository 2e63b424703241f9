"""A member's session in a clinician's words: attendance in minutes, check-in against their
last session, and participation phase by phase ("shared twice in Open process, briefly").

The figures (seconds, shares) stay in the session record; a progress note says what they
mean for this member.
"""

from __future__ import annotations

from datetime import datetime

from iop_facilitator.session.attendance import AttendanceStatus
from iop_facilitator.session.events import MemberLastSession
from iop_facilitator.session.summary import AttendanceLine, PhaseLine, SessionSummary
from iop_facilitator.wording import possessive

TIMES = {1: "once", 2: "twice"} | {
    n: f"{word} times"
    for n, word in enumerate(("three", "four", "five", "six", "seven", "eight", "nine", "ten"), 3)
}
BRIEF_SECONDS = 40  # a share shorter than this on average reads as "briefly"
LONG_SECONDS = 180  # longer than this on average reads as "at length"


def times(n: int) -> str:
    """How often, in words: "once", "twice", "three times", ... "ten times", "11 times"."""
    return TIMES.get(n, f"{n} times")


def minutes_attended(summary: SessionSummary, a: AttendanceLine) -> tuple[int, int]:
    """(minutes the member attended, minutes the session ran), both whole."""
    whole = summary.elapsed_minutes
    start = a.arrived_minute if a.status.late and a.arrived_minute is not None else 0.0
    end = a.left_minute if a.status.left_early and a.left_minute is not None else whole
    return max(0, round(end - start)), round(whole)


def attendance_sentence(summary: SessionSummary, a: AttendanceLine) -> str:
    """E.g. "Maria L. (she/her) arrived 12 minutes late and attended 76 of 88 minutes of
    Tuesday IOP (DBT skills) on 2026-11-10."."""
    who = a.name + (f" ({a.pronouns})" if a.pronouns else "")
    attended, whole = minutes_attended(summary, a)
    late = round(a.arrived_minute or 0)
    left = round(whole - (a.left_minute or whole))
    how = {
        AttendanceStatus.PRESENT: f"attended all {whole} minutes",
        AttendanceStatus.LATE: f"arrived {late} minutes late and attended {attended} of "
        f"{whole} minutes",
        AttendanceStatus.LEFT_EARLY: f"left {left} minutes before the end, attending "
        f"{attended} of {whole} minutes",
        AttendanceStatus.LATE_AND_LEFT_EARLY: f"arrived {late} minutes late and left {left} "
        f"minutes before the end, attending {attended} of {whole} minutes",
    }.get(a.status, "attended")
    where = f"{summary.group_name} ({summary.agenda_title})"
    return f"{who} {how} of {where} on {summary.started.date().isoformat()}."


def _since(last: MemberLastSession, now: datetime) -> str:
    days = (now.date() - last.on.date()).days
    if 5 <= days <= 9:
        return "last week"
    return f"at the last session attended ({last.on.date().isoformat()})"


def _change(field: str, value: int, last: MemberLastSession | None, now: datetime) -> str:
    before = last.checkin.get(field) if last else None
    if last is None or before is None:
        return ""
    if value == before:
        return f"the same as {_since(last, now)}"
    way = "up" if value > before else "down"
    return f"{way} from {before} {_since(last, now)}"


def checkin_sentence(summary: SessionSummary, member_id: str) -> str:
    """The member's check-in with the change since their last session, and their words."""
    line = next((c for c in summary.checkins if c.member_id == member_id), None)
    if line is None:
        return "No check-in was recorded."
    a = summary.member(member_id)
    whose = possessive(a.name, a.pronouns)
    said = f' In {whose} own words: "{line.note.strip().rstrip(".")}".' if line.note else ""
    if line.passed or not line.values:
        return "Chose not to give check-in ratings (passed)." + said
    last = summary.last_session(member_id)
    high = f"/{summary.checkin_scale[1]}" if summary.checkin_scale else ""
    ratings = []
    for field, value in line.values.items():
        change = _change(field, value, last, summary.started)
        ratings.append(f"{field} {value}{high}" + (f", {change}" if change else ""))
    return "Checked in with " + "; ".join(ratings) + "." + said


def checkin_changes(summary: SessionSummary, member_id: str) -> list[tuple[str, int, int]]:
    """(field, before, now) for each rating that moved since the member's last session."""
    line = next((c for c in summary.checkins if c.member_id == member_id), None)
    last = summary.last_session(member_id)
    if line is None or line.passed or last is None:
        return []
    return [
        (field, last.checkin[field], value)
        for field, value in line.values.items()
        if field in last.checkin and last.checkin[field] != value
    ]


def baseline(summary: SessionSummary, member_id: str) -> dict[str, int]:
    """The member's ratings when there is no earlier rating of theirs to compare them with
    (a first session, or the first since ratings were kept): a baseline for later notes."""
    line = next((c for c in summary.checkins if c.member_id == member_id), None)
    if line is None or line.passed:
        return {}
    last = summary.last_session(member_id)
    return {k: v for k, v in line.values.items() if last is None or k not in last.checkin}


def phases_present(summary: SessionSummary, a: AttendanceLine) -> list[PhaseLine]:
    """The phases that ran while the member was there (any part of them)."""
    start = a.arrived_minute if a.status.late and a.arrived_minute is not None else 0.0
    end = a.left_minute if a.status.left_early and a.left_minute is not None else None
    found = []
    for p in summary.phases:
        if p.status not in ("done", "running") or p.started_minute is None:
            continue
        phase_end = p.ended_minute if p.ended_minute is not None else summary.elapsed_minutes
        if phase_end <= start or (end is not None and p.started_minute >= end):
            continue
        found.append(p)
    return found


def participation_sentence(summary: SessionSummary, a: AttendanceLine) -> str:
    """Where the member shared, how often and how long, where they passed and where they
    stayed quiet while others spoke: "Shared twice in Open process, briefly; passed in
    Check-in; did not speak in Skills practice."."""
    mine = {p.phase_id: p for p in summary.participation_of(a.member_id)}
    spoken = {p.phase_id for p in summary.participation if p.turns}
    shared, passed, quiet = [], [], []
    for phase in phases_present(summary, a):
        line = mine.get(phase.phase_id)
        if line and line.turns:
            average = line.seconds / line.turns
            length = (
                ", briefly"
                if average < BRIEF_SECONDS
                else ", at length"
                if average > LONG_SECONDS
                else ""
            )
            shared.append(f"{times(line.turns)} in {phase.title}{length}")
        elif line and line.passes:
            passed.append(phase.title)
        elif phase.phase_id in spoken:
            quiet.append(phase.title)
    parts = []
    if shared:
        parts.append("Shared " + "; ".join(shared))
    if passed:
        parts.append(
            ("passed when invited in " if shared else "Passed when invited in ") + and_(passed)
        )
    if quiet:
        parts.append(("did not speak in " if parts else "Did not speak in ") + and_(quiet))
    if not parts:
        return "Did not speak during the session."
    return "; ".join(parts) + "."


def roles(summary: SessionSummary, a: AttendanceLine) -> list[tuple[PhaseLine, str]]:
    """Each phase the member was there for (breaks aside), with their part in it: "checked
    in", "shared", "passed when invited", or "listened" ("" where no turns were tracked)."""
    mine = {p.phase_id: p for p in summary.participation_of(a.member_id)}
    spoken = {p.phase_id for p in summary.participation if p.turns or p.passes}
    checkin = next((c for c in summary.checkins if c.member_id == a.member_id), None)
    found = []
    for phase in phases_present(summary, a):
        if phase.kind == "break":
            continue
        line = mine.get(phase.phase_id)
        role = (
            _checkin_role(checkin.passed, bool(line and line.turns))
            if phase.kind == "check-in" and checkin is not None
            else "shared"
            if line and line.turns
            else "passed when invited"
            if line and line.passes
            else "listened"
            if phase.phase_id in spoken
            else ""
        )
        found.append((phase, role))
    return found


def _checkin_role(passed: bool, spoke: bool) -> str:
    if not passed:
        return "checked in"
    return "shared, without ratings" if spoke else "passed on the ratings"


def engagement_sentence(summary: SessionSummary, a: AttendanceLine) -> str:
    """How the member engaged, from where they shared and where they stayed quiet."""
    parts = roles(summary, a)
    shared = [p.title for p, role in parts if role.startswith(("shared", "checked in"))]
    quiet = [p.title for p, role in parts if role in ("listened", "passed when invited")]
    if not shared and not quiet:
        return ""
    if not shared:
        return "Engaged by listening; did not share aloud."
    if not quiet:
        return "Engaged actively, sharing in every part of the session where members spoke."
    return f"Engaged in {and_(shared)}; quieter in {and_(quiet)}."


def turns_in(summary: SessionSummary, member_id: str) -> int:
    """How many times the member spoke in the session."""
    return sum(p.turns for p in summary.participation_of(member_id))


def and_(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
