"""When the confidentiality reminder is owed, as the agenda's `[confidentiality] when` says.

`start`: once at the start of every session, until it has been given. `new-member`: again
whenever a first-time member is here who arrived after the last reminder (or before any).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from iop_facilitator.session.state import SessionState


@dataclass(frozen=True)
class ReminderOwed:
    """The reminder is owed now; `message` says why in one sentence for the facilitator."""

    reason: Literal["start", "new-member"]
    member_ids: tuple[str, ...]  # the first-time members it is owed for ("new-member")
    message: str


def reminder_owed(state: SessionState) -> ReminderOwed | None:
    """The reminder owed now, or None when it has been given as the agenda asks."""
    if state.ended:
        return None
    when = state.agenda.confidentiality.when
    last = state.reminders_at[-1] if state.reminders_at else None
    if "start" in when and last is None:
        return ReminderOwed(
            reason="start",
            member_ids=(),
            message="The confidentiality reminder has not been given yet this session.",
        )
    if "new-member" in when:
        newcomers = [
            m
            for m in state.present_members()
            if m.first_time and (last is None or (m.arrived_at or 0.0) > last)
        ]
        if newcomers:
            names = ", ".join(m.name for m in newcomers)
            return ReminderOwed(
                reason="new-member",
                member_ids=tuple(m.id for m in newcomers),
                message=f"A first-time member is here ({names}): give the confidentiality "
                "reminder again.",
            )
    return None
