"""A session's digest: the figures and texts review lists, charts and searches, in a few KB.

Digests live in the vault's encrypted index (kind `session-digest`), so the Sessions list,
a member's history, a group's figures, the follow-up list and search all read the index alone
and never decrypt every session. A digest is a pure function of the session's events; the
`version` lets a later program rebuild digests it no longer understands.
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from pydantic.dataclasses import dataclass

from iop_facilitator.session.attendance import AttendanceStatus
from iop_facilitator.session.summary import FlagLine, SessionSummary

DIGEST_VERSION = 2


class _Digest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


# The parts of a digest are slotted dataclasses, not models: a career holds some 40,000
# members' lines, and a model's per-instance dict and set of fields given made them most of
# review's memory (89 MB of digests at 5,000 sessions).
_PART = ConfigDict(extra="ignore")


@dataclass(frozen=True, slots=True, kw_only=True, config=_PART)
class MemberDigest:
    """One member in one session."""

    id: str
    name: str
    initials: str
    attendance: AttendanceStatus
    first_time: bool = False
    checkin: dict[str, int] | None = None  # None: no check-in recorded
    checkin_passed: bool = False
    checkin_note: str = ""
    airtime_seconds: float = 0.0
    member_share: float = 0.0  # of members' airtime, 0..1
    turns: int = 0
    passes: int = 0


@dataclass(frozen=True, slots=True, kw_only=True, config=_PART)
class HomeworkDigest:
    """An assignment as this session left it: given here, or carried in to be reviewed."""

    id: str
    text: str
    member_ids: tuple[str, ...] = ()  # empty: the whole group
    carried: bool
    # member id, or "group" for the group as a whole -> done | partly | not-done | not-reviewed
    outcomes: dict[str, str] = field(default_factory=dict)

    @property
    def closed(self) -> bool:
        """Reviewed with a real outcome, so not due again."""
        return any(o != "not-reviewed" for o in self.outcomes.values())


@dataclass(frozen=True, slots=True, kw_only=True, config=_PART)
class FlagDigest:
    """A safety flag raised in this session, or carried in and handled in it."""

    id: str
    member_id: str
    note: str
    raised_in: str
    carried: bool
    handled: bool = False
    handled_note: str = ""
    handled_at: datetime | None = None

    @classmethod
    def of(cls, line: FlagLine) -> FlagDigest:
        """The summary's line for a flag, as review keeps it."""
        return cls(
            id=line.flag_id,
            member_id=line.member_id,
            note=line.note,
            raised_in=line.raised_in,
            carried=line.carried,
            handled=line.handled,
            handled_note=line.handled_note,
            handled_at=line.handled_on,
        )


class SessionDigest(_Digest):
    """Everything review needs about one session without opening it."""

    version: int = DIGEST_VERSION
    session_id: str
    group_id: str
    group_name: str
    agenda_title: str
    agenda_kind: str
    started: datetime
    ended: datetime | None = None
    finished: bool = True
    checkin_fields: tuple[str, ...] = ()
    checkin_scale: tuple[int, int] | None = None
    members: tuple[MemberDigest, ...] = ()
    equity_gini: float = 0.0
    facilitator_share: float = 0.0
    homework: tuple[HomeworkDigest, ...] = ()
    # (text, member id or "" for the group): plain pairs, not models, because a career holds
    # some 150,000 notes and reading them into objects one by one was most of opening review.
    notes: tuple[tuple[str, str], ...] = ()
    flags: tuple[FlagDigest, ...] = ()

    def member(self, member_id: str) -> MemberDigest | None:
        """This member's line in the session, or None if they were not on its roster."""
        return next((m for m in self.members if m.id == member_id), None)

    @property
    def attended(self) -> int:
        """How many members were present (late arrivals and early leavers included)."""
        return sum(1 for m in self.members if m.attendance.attended)


def digest_of(summary: SessionSummary) -> SessionDigest:
    """The digest of a session's summary (pure: the same summary always gives the same digest)."""
    checkins = {c.member_id: c for c in summary.checkins}
    speakers = {s.speaker_id: s for s in summary.speakers}
    members = []
    for a in summary.attendance:
        checkin = checkins.get(a.member_id)
        spoke = speakers.get(a.member_id)
        members.append(
            MemberDigest(
                id=a.member_id,
                name=a.name,
                initials=a.initials,
                attendance=a.status,
                first_time=a.first_time,
                checkin=None if checkin is None or checkin.passed else dict(checkin.values),
                checkin_passed=checkin is not None and checkin.passed,
                checkin_note=checkin.note if checkin else "",
                airtime_seconds=round(spoke.airtime_seconds, 1) if spoke else 0.0,
                member_share=round(spoke.member_share or 0.0, 4) if spoke else 0.0,
                turns=spoke.turns if spoke else 0,
                passes=spoke.passes if spoke else 0,
            )
        )
    homework = [
        HomeworkDigest(
            id=h.homework_id,
            text=h.text,
            member_ids=h.member_ids,
            carried=h.carried,
            outcomes=dict(h.outcomes),
        )
        for h in (*summary.homework_given, *summary.homework_reviewed)
    ]
    flags = [FlagDigest.of(f) for f in summary.flags if not f.carried or f.handled]
    return SessionDigest(
        session_id=summary.session_id,
        group_id=summary.group_id,
        group_name=summary.group_name,
        agenda_title=summary.agenda_title,
        agenda_kind=summary.agenda_kind,
        started=summary.started,
        ended=summary.ended,
        finished=summary.finished,
        checkin_fields=summary.checkin_fields,
        checkin_scale=summary.checkin_scale,
        members=tuple(members),
        equity_gini=round(summary.equity_gini, 4),
        facilitator_share=round(summary.facilitator_share, 4),
        homework=tuple(homework),
        notes=tuple((n.text, n.member_id or "") for n in summary.notes),
        flags=tuple(flags),
    )
