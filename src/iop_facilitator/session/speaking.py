"""Who spoke, how long, and who might speak next: pure figures from the turns.

Airtime counts spoken turns only (a pass takes no time). Shares are of all airtime, members and
facilitators together, so they add up to 100 %; `member_share` is of members' time only (what a
progress note quotes: "14 % of member time"). The equity index is the Gini coefficient of the
airtime of the members who attended: 0 when everyone spoke equally, towards 1 when one did all
the talking.

"Not heard from": in open discussion, with nobody speaking, a member here whose quiet time
(since they last spoke, or since they arrived if later, paused time left out) has passed
`NOT_HEARD_FROM_SECONDS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.agenda.model import TurnMode
from iop_facilitator.session.state import SessionState, Turn

NOT_HEARD_FROM_SECONDS = 10 * 60
"""In open discussion, a member here who has been quiet this long is named as not heard from."""


@dataclass(frozen=True)
class SpeakerFigures:
    """One member's or facilitator's participation, at one moment."""

    speaker_id: str
    name: str
    is_facilitator: bool
    here: bool
    airtime_seconds: float
    share: float  # of all airtime, 0..1
    member_share: float | None  # of members' airtime, 0..1 (None for facilitators)
    turns: int  # spoken turns, passes not included
    passes: int
    longest_turn_seconds: float
    last_spoke_at: float | None
    since_last_spoke_seconds: float | None  # 0 while speaking; None if never spoke
    spoke_in_phase: bool
    spoke_in_session: bool
    speaking_now: bool
    turns_over_limit: int = 0  # turns that ran past their phase's soft per-turn limit
    # since they last spoke or arrived (the later), pauses excluded; None if not here
    quiet_seconds: float | None = None


@dataclass(frozen=True)
class SpeakingView:
    """The members board: everyone's figures and the group-level ones."""

    at: float
    speakers: tuple[SpeakerFigures, ...]  # attended members in roster order, then facilitators
    speaking_now: str | None
    current_turn_seconds: float
    current_turn_over_limit: bool
    turn_limit_seconds: int | None
    total_airtime_seconds: float
    member_airtime_seconds: float
    facilitator_airtime_seconds: float
    facilitator_share: float  # 0..1 of all airtime
    equity_gini: float  # 0 = equal airtime among attending members
    not_spoken_in_phase: tuple[str, ...]  # ids of members here now
    not_spoken_in_session: tuple[str, ...]
    next_speaker: str | None
    not_heard_from: tuple[str, ...] = ()  # ids of members here quiet for too long (see top)

    def figures(self, speaker_id: str) -> SpeakerFigures:
        """The figures of one speaker; raises KeyError if they are not on the board."""
        for f in self.speakers:
            if f.speaker_id == speaker_id:
                return f
        raise KeyError(speaker_id)


def gini(values: list[float]) -> float:
    """The Gini coefficient of non-negative `values` (0 for fewer than two or all zero)."""
    n = len(values)
    total = sum(values)
    if n < 2 or total <= 0:
        return 0.0
    ordered = sorted(values)
    weighted = sum((i + 1) * x for i, x in enumerate(ordered))
    return max(0.0, (2 * weighted) / (n * total) - (n + 1) / n)


def paused_seconds_between(state: SessionState, start: float, end: float) -> float:
    """How much of the time from `start` to `end` the session was paused."""
    pauses = list(state.pauses)
    if state.paused_since is not None:
        pauses.append((state.paused_since, end))
    return sum(max(0.0, min(b, end) - max(a, start)) for a, b in pauses)


def _quiet_seconds(
    state: SessionState, member_id: str, last_spoke_at: float | None, at: float
) -> float | None:
    """How long a member here has been quiet at `at`: since they last spoke, or since they
    arrived if that is later, paused time left out (0 while speaking; None if not here)."""
    member = state.members.get(member_id)
    if member is None or not member.here:
        return None
    since = max(last_spoke_at or 0.0, member.arrived_at or 0.0)
    return max(0.0, at - since - paused_seconds_between(state, since, at))


def _phase_turns(state: SessionState) -> list[Turn]:
    phase = state.phase
    if phase is None:
        return []
    return [t for t in state.turns if t.phase_id == phase.id]


