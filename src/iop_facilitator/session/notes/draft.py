"""What a note draft is: titled sections, the group note once and one note per member."""

from __future__ import annotations

from dataclasses import dataclass

from iop_facilitator.session.notes.formats import NoteFormat


@dataclass(frozen=True)
class NoteSection:
    title: str
    text: str


@dataclass(frozen=True)
class MemberNoteDraft:
    """One member's progress-note draft (names only that member)."""

    member_id: str
    name: str
    sections: tuple[NoteSection, ...]

    @property
    def text(self) -> str:
        return render(f"Progress note — {self.name}", self.sections)


@dataclass(frozen=True)
class NoteDraft:
    """The group note once, then a progress note per member who attended."""

    style: NoteFormat
    group_sections: tuple[NoteSection, ...]
    members: tuple[MemberNoteDraft, ...]
    title: str

    @property
    def group_text(self) -> str:
        return render(self.title, self.group_sections)

    @property
    def text(self) -> str:
        """The whole draft as plain text (group note, then each member's note)."""
        return "\n\n".join([self.group_text, *(m.text for m in self.members)])

    def member(self, member_id: str) -> MemberNoteDraft:
        for m in self.members:
            if m.member_id == member_id:
                return m
        raise KeyError(member_id)


def render(title: str, sections: tuple[NoteSection, ...]) -> str:
    """A note as plain text: its title underlined, then each section under "Title:"."""
    body = "\n\n".join(f"{s.title}:\n{s.text}" for s in sections)
    return f"{title}\n{'=' * len(title)}\n\n{body}"
