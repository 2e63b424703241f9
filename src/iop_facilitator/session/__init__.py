"""The session engine: a group session as events, and everything derived from them.

No UI here (never imports Textual or Rich). The runner drives a `SessionEngine` (usually through
a `LiveSession`, which journals every event to the vault); the review app reads finished
sessions through `Records`.
"""

from __future__ import annotations

from iop_facilitator.session.clock import Clock, FakeClock, SystemClock
from iop_facilitator.session.engine import Recorder, SessionEngine
from iop_facilitator.session.errors import EventRefused, GroupNotFound, MemberNotFound
from iop_facilitator.session.events import Event, HomeworkOutcome, parse_event
from iop_facilitator.session.group import Facilitator, Group, Member
from iop_facilitator.session.notes import NoteDraft, NoteFormat
from iop_facilitator.session.reminders import ReminderOwed
from iop_facilitator.session.speaking import SpeakerFigures, SpeakingView
from iop_facilitator.session.state import SessionState, replay
from iop_facilitator.session.summary import SessionSummary
from iop_facilitator.session.timing import BudgetSuggestion, ClockView

__all__ = [
    "BudgetSuggestion",
    "Clock",
    "ClockView",
    "Event",
    "EventRefused",
    "Facilitator",
    "FakeClock",
    "Group",
    "GroupNotFound",
    "HomeworkOutcome",
    "Member",
    "MemberNotFound",
    "NoteDraft",
    "NoteFormat",
    "Recorder",
    "ReminderOwed",
    "SessionEngine",
    "SessionState",
    "SessionSummary",
    "SpeakerFigures",
    "SpeakingView",
    "SystemClock",
    "parse_event",
    "replay",
]
