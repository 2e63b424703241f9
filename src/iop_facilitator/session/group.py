"""A therapy group: its name, its roster of members and its facilitators.

Members and facilitators have a stable id for life; display names (often initials or a first
name) can change, and a member who leaves is archived, never deleted, so history stays whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from iop_facilitator.errors import UserError
from iop_facilitator.session.errors import DuplicateMember, MemberNotFound

IdSource = Callable[[], str]

# Limits on what a person types into a group, so a group record (and a journal frame naming a
# member) stays far below the largest frame the vault reads back (16 MiB): at every limit,
# even in 4-byte characters, a group is about 5 MB. Roomy for any real group.
MAX_GROUP_NAME = 120
MAX_PERSON_NAME = 80
MAX_INITIALS = 12
MAX_PRONOUNS = 40
MAX_GOAL = 200
MAX_GOALS = 10
MAX_MEMBERS = 500
"""Members on one roster, archived ones included (they stay for history)."""


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
    if len(name) > MAX_PERSON_NAME:
        raise UserError(f"A member's name must be at most {MAX_PERSON_NAME} characters.")
    return name


def group_name(name: str) -> str:
    """`name` stripped, or a `UserError` if it cannot be a group's name."""
    name = name.strip()
    if not name:
        raise UserError("A group needs a name.")
    if len(name) > MAX_GROUP_NAME:
        raise UserError(f"A group's name must be at most {MAX_GROUP_NAME} characters.")
    return name


def facilitator_names(names: Iterable[str]) -> list[str]:
    """The facilitators' names stripped (blanks dropped), or a `UserError`."""
    kept = [n.strip() for n in names if n.strip()]
    if len(kept) > 2:
        raise UserError("A group has one or two facilitators.")
    for n in kept:
        if len(n) > MAX_PERSON_NAME:
            raise UserError(f"A facilitator's name must be at most {MAX_PERSON_NAME} characters.")
    return kept


def member_details(initials: str, pronouns: str, goals: Iterable[str]) -> list[str]:
    """Check a member's initials, pronouns and goals; return the goals stripped, blanks
    dropped. Raises a `UserError` naming the first limit passed."""
    if len(initials.strip()) > MAX_INITIALS:
        raise UserError(f"A member's initials must be at most {MAX_INITIALS} characters.")
    if len(pronouns.strip()) > MAX_PRONOUNS:
        raise UserError(f"A member's pronouns must be at most {MAX_PRONOUNS} characters.")
    kept = [g.strip() for g in goals if g.strip()]
    if len(kept) > MAX_GOALS:
        raise UserError(f"A member can have at most {MAX_GOALS} goals.")
    if any(len(g) > MAX_GOAL for g in kept):
        raise UserError(f"A goal must be at most {MAX_GOAL} characters.")
    return kept


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Member(_Model):
    """One person on the roster."""

    id: str
    name: str = Field(min_length=1, max_length=MAX_PERSON_NAME)
    initials: str = ""
    pronouns: str = Field(default="", max_length=MAX_PRONOUNS)
    # Goals, initials and the roster's length are limited where they are entered
    # (`add_member`, the runner's drop-in), not when read: a roster stored before the limits,
    # or one a few drop-ins past them, must still open.
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
    name: str = Field(min_length=1, max_length=MAX_PERSON_NAME)
    role: Literal["lead", "co"] = "lead"


class Group(_Model):
    """A group and its roster, as kept in the vault (kind `group`)."""

    id: str
    name: str = Field(min_length=1, max_length=MAX_GROUP_NAME)
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
        """Add a member to the roster and return them (a `UserError` past a limit)."""
        if len(self.members) >= MAX_MEMBERS:
            raise UserError(
                f"{self.name} already has {MAX_MEMBERS} members (archived ones included), "
                "the most a group can hold."
            )
        kept_goals = member_details(initials, pronouns, goals or [])
        member = Member(
            id=new_id(),
            name=display_name(name),
            initials=initials,
            pronouns=pronouns,
            goals=kept_goals,
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