def next_speaker(state: SessionState, at: float) -> str | None:
    """Who the board suggests next, or None.

    In a round: the next member here, in roster order after the last one to speak or pass in
    this phase, who has not yet spoken or passed in it (None when the round is complete). In
    open discussion: the member here (not speaking now) with the least airtime this session;
    ties go to the one who spoke longest ago, then roster order.
    """
    phase = state.phase
    if phase is None or state.ended:
        return None
    here = [m.id for m in state.present_members()]
    current = state.open_turn
    if phase.spec.turns is TurnMode.ROUND:
        turns = _phase_turns(state)
        done = {t.speaker_id for t in turns}
        last = next((t.speaker_id for t in reversed(turns) if t.speaker_id in here), None)
        start = here.index(last) + 1 if last is not None else 0
        for member_id in here[start:] + here[:start]:
            if member_id not in done:
                return member_id
        return None
    if phase.spec.turns is TurnMode.OPEN:
        airtime: dict[str, float] = dict.fromkeys(here, 0.0)
        last_spoke: dict[str, float] = dict.fromkeys(here, -1.0)
        for t in state.turns:
            if t.speaker_id in airtime and not t.passed:
                airtime[t.speaker_id] += t.seconds(at)
                last_spoke[t.speaker_id] = t.ended_at if t.ended_at is not None else at
        candidates = [m for m in here if current is None or m != current.speaker_id]
        if not candidates:
            return None
        return min(candidates, key=lambda m: (airtime[m], last_spoke[m], here.index(m)))
    return None


def speaking_view(state: SessionState, at: float) -> SpeakingView:
    """Everyone's participation at `at` (as of the end, once the session has ended)."""
    if state.ended_at is not None:
        at = state.ended_at
    ids = [m.id for m in state.members.values() if m.attended]
    ids += [t.speaker_id for t in state.turns if t.speaker_id in state.members]
    ids = list(dict.fromkeys(ids))
    ids.sort(key=list(state.members).index)
    ids += list(state.facilitators)
    airtime = dict.fromkeys(ids, 0.0)
    turns = dict.fromkeys(ids, 0)
    passes = dict.fromkeys(ids, 0)
    longest = dict.fromkeys(ids, 0.0)
    over = dict.fromkeys(ids, 0)
    last: dict[str, float | None] = dict.fromkeys(ids, None)
    phase = state.phase
    in_phase: set[str] = set()
    for t in state.turns:
        if t.passed:
            passes[t.speaker_id] += 1
            continue
        seconds = t.seconds(at)
        airtime[t.speaker_id] += seconds
        turns[t.speaker_id] += 1
        longest[t.speaker_id] = max(longest[t.speaker_id], seconds)
        if t.over_limit(at):
            over[t.speaker_id] += 1
        last[t.speaker_id] = t.ended_at if t.ended_at is not None else at
        if phase is not None and t.phase_id == phase.id:
            in_phase.add(t.speaker_id)
    total = sum(airtime.values())
    facilitator_time = sum(airtime[f] for f in state.facilitators)
    member_time = total - facilitator_time
    current = state.open_turn
    figures = []
    for speaker_id in ids:
        is_facilitator = state.is_facilitator(speaker_id)
        member = state.members.get(speaker_id)
        last_at = last[speaker_id]
        figures.append(
            SpeakerFigures(
                speaker_id=speaker_id,
                name=state.speaker_name(speaker_id),
                is_facilitator=is_facilitator,
                here=True if member is None else member.here,
                airtime_seconds=airtime[speaker_id],
                share=airtime[speaker_id] / total if total else 0.0,
                member_share=None
                if is_facilitator
                else (airtime[speaker_id] / member_time if member_time else 0.0),
                turns=turns[speaker_id],
                passes=passes[speaker_id],
                longest_turn_seconds=longest[speaker_id],
                last_spoke_at=last_at,
                since_last_spoke_seconds=None if last_at is None else max(0.0, at - last_at),
                spoke_in_phase=speaker_id in in_phase,
                spoke_in_session=turns[speaker_id] > 0,
                speaking_now=current is not None and current.speaker_id == speaker_id,
                turns_over_limit=over[speaker_id],
                quiet_seconds=_quiet_seconds(state, speaker_id, last_at, at),
            )
        )
    here = [m.id for m in state.present_members()]
    attended = [airtime[m] for m in ids if m in state.members and state.members[m].attended]
    return SpeakingView(
        at=at,
        speakers=tuple(figures),
        speaking_now=current.speaker_id if current else None,
        current_turn_seconds=current.seconds(at) if current else 0.0,
        current_turn_over_limit=current.over_limit(at) if current else False,
        turn_limit_seconds=phase.spec.turn_seconds if phase else None,
        total_airtime_seconds=total,
        member_airtime_seconds=member_time,
        facilitator_airtime_seconds=facilitator_time,
        facilitator_share=facilitator_time / total if total else 0.0,
        equity_gini=gini(attended),
        not_spoken_in_phase=tuple(m for m in here if m not in in_phase),
        not_spoken_in_session=tuple(m for m in here if turns[m] == 0),
        next_speaker=next_speaker(state, at),
        not_heard_from=_not_heard_from(state, figures, current is not None),
    )


def _not_heard_from(
    state: SessionState, figures: list[SpeakerFigures], someone_speaking: bool
) -> tuple[str, ...]:
    phase = state.phase
    if someone_speaking or phase is None or phase.spec.turns is not TurnMode.OPEN:
        return ()
    return tuple(
        f.speaker_id
        for f in figures
        if f.quiet_seconds is not None and f.quiet_seconds > NOT_HEARD_FROM_SECONDS
    )
