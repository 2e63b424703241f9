"""The session engine: a group session as events, and everything derived from them.

No UI here (never imports Textual or Rich). The runner drives a `SessionEngine` (usually through
a `LiveSession`, which saves every event to the vault's journal with its `Saver`); the CLI and
review read groups and finished sessions through `Records`.

The names below are what the layers above (`cli`, `tui`, `review`) use: import them from
here, not from the modules that define them, so a module can move without touching the UI.
"""

from __future__ import annotations

from iop_facilitator.session.clock import Clock, FakeClock, SystemClock
from iop_facilitator.session.demo import demo_group, seed_demo_history
from iop_facilitator.session.discarding import DiscardedSession, discard_session
from iop_facilitator.session.engine import DRAFT_SECONDS, UNDO_SECONDS, SessionEngine, UndoOffer
from iop_facilitator.session.errors import EventRefused, GroupNotFound, NobodyPresent
from iop_facilitator.session.events import DraftForm, HomeworkOutcome, SessionRecovered
from iop_facilitator.session.group import Group, Member, initials_of, new_id
from iop_facilitator.session.group_facts import group_facts
from iop_facilitator.session.group_lock import GroupSessionHeld, group_holder
from iop_facilitator.session.group_slides import GroupView, Slide, group_view
from iop_facilitator.session.handling import replay
from iop_facilitator.session.journal_damage import JournalReading, read_journal
from iop_facilitator.session.live import LiveSession
from iop_facilitator.session.notes import (
    OUTCOME_WORDS,
    MemberNoteDraft,
    NoteDraft,
    NoteFormat,
    NoteSection,
    SharedSection,
    given_to,
    minutes_words,
    note_draft,
)
from iop_facilitator.session.records import FinishedSession, Records, Store, UnfinishedSession
from iop_facilitator.session.reminders import reminder_owed
from iop_facilitator.session.saver import RETRY_PAUSES, SaveStatus, Saving
from iop_facilitator.session.speaking import SpeakingView, speaking_view
from iop_facilitator.session.state import (
    Attendance,
    CheckIn,
    Homework,
    MemberState,
    PhaseStatus,
    SessionState,
)
from iop_facilitator.session.summary import (
    AttendanceLine,
    AttendanceStatus,
    FlagLine,
    SessionSummary,
    summarise,
)
from iop_facilitator.session.timing import ClockView, clock_view, suggest_budget
from iop_facilitator.session.watching import (
    NoSessionRunning,
    SessionWatch,
    running_session,
    running_sessions,
)

__all__ = [
    "DRAFT_SECONDS",
    "OUTCOME_WORDS",
    "RETRY_PAUSES",
    "UNDO_SECONDS",
    "Attendance",
    "AttendanceLine",
    "AttendanceStatus",
    "CheckIn",
    "Clock",
    "ClockView",
    "DiscardedSession",
    "DraftForm",
    "EventRefused",
    "FakeClock",
    "FinishedSession",
    "FlagLine",
    "Group",
    "GroupNotFound",
    "GroupSessionHeld",
    "GroupView",
    "Homework",
    "HomeworkOutcome",
    "JournalReading",
    "LiveSession",
    "Member",
    "MemberNoteDraft",
    "MemberState",
    "NoSessionRunning",
    "NobodyPresent",
    "NoteDraft",
    "NoteFormat",
    "NoteSection",
    "PhaseStatus",
    "Records",
    "SaveStatus",
    "Saving",
    "SessionEngine",
    "SessionRecovered",
    "SessionState",
    "SessionSummary",
    "SessionWatch",
    "SharedSection",
    "Slide",
    "SpeakingView",
    "Store",
    "SystemClock",
    "UndoOffer",
    "UnfinishedSession",
    "clock_view",
    "demo_group",
    "discard_session",
    "given_to",
    "group_facts",
    "group_holder",
    "group_view",
    "initials_of",
    "minutes_words",
    "new_id",
    "note_draft",
    "read_journal",
    "reminder_owed",
    "replay",
    "running_session",
    "running_sessions",
    "seed_demo_history",
    "speaking_view",
    "suggest_budget",
    "summarise",
]
