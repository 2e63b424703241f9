"""What differs between two agendas, phase by phase, in sentences a clinician reads.

Phases are matched by their id (a phase renamed keeps its id); phases only in one of the two
are said as added or removed, and a changed order is said once.
"""

from __future__ import annotations

from typing import Any

from iop_facilitator.agenda.model import Agenda, CheckInSpec, Phase

_AGENDA_FIELDS = {
    "title": "title",
    "kind": "kind",
    "minutes": "minutes",
    "description": "description",
}
_PHASE_FIELDS = {
    "title": "title",
    "kind": "kind",
    "minutes": "minutes",
    "turns": "turns",
    "turn_seconds": "seconds per share",
    "min_minutes": "shortest length",
    "script": "script",
    "checkin": "check-in ratings",
}


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    text = str(value) if not isinstance(value, str) else value
    text = " ".join(text.split())
    return f'"{text[:47]}…"' if len(text) > 48 else f'"{text}"' if isinstance(value, str) else text


def _ratings(spec: CheckInSpec | None) -> str:
    if spec is None:
        return "none"
    low, high = spec.scale
    return f"{', '.join(spec.fields)} from {low} to {high}"


def _list_change(name: str, old: list[str], new: list[str]) -> list[str]:
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    lines = [f"{name}: + {_shown(item)}" for item in added]
    lines += [f"{name}: - {_shown(item)}" for item in removed]
    if not added and not removed and old != new:
        lines.append(f"{name}: the same, in another order")
    return lines


def _phase_changes(old: Phase, new: Phase) -> list[str]:
    lines = []
    for key, name in _PHASE_FIELDS.items():
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            if key == "checkin":
                lines.append(f"{name}: {_ratings(before)} → {_ratings(after)}")
                continue
            lines.append(f"{name}: {_shown(before)} → {_shown(after)}")
    lines += _list_change("prompt", old.prompts, new.prompts)
    lines += _list_change("homework", old.homework, new.homework)
    return lines


def agenda_differences(old: Agenda, new: Agenda) -> list[str]:
    """Every difference from `old` to `new`, one line each; empty when they are the same."""
    lines = []
    for key, name in _AGENDA_FIELDS.items():
        before, after = getattr(old.agenda, key), getattr(new.agenda, key)
        if before != after:
            lines.append(f"agenda {name}: {_shown(before)} → {_shown(after)}")
    if old.confidentiality != new.confidentiality:
        lines.append("confidentiality reminder: changed")
        if old.confidentiality.when != new.confidentiality.when:
            lines.append(
                f"reminder read at: {', '.join(old.confidentiality.when) or 'never'} → "
                f"{', '.join(new.confidentiality.when) or 'never'}"
            )
    lines += [
        f"norms: {line.removeprefix('norm: ')}"
        for line in _list_change("norm", old.norms.items, new.norms.items)
    ]
    old_ids = [p.id for p in old.phases]
    new_ids = [p.id for p in new.phases]
    for phase in new.phases:
        if phase.id not in old_ids:
            lines.append(f"+ phase {phase.id} ({phase.title}, {phase.minutes} min): added")
    for phase in old.phases:
        if phase.id not in new_ids:
            lines.append(f"- phase {phase.id} ({phase.title}, {phase.minutes} min): removed")
    for phase in new.phases:
        if phase.id in old_ids:
            for change in _phase_changes(old.phase_by_id(phase.id), phase):
                lines.append(f"~ phase {phase.id}: {change}")
    kept_old = [i for i in old_ids if i in new_ids]
    kept_new = [i for i in new_ids if i in old_ids]
    if kept_old != kept_new:
        lines.append(f"order of phases: {', '.join(kept_old)} → {', '.join(kept_new)}")
    return lines
