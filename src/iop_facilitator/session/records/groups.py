"""Groups in the vault: kind `group`, one record per group, its index entry for listing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date
from typing import Any, TypeVar

from pydantic import ValidationError

from iop_facilitator.errors import UserError
from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.errors import GroupNotFound, RecordDamaged
from iop_facilitator.session.group import (
    Facilitator,
    Group,
    IdSource,
    Member,
    facilitator_names,
    group_name,
    new_id,
)
from iop_facilitator.session.records.store import Store
from iop_facilitator.session.state import SessionState

GROUP = RecordKind.GROUP
T = TypeVar("T")


class Groups:
    """The groups of an unlocked vault: list, find, create, save."""

    def __init__(self, vault: Store) -> None:
        self.vault = vault

    def all(self) -> list[Group]:
        """Every group, by name (raises on the first that cannot be read: see `readable`)."""
        groups, problems = self.readable()
        if problems:
            raise problems[0]
        return groups

    def readable(self) -> tuple[list[Group], list[UserError]]:
        """Every group that can be read, by name, and one error per group that cannot: a
        damaged group file never hides the others."""
        found: list[Group] = []
        problems: list[UserError] = []
        for gid in self.vault.ids(GROUP):
            try:
                found.append(self.load(gid))
            except UserError as error:
                problems.append(error)
        return sorted(found, key=lambda g: g.name.casefold()), problems

    def find(self, name_or_id: str) -> Group:
        """The group with this id, or else this name (case-insensitive)."""
        ids = self.vault.ids(GROUP)
        if name_or_id in ids:
            return self.load(name_or_id)
        wanted = name_or_id.strip().casefold()
        entries = self.vault.index_entries(GROUP)
        matches = [gid for gid, e in entries.items() if str(e.get("name", "")).casefold() == wanted]
        if len(matches) == 1:
            return self.load(matches[0])
        if matches:
            raise GroupNotFound(
                f"More than one group is called {name_or_id}.", hint="Use the group's id."
            )
        raise GroupNotFound(
            f"There is no group called {name_or_id}.",
            hint="`iop-facilitator group list` shows the groups.",
        )

    def new(
        self,
        name: str,
        *,
        facilitators: Iterable[str] = (),
        on: date | None = None,
        new_id: IdSource = new_id,
    ) -> Group:
        """Create and save a group (names are unique, ignoring case); the first facilitator
        leads, a second co-facilitates."""
        name = group_name(name)
        taken = {str(e.get("name", "")).casefold() for e in self._entries().values()}
        if name.casefold() in taken:
            raise UserError(f"There is already a group called {name}.")
        names = facilitator_names(facilitators)
        group = Group(
            id=new_id(),
            name=name,
            created=on or date.today(),
            facilitators=[
                Facilitator(id=new_id(), name=n, role="lead" if i == 0 else "co")
                for i, n in enumerate(names)
            ],
        )
        with self.vault.writing():  # the name checked again where no one else can take it
            taken = {str(e.get("name", "")).casefold() for e in self._entries().values()}
            if name.casefold() in taken:
                raise UserError(f"There is already a group called {name}.")
            self.save(group)
        return group

    def change(self, name_or_id: str, edit: Callable[[Group], T]) -> tuple[Group, T]:
        """Read the group, `edit` it in place and save it, holding the vault's write lock from
        the read to the write, so a change made at the same moment elsewhere (another
        `group add-member`, a runner finishing a session of this group) is never lost.
        Returns the saved group and what `edit` returned; nothing is saved if it raises."""
        with self.vault.writing():
            group = self.find(name_or_id)
            result = edit(group)
            self.save(group)
        return group, result

    def save(self, group: Group) -> None:
        """Store the group (replacing its earlier version atomically)."""
        entry = {
            "name": group.name,
            "members": len(group.active_members),
            "archived": len(group.members) - len(group.active_members),
        }
        self.vault.put(GROUP, group.id, group.model_dump_json().encode(), index_entry=entry)

    def add_joined(self, state: SessionState) -> None:
        """Add the members who joined during the session to its group's roster (repeating it
        is harmless: members match by id)."""
        added = [m for m in state.members.values() if m.added_in_session]
        if not added:
            return
        with self.vault.writing():
            self._add_joined(state, added)

    def _add_joined(self, state: SessionState, added: list[Any]) -> None:
        try:
            group = self.find(state.group_id)
        except GroupNotFound:
            return
        known = {m.id for m in group.members}
        joining = [m for m in added if m.id not in known]
        if not joining:
            return  # on the roster already (an earlier attempt to finish stored them)
        day = state.started_wall.astimezone(UTC).date()
        for m in joining:
            group.members.append(
                Member(
                    id=m.id,
                    name=m.name,
                    initials=m.initials,
                    pronouns=m.pronouns,
                    goals=list(m.goals),
                    joined=day,
                )
            )
        self.save(group)

    def _entries(self) -> dict[str, dict[str, Any]]:
        return self.vault.index_entries(GROUP)

    def load(self, group_id: str) -> Group:
        """The group stored under this id (raises `RecordDamaged` if it cannot be read)."""
        try:
            return Group.model_validate_json(self.vault.get(GROUP, group_id))
        except ValidationError as error:
            raise RecordDamaged(
                f"The record of group {group_id} does not hold a group this program can read."
            ) from error
