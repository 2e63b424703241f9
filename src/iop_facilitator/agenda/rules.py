"""The rules that span several fields, checked on the raw TOML data.

The model enforces the same rules, but pydantic only runs a model's own checks once all its
fields are valid, so a file with a wrong `minutes` in one phase and a duplicate id in another
would show only the first. Checking them here, on whatever parts have the right shape, lets the
loader report every problem in one pass. Keep these in step with the validators in `model.py`.
"""

from __future__ import annotations

from typing import Any

from iop_facilitator.agenda.errors import FieldPath, field_label
from iop_facilitator.agenda.model import PhaseKind

Finding = tuple[FieldPath, str]


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _phases(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    phases = data.get("phase")
    if not isinstance(phases, list):
        return []
    return [(n, p) for n, p in enumerate(phases) if isinstance(p, dict)]


def _duplicate_ids(data: dict[str, Any]) -> list[Finding]:
    first_use: dict[str, int] = {}
    findings: list[Finding] = []
    for n, phase in _phases(data):
        phase_id = phase.get("id")
        if not isinstance(phase_id, str):
            continue
        phase_id = phase_id.strip()
        if phase_id in first_use:
            earlier = field_label(("phase", first_use[phase_id]))
            findings.append(
                (
                    ("phase", n, "id"),
                    f'is "{phase_id}", already the id of {earlier}; each phase needs its own id.',
                )
            )
        else:
            first_use[phase_id] = n
    return findings


def _within(value: Any, low: int, high: int) -> int | None:
    whole = _whole(value)
    return whole if whole is not None and low <= whole <= high else None


def _phases_fit(data: dict[str, Any]) -> list[Finding]:
    # Only minutes that are valid on their own count: a phase of 300 minutes is reported
    # as out of range, not a second time as overflowing the agenda.
    info = data.get("agenda")
    planned = _within(info.get("minutes"), 1, 480) if isinstance(info, dict) else None
    if planned is None:
        return []
    total = sum(_within(phase.get("minutes"), 1, 240) or 0 for _, phase in _phases(data))
    if total <= planned:
        return []
    return [
        (
            ("agenda", "minutes"),
            f"is {planned}, but the phases add up to {total} minutes; shorten the phases "
            f"or raise the agenda's minutes to at least {total}.",
        )
    ]


def _checkin_only_on_check_in(data: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    for n, phase in _phases(data):
        kind = phase.get("kind")
        if "checkin" in phase and isinstance(kind, str) and kind != PhaseKind.CHECK_IN.value:
            findings.append(
                (
                    ("phase", n, "checkin"),
                    f'belongs only on a phase of kind "check-in", and this phase is of kind '
                    f'"{kind}"; remove the checkin table or change the kind.',
                )
            )
    return findings


def _min_minutes_fit(data: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    for n, phase in _phases(data):
        least, minutes = _whole(phase.get("min_minutes")), _whole(phase.get("minutes"))
        if least is not None and minutes is not None and least > minutes:
            findings.append(
                (
                    ("phase", n, "min_minutes"),
                    f"is {least}, more than the phase's {minutes} minutes; it is the least the "
                    "phase may be shortened to, so it must not exceed minutes.",
                )
            )
    return findings


def _checkin_scales(data: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    for n, phase in _phases(data):
        spec = phase.get("checkin")
        if not isinstance(spec, dict):
            continue
        scale = spec.get("scale")
        if isinstance(scale, list) and len(scale) == 2:
            low, high = _whole(scale[0]), _whole(scale[1])
            if low is not None and high is not None and not 0 <= low < high <= 100:
                findings.append(
                    (
                        ("phase", n, "checkin", "scale"),
                        f"is [{low}, {high}]; it must be [low, high] with the low end first, "
                        "both between 0 and 100, such as [1, 10] or [0, 10].",
                    )
                )
        fields = spec.get("fields")
        if isinstance(fields, list):
            names = [f.strip() for f in fields if isinstance(f, str)]
            repeated = sorted({name for name in names if names.count(name) > 1})
            if repeated:
                findings.append(
                    (
                        ("phase", n, "checkin", "fields"),
                        f'names "{repeated[0]}" more than once; each rating is asked once.',
                    )
                )
    return findings


def cross_field_findings(data: dict[str, Any]) -> list[Finding]:
    """Every broken cross-field rule in the raw data: duplicate phase ids, phases longer
    than the agenda, a checkin table on a phase that is not a check-in, min_minutes above
    minutes, a check-in scale out of order or with repeated fields."""
    return [
        *_duplicate_ids(data),
        *_phases_fit(data),
        *_checkin_only_on_check_in(data),
        *_min_minutes_fit(data),
        *_checkin_scales(data),
    ]
