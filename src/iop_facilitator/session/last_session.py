"""Each member's previous session of a group, carried into the next session's start.

A progress note says what changed for the member ("mood 4, down from 6 last week") and how
they took part against their own history; the next session receives, per member, what their
latest attended session showed, so the note stays a pure function of the session's events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from iop_facilitator.errors import UserError
from iop_facilitator.session.events import MemberLastSession
from iop_facilitator.session.group import Group
from iop_facilitator.session.summary import SessionSummary

LOOK_BACK = 12
"""How many of the group's latest sessions are read at most (a member away longer than that
has no previous session carried: their note then states this session's figures alone)."""


class _Entry(Protocol):
    """The part of a `SessionIndexEntry` read here (who attended which session)."""

    @property
    def session_id(self) -> str: ...

    @property
    def attended_ids(self) -> list[str]: ...


def last_sessions(
    group: Group,
    newest_first: Iterable[_Entry],
    summary_of: Callable[[str], SessionSummary],
) -> tuple[MemberLastSession, ...]:
    """For each active member of `group`, what their latest attended session showed.

    `newest_first` are the group's finished sessions' index entries (nothing decrypted), and
    `summary_of` reads one session's summary; only sessions someone still needs are read, at
    most `LOOK_BACK` of them. A session that cannot be read is passed over.
    """
    wanted = {m.id for m in group.active_members}
    found: dict[str, MemberLastSession] = {}
    for read, entry in enumerate(newest_first):
        if read >= LOOK_BACK or not wanted:
            break
        here = wanted & set(entry.attended_ids)
        if not here:
            continue
        try:
            summary = summary_of(entry.session_id)
        except UserError:
            continue
        for member_id in here:
            found[member_id] = _member_last(summary, member_id)
        wanted -= here
    return tuple(found[m.id] for m in group.active_members if m.id in found)


def _member_last(summary: SessionSummary, member_id: str) -> MemberLastSession:
    checkin = next((c for c in summary.checkins if c.member_id == member_id), None)
    speaker = summary.speaker(member_id)
    return MemberLastSession(
        member_id=member_id,
        session_id=summary.session_id,
        on=summary.started,
        checkin=dict(checkin.values) if checkin and not checkin.passed else {},
        checkin_passed=bool(checkin and checkin.passed),
        turns=speaker.turns if speaker else 0,
    )
