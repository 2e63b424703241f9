"""The editor's form, described without any UI: which fields each part of an agenda has, how
they read and write the draft, the choices with a line explaining each, and which of the
loader's problems belong to which field.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from iop_facilitator.agenda.defaults import STANDARD_REMINDER
from iop_facilitator.agenda.draft import DraftAgenda, DraftCheckIn, DraftPhase
from iop_facilitator.agenda.errors import Problem, field_label
from iop_facilitator.agenda.model import GroupKind, PhaseKind, TurnMode


class Widget(StrEnum):
    LINE = "line"  # one line of text or a number
    TEXT = "text"  # several lines
    LINES = "lines"  # a list, one item a line
    CHOICE = "choice"  # one of a few words, each explained
    MOMENTS = "moments"  # when the reminder is read


GROUP_KINDS: dict[str, str] = {
    GroupKind.PSYCHOEDUCATIONAL: "psychoeducational — teaching about a condition or skill",
    GroupKind.PROCESS: "process — members share and respond to each other",
    GroupKind.SKILLS: "skills — learn and practise a skill (DBT, CBT…)",
    GroupKind.RELAPSE_PREVENTION: "relapse-prevention — triggers, urges, plans",
    GroupKind.TRAUMA: "trauma — trauma-informed, grounding first",
    GroupKind.FAMILY: "family — family members or couples together",
    GroupKind.SUPPORT: "support — peer support, less structure",
    GroupKind.OTHER: "other — none of these",
}
PHASE_KINDS: dict[str, str] = {
    PhaseKind.CHECK_IN: "check-in — each member gives their ratings",
    PhaseKind.TOPIC: "topic — you teach or present",
    PhaseKind.EXERCISE: "exercise — members practise or write",
    PhaseKind.DISCUSSION: "discussion — the group talks it over",
    PhaseKind.CLOSING: "closing — wrap up and give homework",
    PhaseKind.BREAK: "break — a pause; no turns",
    PhaseKind.CUSTOM: "custom — anything else",
}
TURN_MODES: dict[str, str] = {
    TurnMode.ROUND: "round — every member in order; each may pass",
    TurnMode.OPEN: "open — anyone speaks; the runner shows who has not",
    TurnMode.NONE: "none — no turns (teaching, silent work, a break)",
}

# What the group's view (the screen shared in the call) shows of a phase (`share` table).
SHARE_CHOICES: dict[str, str] = {
    "default": "default — shown for exercises and breaks only",
    "yes": "yes — shown to the group",
    "no": "no — not shown",
}


@dataclass(frozen=True)
class FormField:
    """One field of the form: `name` is the TOML key's path below its part of the agenda."""

    name: str
    label: str
    widget: Widget
    hint: str = ""
    choices: dict[str, str] | None = None
    placeholder: str = ""  # shown while the field is empty


AGENDA_FIELDS = (
    FormField("title", "Title", Widget.LINE, "shown at the top of the runner and in notes"),
    FormField("kind", "Kind of group", Widget.CHOICE, choices=GROUP_KINDS),
    FormField("minutes", "Minutes", Widget.LINE, "the session's length, 1 to 480"),
    FormField("description", "Description", Widget.TEXT, "aims, materials to prepare"),
)
REMINDER_FIELDS = (
    FormField(
        "reminder",
        "Confidentiality reminder",
        Widget.TEXT,
        "read aloud to the group",
        placeholder=f"Left empty, the standard reminder is read: {STANDARD_REMINDER}",
    ),
    FormField("when", "Read it", Widget.MOMENTS),
    FormField("norms", "Norms", Widget.LINES, "one a line; reviewed at the start"),
)
PHASE_FIELDS = (
    FormField("title", "Title", Widget.LINE, "shown large in the runner"),
    FormField("id", "Short name (id)", Widget.LINE, "lower-case-with-hyphens, unique"),
    FormField("kind", "Kind", Widget.CHOICE, choices=PHASE_KINDS),
    FormField("minutes", "Minutes", Widget.LINE, "1 to 240"),
    FormField("min_minutes", "Shortest", Widget.LINE, "least minutes if running late"),
    FormField("turns", "Turns", Widget.CHOICE, choices=TURN_MODES),
    FormField("turn_seconds", "Seconds per share", Widget.LINE, "a soft limit; empty: none"),
    FormField("prompts", "Prompts", Widget.LINES, "one a line; Alt+↑/↓ moves one"),
    FormField("script", "Script", Widget.TEXT, "words to read or paraphrase"),
    FormField("skill", "Skill taught", Widget.LINE, "named in each member's progress note"),
    FormField("objective", "Objective", Widget.LINE, "what the skill is for, 'to ...'"),
    FormField("checkin.low", "Scale from", Widget.LINE, "lowest rating"),
    FormField("checkin.high", "Scale to", Widget.LINE, "highest rating"),
    FormField("checkin.fields", "Ratings asked", Widget.LINES, "one a line, such as mood"),
    FormField("homework", "Homework suggestions", Widget.LINES, "one a line"),
    FormField("share.countdown", "Group view: countdown", Widget.CHOICE, choices=SHARE_CHOICES),
    FormField("share.prompts", "Group view: prompts", Widget.CHOICE, choices=SHARE_CHOICES),
    FormField("share.text", "Group view: text", Widget.TEXT, "shown to the group as written"),
)
CHECK_IN_ONLY = frozenset({"checkin.low", "checkin.high", "checkin.fields"})

