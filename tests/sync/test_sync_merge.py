"""Merging devices' changes is pure: commutative, associative, idempotent, and it keeps every
concurrent version of a note, every roster edit in one order, and a session finished twice once."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from iop_facilitator.sync.merge import (
    Change,
    Policy,
    State,
    heads,
    merge,
    next_lamport,
    resolve,
)

POLICIES = {"roster": Policy.ORDERED, "note": Policy.KEEP_BOTH, "session": Policy.ONCE}


def _note(device: str, lamport: int, digest: str, *parents: str) -> Change:
    return Change(lamport, device, digest, "note", "n1", frozenset(parents))


def test_the_same_note_edited_on_two_devices_keeps_both_as_a_conflict() -> None:
    first = _note("office", 1, "v1")
    office_edit = _note("office", 2, "office-v2", "v1")
    home_edit = _note("home", 2, "home-v2", "v1")
    (resolved,) = resolve(merge({first, office_edit}, {first, home_edit}), POLICIES).values()
    assert resolved.conflict
    assert {v.digest for v in resolved.versions} == {"office-v2", "home-v2"}


def test_an_edit_that_saw_both_versions_resolves_the_conflict() -> None:
    both = {_note("office", 2, "a", "v1"), _note("home", 2, "b", "v1")}
    settled = _note("home", 3, "merged", "a", "b")
    (resolved,) = resolve(both | {settled}, POLICIES).values()
    assert (resolved.versions, resolved.conflict) == ((settled,), False)


def test_the_same_session_finished_on_two_devices_is_kept_once() -> None:
    office = Change(4, "office", "same-content", "session", "s1")
    home = Change(9, "home", "same-content", "session", "s1")
    (resolved,) = resolve({office, home}, POLICIES).values()
    assert (resolved.versions, resolved.conflict) == ((office,), False)


def test_a_session_finished_twice_with_different_content_is_a_conflict() -> None:
    office = Change(4, "office", "one", "session", "s1")
    home = Change(4, "home", "two", "session", "s1")
    (resolved,) = resolve({office, home}, POLICIES).values()
    assert resolved.conflict and len(resolved.versions) == 2


def test_roster_edits_come_in_lamport_order_whatever_the_wall_clocks() -> None:
    added = Change(1, "office", "add Sam", "roster", "g1")
    renamed = Change(2, "home", "rename Sam", "roster", "g1")
    moved = Change(2, "office", "move Sam", "roster", "g1")
    (resolved,) = resolve([moved, renamed, added], POLICIES).values()
    assert [c.digest for c in resolved.versions] == ["add Sam", "rename Sam", "move Sam"]


@dataclass
class Simulation:
    """Random work on 2-3 devices, each with its own replica, syncing now and then."""

    replicas: list[set[Change]]
    seen_when_written: dict[Change, frozenset[Change]] = field(default_factory=dict)
    made: int = 0

    def write(self, device: int, change: Change) -> None:
        self.seen_when_written[change] = frozenset(self.replicas[device])
        self.replicas[device].add(change)

    def step(self, device: int, action: str, record: int, other: int, variant: int) -> None:
        replica = self.replicas[device]
        name = f"d{device}"
        lamport = next_lamport(replica)
        self.made += 1
        if action == "sync":
            replica |= self.replicas[other % len(self.replicas)]
        elif action == "note":
            current = [c for c in replica if c.key == ("note", f"n{record}")]
            parents = frozenset(c.digest for c in heads(current))
            digest = f"{name}-{self.made}"
            self.write(device, Change(lamport, name, digest, "note", f"n{record}", parents))
        elif action == "roster":
            self.write(device, Change(lamport, name, f"{name}-{self.made}", "roster", "g1"))
        else:
            digest = f"session-{record}-content-{variant}"
            self.write(device, Change(lamport, name, digest, "session", f"s{record}"))


operations = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.sampled_from(["sync", "note", "roster", "finish"]),
        st.integers(0, 2),
        st.integers(0, 2),
        st.integers(0, 1),
    ),
    max_size=40,
)


def _simulate(devices: int, steps: list[tuple[int, str, int, int, int]]) -> Simulation:
    simulation = Simulation([set() for _ in range(devices)])
    for device, action, record, other, variant in steps:
        simulation.step(device % devices, action, record, other, variant)
    return simulation


def _replicas(devices: int, steps: list[tuple[int, str, int, int, int]]) -> list[State]:
    replicas = _simulate(devices, steps).replicas
    return [frozenset(r) for r in replicas] + [frozenset()] * (3 - devices)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 3), operations)
def test_merge_is_commutative(devices: int, steps: list[tuple[int, str, int, int, int]]) -> None:
    a, b, _ = _replicas(devices, steps)
    assert merge(a, b) == merge(b, a)
    assert resolve(merge(a, b), POLICIES) == resolve(merge(b, a), POLICIES)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 3), operations)
def test_merge_is_associative(devices: int, steps: list[tuple[int, str, int, int, int]]) -> None:
    a, b, c = _replicas(devices, steps)
    left, right = merge(merge(a, b), c), merge(a, merge(b, c))
    assert left == right
    assert resolve(left, POLICIES) == resolve(right, POLICIES)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 3), operations)
def test_merge_is_idempotent(devices: int, steps: list[tuple[int, str, int, int, int]]) -> None:
    a, b, _ = _replicas(devices, steps)
    assert merge(a, a) == a
    assert resolve(merge(merge(a, b), b), POLICIES) == resolve(merge(a, b), POLICIES)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 3), operations, st.randoms(use_true_random=False))
def test_resolving_does_not_depend_on_the_order_changes_arrived(
    devices: int, steps: list[tuple[int, str, int, int, int]], shuffler: random.Random
) -> None:
    everything = list(merge(*_replicas(devices, steps)))
    shuffled = everything[:]
    shuffler.shuffle(shuffled)
    assert resolve(shuffled, POLICIES) == resolve(everything, POLICIES)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 3), operations)
def test_no_version_of_a_note_is_dropped_and_concurrent_ones_are_a_conflict(
    devices: int, steps: list[tuple[int, str, int, int, int]]
) -> None:
    simulation = _simulate(devices, steps)
    everything = merge(*simulation.replicas)
    for (kind, _), resolved in resolve(everything, POLICIES).items():
        if kind != "note":
            continue
        versions = [c for c in everything if c.key == resolved.versions[0].key]
        replaced = {p for c in versions for p in c.parents}
        assert {c for c in versions if c.digest not in replaced} == set(resolved.versions)
        assert resolved.conflict == (len(resolved.versions) > 1)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 3), operations)
def test_sessions_are_kept_once_per_content_and_roster_edits_follow_what_their_writer_saw(
    devices: int, steps: list[tuple[int, str, int, int, int]]
) -> None:
    simulation = _simulate(devices, steps)
    resolved = resolve(merge(*simulation.replicas), POLICIES)
    for (kind, _), record in resolved.items():
        if kind == "session":
            digests = [c.digest for c in record.versions]
            assert len(digests) == len(set(digests))
        if kind == "roster":
            order = {change: n for n, change in enumerate(record.versions)}
            for change in record.versions:
                for earlier in simulation.seen_when_written[change]:
                    if earlier in order:
                        assert order[earlier] < order[change]
