"""The group's view: what may be shown to the members when the facilitator shares a screen.

A pure reading of the session's state at a moment, like the clock: the phase's title, its
countdown and prompts when the agenda shares them (`Phase.shows_countdown`,
`Phase.shows_prompts`, `Phase.shared_text`), the agreements while the confidentiality reminder
is read, "Break — back at 14:05" during a break, and the group's homework at closing.

What it never holds, by construction: member names or initials, airtime, turns, notes, safety
flags, check-in values and homework given to a member. Only the agenda's texts, the clock and
the group's own homework text reach a `GroupView`; `tests/share/test_group_view_privacy.py`
greps every rendering of it for a scripted session's private words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from iop_facilitator.agenda.model import PhaseKind
from iop_facilitator.session.reminders import reminder_owed
from iop_facilitator.session.state import PhaseState, SessionState
from iop_facilitator.wording import clock_text, countdown_text

REMINDER_SHOWN_SECONDS = 120.0
"""How long the agreements stay on the group's screen after the reminder was given, unless a
phase starts first."""


class Slide(StrEnum):
    """Which kind of slide the group sees."""

    WELCOME = "welcome"  # before the first phase
    REMINDER = "reminder"  # the confidentiality reminder and the agreements
    PHASE = "phase"
    BREAK = "break"
    BETWEEN = "between"  # a phase ended, the next not started
    ENDED = "ended"


@dataclass(frozen=True)
class GroupView:
    """One slide of the group's view. Every field is safe to show to the group."""

    slide: Slide
    heading: str
    """The phase's title (or the session's, before and after)."""
    subheading: str = ""
    """One line under the heading: "Break — back at 14:05", "Next: Skills practice"."""
    countdown: str | None = None
    """The countdown as `m:ss` (None: the phase does not share it)."""
    countdown_words: str = ""
    """The countdown's state in words ("left", "paused", "over time"): never colour alone."""
    paused: bool = False
    list_title: str = ""
    """What `items` are: "Prompts", "Our agreements", "Homework for the group"."""
    items: tuple[str, ...] = ()
    text: str = ""
    """A paragraph: the agenda's shared text, or the confidentiality reminder."""

    def lines(self) -> list[str]:
        """Every text of the slide, in reading order (for plain renderings and tests)."""
        found = [self.heading, self.subheading, self.countdown or "", self.countdown_words]
        found += [self.list_title, *self.items, self.text]
        return [line for line in found if line]


def group_view(state: SessionState, at: float) -> GroupView:
    """The slide the group sees at `at` (seconds since the session started)."""
    title = state.agenda.title
    if state.ended:
        return GroupView(Slide.ENDED, title, "The session has ended. Thank you for coming.")
    phase = state.phase
    if _reminder_now(state, at, phase):
        return _reminder(state)
    if phase is None:
        upcoming = state.next_planned_phase
        if not state.under_way:
            return GroupView(Slide.WELCOME, title, "We will begin shortly.")
        nxt = f"Next: {upcoming.spec.title}" if upcoming else "Thank you for today."
        paused = "Paused" if state.paused else ""
        return GroupView(Slide.BETWEEN, title, nxt, countdown_words=paused, paused=state.paused)
    return _phase(state, at, phase)


def _reminder_now(state: SessionState, at: float, phase: PhaseState | None) -> bool:
    owed = reminder_owed(state)
    if owed is not None and owed.reason == "start" and phase is None:
        return True
    given = max([*state.reminders_at, *state.norms_reviewed_at], default=None)
    if given is None or at - given > REMINDER_SHOWN_SECONDS:
        return False
    return phase is None or phase.started_at is None or phase.started_at < given


def _reminder(state: SessionState) -> GroupView:
    # The heading names the list: the norms, then the reminder's words as read aloud.
    agenda = state.agenda
    return GroupView(
        Slide.REMINDER,
        "Our agreements",
        items=tuple(agenda.norms.items),
        text=agenda.confidentiality.reminder,
    )


def _phase(state: SessionState, at: float, phase: PhaseState) -> GroupView:
    spec = phase.spec
    left = phase.planned_seconds - phase.used_seconds(at, state.paused_since)
    countdown: str | None = None
    words = "Paused" if state.paused else ""
    if spec.shows_countdown:
        countdown = countdown_text(left)
        if not state.paused:
            words = "left" if left > 0 else "time is up"
            if left < 0:
                words = f"over time by {clock_text(-left)}"
    slide, subheading = Slide.PHASE, ""
    if spec.kind is PhaseKind.BREAK:
        slide = Slide.BREAK
        back = state.started_wall + timedelta(seconds=at + max(0.0, left))
        subheading = f"Break — back at {_hour(back)}"
    list_title, items = "", tuple[str, ...]()
    if spec.kind is PhaseKind.CLOSING and (homework := _group_homework(state)):
        list_title, items = "Homework for the group", homework
    elif spec.shows_prompts and spec.prompts:
        list_title, items = "Prompts", tuple(spec.prompts)
    return GroupView(
        slide,
        spec.title,
        subheading,
        countdown=countdown,
        countdown_words=words,
        paused=state.paused,
        list_title=list_title,
        items=items,
        text=spec.shared_text,
    )


def _group_homework(state: SessionState) -> tuple[str, ...]:
    """The homework given to the group as a whole in this session (never a member's)."""
    return tuple(
        h.text for h in state.homework.values() if not h.carried and not h.member_ids and h.text
    )


def _hour(moment: datetime) -> str:
    """`14:05` in the computer's own zone."""
    return moment.astimezone().strftime("%H:%M")
