"""Sentences the runner says after the fact: what resuming after a crash did to the turn in
progress, and what the saved note's check found."""

from __future__ import annotations

from iop_facilitator.review.note_privacy import note_warnings
from iop_facilitator.review.note_similarity import similarity_warnings
from iop_facilitator.review.note_text import note_from_saved_text
from iop_facilitator.session import (
    NoteFormat,
    SessionEngine,
    SessionRecovered,
    SessionSummary,
    replay,
)


def recovery_notice(engine: SessionEngine) -> str | None:
    """What resuming did to the turn in progress at the crash, in a sentence, if there was one."""
    last = engine.events[-1] if engine.events else None
    if not isinstance(last, SessionRecovered):
        return None
    turn = replay(engine.events[:-1]).open_turn  # once, at resume: cheap enough
    if turn is None:
        return None
    name = engine.state.speaker_name(turn.speaker_id)
    down = _duration(last.gap_seconds)
    if last.turn_continues:
        return (
            f"{name}'s turn kept running through the restart ({down} since the last save); "
            "Space ends it when they finish."
        )
    return (
        f"{name}'s turn ended at the last save, {down} before the restart: "
        "too long ago to guess who spoke since."
    )


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return "less than a minute"
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{minutes // 60} hours"


def note_check(summary: SessionSummary, text: str) -> list[str]:
    """Each member's part of the saved note that could not be exported alone (the check a
    member's own export makes), and each section two members' notes share word for word (the
    check review and `export` make before signing), one sentence each; none when it is empty."""
    if not text.strip():
        return []
    note = note_from_saved_text(summary, text, NoteFormat.BIRP)
    return [*note_warnings(summary, note), *similarity_warnings(note, summary)]
