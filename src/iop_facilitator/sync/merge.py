"""Merging what several devices wrote: a pure, deterministic function of the changes.

A replica is a set of `Change`s (one per version of a record any device wrote). Merging two
replicas is their union, so it is commutative, associative and idempotent by construction;
what the vault shows is `resolve(changes)`, a function of the set alone (never of the order
in which changes arrived, nor of any device's wall clock). How a record's versions resolve
depends on its kind's `Policy`:

- `ORDERED` (the roster: members added, renamed, moved): every change is kept, in one order
  that all devices agree on (Lamport clock, then device id, then digest), and a change made
  after seeing another comes after it.
- `KEEP_BOTH` (a note): a version replaces the versions it names as parents; two versions
  that do not know of each other (the same note edited on two devices) are both kept, and
  the record is marked as a conflict for review. Nothing is ever dropped silently.
- `ONCE` (a finished session): the same session finished on two devices with the same
  content is kept once; different content is kept both ways, as a conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum


class Policy(Enum):
    """How the versions of one kind of record merge (see the module docstring)."""

    ORDERED = "ordered"
    KEEP_BOTH = "keep-both"
    ONCE = "once"


@dataclass(frozen=True, order=True)
class Change:
    """One version of one record, as written by one device.

    `lamport` is the writer's Lamport clock: one more than the highest it had seen, so that
    causality, not wall time, orders changes. `digest` names the content; `parents` are the
    digests of the versions this one replaces (the heads the writer saw).
    """

    lamport: int
    device: str
    digest: str
    kind: str
    record_id: str
    parents: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def key(self) -> tuple[str, str]:
        """The record this change is a version of."""
        return (self.kind, self.record_id)


State = frozenset[Change]
"""A replica: every change it holds."""


@dataclass(frozen=True)
class Resolved:
    """A record as the vault shows it: its current versions (in the agreed order) and whether
    a person must choose between them."""

    versions: tuple[Change, ...]
    conflict: bool


def merge(*replicas: Iterable[Change]) -> State:
    """The union of the replicas' changes: commutative, associative, idempotent."""
    merged: set[Change] = set()
    for replica in replicas:
        merged.update(replica)
    return frozenset(merged)


def next_lamport(changes: Iterable[Change]) -> int:
    """The Lamport clock of a new change written after seeing `changes`."""
    return max((change.lamport for change in changes), default=0) + 1


def heads(changes: Iterable[Change]) -> tuple[Change, ...]:
    """The versions no other version replaces, in the agreed order."""
    versions = sorted(set(changes))
    replaced = {parent for change in versions for parent in change.parents}
    return tuple(change for change in versions if change.digest not in replaced)


def resolve(
    changes: Iterable[Change], policies: Mapping[str, Policy]
) -> dict[tuple[str, str], Resolved]:
    """Every record's resolution (see the module docstring). A kind without a policy is
    kept both ways, the safe choice."""
    by_record: dict[tuple[str, str], set[Change]] = defaultdict(set)
    for change in changes:
        by_record[change.key].add(change)
    resolved: dict[tuple[str, str], Resolved] = {}
    for key in sorted(by_record):
        versions = by_record[key]
        policy = policies.get(key[0], Policy.KEEP_BOTH)
        if policy is Policy.ORDERED:
            resolved[key] = Resolved(tuple(sorted(versions)), conflict=False)
        elif policy is Policy.ONCE:
            resolved[key] = _once(versions)
        else:
            current = heads(versions)
            resolved[key] = Resolved(current, conflict=len(current) > 1)
    return resolved


def _once(versions: set[Change]) -> Resolved:
    """One version per distinct content (the first in the agreed order); more than one
    content is a conflict."""
    first: dict[str, Change] = {}
    for change in sorted(versions):
        first.setdefault(change.digest, change)
    kept = tuple(sorted(first.values()))
    return Resolved(kept, conflict=len(kept) > 1)
