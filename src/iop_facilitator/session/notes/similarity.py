"""The check before signing: do two members' progress notes share a section word for word?

Payers deny group claims whose members' notes are clones, so the note editor and `export`
warn when, in one session, two or more members' notes have a section (Behavior, Plan, ...)
that reads the same once each member's own name, initials and pronouns are set aside. The
clinician may still sign; the warning is then recorded with the note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from iop_facilitator.session.notes.draft import NoteDraft
from iop_facilitator.session.summary import SessionSummary

# Set aside when comparing, with the pronouns a member gave (two notes that differ only in
# "her" and "his" are the same note).
PRONOUNS = frozenset(
    {
        *("she", "her", "hers", "herself", "he", "him", "his", "himself"),
        *("they", "them", "their", "theirs", "themself", "themselves"),
        *("xe", "xem", "xyr", "xyrs", "ze", "zir", "zirs", "hir", "hirs"),
    }
)


@dataclass(frozen=True)
class MemberSections:
    """One member's progress note as (section title, text) pairs, and who the member is."""

    member_id: str
    name: str
    initials: str
    pronouns: str
    sections: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class SharedSection:
    """A section that reads the same in two or more members' notes."""

    title: str
    member_ids: tuple[str, ...]
    names: tuple[str, ...]

    def sentence(self) -> str:
        """E.g. "Maria L. and Tom W. have the same Plan, word for word (names and pronouns
        aside)."."""
        names = list(self.names)
        who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return (
            f"{who} have the same {self.title}, word for word (names and pronouns aside); "
            "payers may deny notes that read alike."
        )


def _normalised(text: str, member: MemberSections) -> str:
    own = {member.name, member.initials, *member.name.split()}
    for word in sorted((w for w in own if w), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?:'s)?(?!\w)", " ", text)
    pronouns = PRONOUNS | {p.strip().casefold() for p in re.split(r"[/,]", member.pronouns)}
    words = re.findall(r"[\w'-]+|[^\w\s]", text.casefold())
    return " ".join(w for w in words if w not in pronouns)


def shared_sections(members: Iterable[MemberSections]) -> list[SharedSection]:
    """Every section that two or more members' notes share word for word (names and
    pronouns aside), in the order of the notes; empty sections are left out."""
    seen: dict[tuple[str, str], list[MemberSections]] = {}
    for member in members:
        for title, text in member.sections:
            key = _normalised(text, member)
            if title and key.strip():
                seen.setdefault((title, key), []).append(member)
    return [
        SharedSection(
            title=title,
            member_ids=tuple(m.member_id for m in alike),
            names=tuple(m.name for m in alike),
        )
        for (title, _key), alike in seen.items()
        if len(alike) > 1
    ]


def draft_shared_sections(draft: NoteDraft, summary: SessionSummary) -> list[SharedSection]:
    """`shared_sections` of a draft's members' notes."""
    members = []
    for note in draft.members:
        a = summary.member(note.member_id)
        members.append(
            MemberSections(
                member_id=a.member_id,
                name=a.name,
                initials=a.initials,
                pronouns=a.pronouns,
                sections=[(s.title, s.text) for s in note.sections],
            )
        )
    return shared_sections(members)
