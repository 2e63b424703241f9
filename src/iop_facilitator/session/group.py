"""A therapy group: its name, its roster of members and its facilitators.

Members and facilitators have a stable id for life; display names (often initials or a first
name) can change, and a member who leaves is archived, never deleted, so history stays whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from iop_facilitator.errors import UserError
from iop_facilitator.session.errors import DuplicateMember, MemberNotFound

IdSource = Callable[[], str]


def new_id() -> str:
    """A fresh random id (128 bits, hex)."""
    return uuid.uuid4().hex


def initials_of(name: str) -> str:
    """Initials as used in other members' notes: "Maria Lopez" -> "M.L.", "JT" -> "J.T."."""
    words = name.replace(".", " ").split()
    if len(words) == 1 and words[0].isupper() and 1 < len(words[0]) <= 3:
        words = list(words[0])
    letters = [w[0].upper() for w in words if w and w[0].isalpha()]
    return "".join(f"{letter}." for letter in letters) or "?"


def display_name(name: str) -> str:
    """`name` tidied, or a `UserError` if it cannot be a member's display name."""
    name = " ".join(name.split())
    if not name:
        raise UserError("A member needs a name (initials or a first name will do).")
    if len(name) > 80:
        raise UserError("A member's name must be at most 80 characters.")
    return name


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Member(_Model):
    """One person on the roster."""

    id: str
    name: str = Field(min_length=1, max_length=80)
    initials: str = ""
    pronouns: str = Field(default="", max_length=40)
    goals: list[str] = Field(default_factory=list)
    joined: date
    left: date | None = None

    @property
    def active(self) -> bool:
        """Still on the roster (not archived)."""
        return self.left is None

    @property
    def shown_initials(self) -> str:
        """The initials given, or derived from the name."""
        return self.initials or initials_of(self.name)


class Facilitator(_Model):
    """A clinician who runs the group; a co-facilitator's turns count as facilitator time."""

    id: str
    name: str = Field(min_length=1, max_length=80)
    role: Literal["lead", "co"] = "lead"


class Group(_Model):
    """A group and its roster, as kept in the vault (kind `group`)."""

    id: str
    name: str = Field(min_length=1, max_length=120)
    created: date
    members: list[Member] = Field(default_factory=list)
    facilitators: list[Facilitator] = Field(default_factory=list, max_length=2)

    @property
    def active_members(self) -> list[Member]:
        """Members not archived, in roster order."""
        return [m for m in self.members if m.active]

    def member(self, name_or_id: str) -> Member:
        """The member with this id, or else this display name (case-insensitive)."""
        for m in self.members:
            if m.id == name_or_id:
                return m
        wanted = name_or_id.strip().casefold()
        matches = [m for m in self.members if m.name.casefold() == wanted]
        active = [m for m in matches if m.active]
        if len(active) == 1 or (len(matches) == 1 and not active):
            return (active or matches)[0]
        if len(active) > 1:
            raise MemberNotFound(
                f"More than one member of {self.name} is called {name_or_id}.",
                hint="Use the member's id (shown by `group show`).",
            )
        raise MemberNotFound(f"{self.name} has no member called {name_or_id}.")

    def add_member(
        self,
        name: str,
        *,
        on: date,
        pronouns: str = "",
        goals: list[str] | None = None,
        initials: str = "",
        new_id: IdSource = new_id,
    ) -> Member:
        """Add a member to the roster and return them."""
        member = Member(
            id=new_id(),
            name=display_name(name),
            initials=initials,
            pronouns=pronouns,
            goals=list(goals or []),
            joined=on,
        )
        self.members.append(member)
        return member

    def refuse_duplicate(self, name: str) -> None:
        """Raise `DuplicateMember` if an active member already has `name` (case and spacing
        aside): a second "Maria L." is usually the same person added twice, and two members
        who cannot be told apart would be charted into each other's notes."""
        wanted = display_name(name).casefold()
        for m in self.active_members:
            if m.name.casefold() == wanted:
                raise DuplicateMember(
                    f"{self.name} already has a member called {m.name}; add them with "
                    "--allow-duplicate if this is another person."
                )

    def rename_member(self, name_or_id: str, new_name: str) -> Member:
        """Change a member's display name; their id and history stay."""
        member = self.member(name_or_id)
        member.name = display_name(new_name)
        if member.initials:  # initials given by hand belonged to the old name
            member.initials = initials_of(member.name)
        return member

    def archive_member(self, name_or_id: str, *, on: date) -> Member:
        """Mark a member as having left the group; they stay in history."""
        member = self.member(name_or_id)
        if member.left is None:
            member.left = on
        return member
