"""A live session whose journal is damaged before its end: reported, and resumable from before."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.errors import SessionNotFound
from iop_facilitator.session.group import Group
from iop_facilitator.session.journal_damage import (
    continuation_events,
    continuation_id,
    read_journal,
)
from iop_facilitator.session.live import LiveSession
from iop_facilitator.session.records import Records
from iop_facilitator.vault import Vault
from tests.session.session_testing import AGENDA, PASSPHRASE, counting_ids

EVENTS_BEFORE_DAMAGE = 4


def _damage_entry(journal_path: Path, number: int) -> None:
    """Flip one byte inside entry `number` (from 1), leaving every other entry intact."""
    data = bytearray(journal_path.read_bytes())
    pos = 28 + int.from_bytes(data[26:28], "big")  # past the header
    for _ in range(number - 1):
        pos += 8 + int.from_bytes(data[pos : pos + 4], "big")
    data[pos + 8 + 12 + 2] ^= 0x01  # past the length, CRC and nonce: the sealed text
    journal_path.write_bytes(bytes(data))


def _reopen(vault_dir: Path) -> Records:
    return Records(Vault.unlock(vault_dir, PASSPHRASE))


@pytest.fixture
def damaged(records: Records, group: Group, clock: FakeClock, vault_dir: Path) -> LiveSession:
    """A session of nine events whose fifth journal entry was damaged after the program died."""
    live = records.start_live(group, AGENDA, clock, new_id=counting_ids("s"))
    e = live.engine
    for m in group.members[:5]:
        clock.advance(10)
        e.mark_present(m.id)
    e.give_reminder()
    e.start_phase()
    e.start_turn(group.members[0].id)
    live.journal.close()  # type: ignore[attr-defined]
    _damage_entry(live.journal.path, EVENTS_BEFORE_DAMAGE + 1)  # type: ignore[attr-defined]
    return live


def test_a_damaged_journal_is_listed_with_its_problem(
    damaged: LiveSession, vault_dir: Path, group: Group
) -> None:
    (found,) = _reopen(vault_dir).unfinished(group.id)
    assert (found.session_id, found.events) == (damaged.session_id, EVENTS_BEFORE_DAMAGE)
    assert found.problem is not None and "entry 5 is changed, missing or out of order" in (
        found.problem
    )


def test_a_damaged_journal_is_resumed_from_the_events_before_the_damage(
    damaged: LiveSession, vault_dir: Path, clock: FakeClock
) -> None:
    resumed = _reopen(vault_dir).resume_before_damage(damaged.session_id, clock)
    before = [e.model_dump(exclude={"session_id"}) for e in resumed.engine.events[:-1]]
    saved = [e.model_dump(exclude={"session_id"}) for e in damaged.engine.events[:4]]
    assert before == saved


def test_the_continuation_goes_on_under_its_own_id(
    damaged: LiveSession, vault_dir: Path, clock: FakeClock
) -> None:
    resumed = _reopen(vault_dir).resume_before_damage(damaged.session_id, clock)
    assert resumed.session_id == continuation_id(damaged.session_id)


def test_once_continued_only_the_continuation_is_offered(
    damaged: LiveSession, vault_dir: Path, clock: FakeClock, group: Group
) -> None:
    resumed = _reopen(vault_dir).resume_before_damage(damaged.session_id, clock)
    resumed.journal.close()  # type: ignore[attr-defined]
    found = _reopen(vault_dir).unfinished(group.id)
    assert [(u.session_id, u.problem) for u in found] == [(resumed.session_id, None)]


def _copy_cut_short(vault_dir: Path, damaged: LiveSession) -> None:
    """A crash while the events before the damage were being copied: only the first is."""
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    continued = continuation_id(damaged.session_id)
    entries = continuation_events(read_journal(vault, damaged.session_id), continued)
    with vault.open_journal(continued) as partial:
        partial.append(entries[0])


def test_a_copy_cut_short_by_a_crash_leaves_the_damaged_session_offered(
    damaged: LiveSession, vault_dir: Path, group: Group
) -> None:
    _copy_cut_short(vault_dir, damaged)
    found = _reopen(vault_dir).unfinished(group.id)
    assert [(u.session_id, u.events) for u in found] == [(damaged.session_id, EVENTS_BEFORE_DAMAGE)]


def test_a_copy_cut_short_by_a_crash_is_finished_on_the_next_try(
    damaged: LiveSession, vault_dir: Path, clock: FakeClock
) -> None:
    _copy_cut_short(vault_dir, damaged)
    resumed = _reopen(vault_dir).resume_before_damage(damaged.session_id, clock)
    assert len(resumed.engine.events) == EVENTS_BEFORE_DAMAGE + 1  # and the recovery


def test_a_continued_session_finishes_like_any_other(
    damaged: LiveSession, vault_dir: Path, clock: FakeClock, group: Group
) -> None:
    records = _reopen(vault_dir)
    resumed = records.resume_before_damage(damaged.session_id, clock)
    records.finish(resumed)
    assert (records.unfinished(group.id), [e.session_id for e in records.session_index()]) == (
        [],
        [resumed.session_id],
    )


def test_a_journal_damaged_in_its_first_entry_is_listed_for_every_group(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    live = records.start_live(group, AGENDA, clock, new_id=counting_ids("s"))
    live.engine.mark_present(group.members[0].id)
    live.journal.close()  # type: ignore[attr-defined]
    _damage_entry(live.journal.path, 1)  # type: ignore[attr-defined]
    (found,) = _reopen(vault_dir).unfinished("another group")
    assert (found.session_id, found.resumable, found.problem is not None) == (
        live.session_id,
        False,
        True,
    )


def test_a_journal_with_nothing_readable_says_there_is_nothing_to_resume(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    live = records.start_live(group, AGENDA, clock, new_id=counting_ids("s"))
    live.engine.mark_present(group.members[0].id)
    live.journal.close()  # type: ignore[attr-defined]
    _damage_entry(live.journal.path, 1)  # type: ignore[attr-defined]
    with pytest.raises(SessionNotFound, match="Nothing before the damage"):
        _reopen(vault_dir).resume_before_damage(live.session_id, clock)
