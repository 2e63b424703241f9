"""Pieces of a note's English shared by every format: durations, outcomes, who, masking."""

from __future__ import annotations

import re
from collections.abc import Mapping

from iop_facilitator.session.summary import FlagLine, HomeworkLine, SessionSummary
from iop_facilitator.wording import full_stop

OUTCOME_WORDS = {
    "done": "done",
    "partly": "partly done",
    "not-done": "not done",
    "not-reviewed": "not reviewed",
}


def minutes_words(seconds: float) -> str:
    """A duration in words a note can use: "45 s", "7 min", "1 h 05 min"."""
    if seconds < 60:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def join(*parts: str) -> str:
    """Lines joined, each ending with one full stop (initials already end with one)."""
    return "\n".join(p if p.endswith((".", "]")) else p + "." for p in parts if p)


def lines(*parts: str) -> str:
    """The parts that are not empty, one per line, as they are."""
    return "\n".join(p for p in parts if p)


def homework_for(lines: tuple[HomeworkLine, ...], member_id: str) -> list[HomeworkLine]:
    """The homework among `lines` that concerns a member: theirs, or the whole group's, leaving
    out homework given before they joined (a first-timer is never charted on it)."""
    return [
        h
        for h in lines
        if (not h.member_ids or member_id in h.member_ids) and member_id not in h.not_due_from
    ]


def given_to(h: HomeworkLine, names: Mapping[str, str]) -> str:
    """Whom homework was given to, by `names` (e.g. initials): "M.L. and J.T.", or "" when it
    was given to the whole group."""
    who = [names.get(m, "?") for m in h.member_ids]
    if len(who) <= 1:
        return "".join(who)
    return f"{', '.join(who[:-1])} and {who[-1]}"


def given_words(lines: list[HomeworkLine], names: Mapping[str, str] | None = None) -> str:
    """The homework given; with `names` (the group note), homework given to some members only
    says whom it is for, so it never reads as the group's."""
    if not lines:
        return "No homework was assigned."
    parts = [
        f'"{h.text}"' + (f" (for {given_to(h, names)})" if names and h.member_ids else "")
        for h in lines
    ]
    return full_stop("Homework: " + "; ".join(parts))


def flag_words(flags: list[FlagLine], *, name: str | None) -> str:
    """Each safety flag on a line of its own, saying whether it was handled."""
    parts = []
    for f in flags:
        who = f"{name}: " if name else ""
        state = f"handled ({f.handled_note})" if f.handled and f.handled_note else "handled"
        parts.append(f"SAFETY — {who}{f.note} [{state if f.handled else 'OPEN: follow up'}]")
    return "\n".join(parts)


def mask_others(text: str, summary: SessionSummary, member_id: str) -> str:
    """`text` with every other member's name (full, or first name alone) put as initials.

    Free text written during the session often names others ("Maria coached Aisha"); a
    member's own note may be released to that member, so others appear only as initials.
    """
    for a in summary.attendance:
        if a.member_id == member_id:
            continue
        names = [a.name]
        first = a.name.split()[0] if a.name.split() else ""
        if len(first) >= 3 and first.rstrip(".") == first:
            names.append(first)
        for name in names:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", a.initials, text)
    return text