# The parts of the agenda a form shows: the agenda itself, the reminder and norms, or a phase.
AGENDA_PART = "agenda"
REMINDER_PART = "reminder"


def read(draft: DraftAgenda, part: str | int, name: str) -> Any:
    """The value the form shows for field `name` of `part` (a phase by its index)."""
    if isinstance(part, int):
        phase = draft.phases[part]
        if name.startswith("checkin."):
            spec = phase.checkin or DraftCheckIn()
            return getattr(spec, name.removeprefix("checkin."))
        return getattr(phase, name.replace(".", "_"))
    return getattr(draft, name)


def write(draft: DraftAgenda, part: str | int, name: str, value: Any) -> bool:
    """Set field `name` of `part` to `value`; whether that changed anything."""
    if read(draft, part, name) == value and not (
        isinstance(part, int) and name.startswith("checkin.") and draft.phases[part].checkin is None
    ):
        return False
    if isinstance(part, int):
        phase = draft.phases[part]
        if name.startswith("checkin."):
            if phase.checkin is None:
                phase.checkin = DraftCheckIn()
            setattr(phase.checkin, name.removeprefix("checkin."), value)
        else:
            setattr(phase, name.replace(".", "_"), value)
            if name == "kind" and phase.is_check_in and phase.checkin is None:
                phase.checkin = DraftCheckIn()
    else:
        setattr(draft, name, value)
    return True


def problem_path(part: str | int, name: str) -> str:
    """The loader's label of a field (`phase[2].minutes`), to find its problems."""
    if isinstance(part, int):
        path: tuple[str | int, ...] = ("phase", part, *name.split("."))
        if path[-1] in ("low", "high"):
            path = (*path[:-1], "scale")
        return field_label(path)
    if part == AGENDA_PART:
        return field_label(("agenda", name))
    if name == "norms":
        return "norms.items"
    return field_label(("confidentiality", name))


def problems_of(problems: list[Problem], part: str | int, name: str) -> list[Problem]:
    """The problems said about this field or something inside it (a list's items)."""
    label = problem_path(part, name)
    return [
        p for p in problems if p.field == label or p.field.startswith((label + "[", label + "."))
    ]


def part_of(problem: Problem) -> str | int:
    """The part of the agenda a problem is in, to mark it in the outline."""
    if problem.field.startswith("phase["):
        return int(problem.field[6 : problem.field.index("]")]) - 1
    if problem.field.startswith(("confidentiality", "norms")):
        return REMINDER_PART
    return AGENDA_PART


def new_phase(draft: DraftAgenda) -> DraftPhase:
    """A phase to add: a topic of 10 minutes with an id no phase uses."""
    phase_id = draft.new_phase_id("new-phase")
    return DraftPhase(id=phase_id, title="New phase", kind=PhaseKind.TOPIC, minutes="10")
