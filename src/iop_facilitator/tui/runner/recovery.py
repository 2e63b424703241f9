"""What resuming after a crash did to the turn in progress, in a sentence for the cockpit."""

from __future__ import annotations

from iop_facilitator.session import SessionEngine, SessionRecovered, replay


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
