"""Issue 10 item 1: one live session per group; a session nobody attended is discarded, never
finished into the record."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review.access_log import access_log, record_discard
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.discarding import DISCARDED_KIND, discard_session
from iop_facilitator.session.errors import EventRefused
from iop_facilitator.session.group import Group
from iop_facilitator.session.group_lock import GroupSessionHeld, group_holder
from iop_facilitator.session.records import NobodyPresent, Records
from iop_facilitator.vault import Vault
from tests.session.session_testing import AGENDA, PASSPHRASE, counting_ids


def _second_window(vault_dir: Path) -> Records:
    """Another runner on the same vault (its own unlock, its own locks)."""
    return Records(Vault.unlock(vault_dir, PASSPHRASE))


def test_a_second_run_of_a_live_group_is_refused_naming_the_holder(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    records.start_live(group, AGENDA, clock)
    with pytest.raises(GroupSessionHeld) as refused:
        _second_window(vault_dir).start_live(group, AGENDA, clock)
    message = str(refused.value)
    assert message.startswith(f"{group.name}'s session is live in another window")
    assert socket.gethostname() in message and "since" in message
    assert refused.value.holder is not None


def test_the_refused_run_leaves_no_session_behind(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    records.start_live(group, AGENDA, clock)
    other = _second_window(vault_dir)
    with pytest.raises(GroupSessionHeld):
        other.start_live(group, AGENDA, clock)
    assert other.vault.unfinished_sessions() == records.vault.unfinished_sessions()
    assert len(other.vault.unfinished_sessions()) == 1


def test_asking_who_holds_a_group_does_not_take_it(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    assert group_holder(records.vault, group.id, group.name) is None
    records.start_live(group, AGENDA, clock)
    held = group_holder(_second_window(vault_dir).vault, group.id, group.name)
    assert held is not None and "live in another window" in str(held)


def test_the_group_can_be_taken_over_once_its_holder_is_gone(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    live = records.start_live(group, AGENDA, clock)
    live.journal.close()  # type: ignore[attr-defined]  # the holder's window closed
    resumed = _second_window(vault_dir).resume_live(live.session_id, clock)
    assert resumed.session_id == live.session_id


def test_resuming_an_old_session_while_the_group_runs_another_is_refused(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    old = records.start_live(group, AGENDA, clock, new_id=counting_ids("old"))
    old.journal.close()  # type: ignore[attr-defined]
    _second_window(vault_dir).start_live(group, AGENDA, clock, new_id=counting_ids("new"))
    with pytest.raises(GroupSessionHeld):
        _second_window(vault_dir).resume_live(old.session_id, clock)


def test_every_unfinished_session_of_the_group_is_offered_newest_first(
    records: Records, group: Group, clock: FakeClock
) -> None:
    ids = []
    for name in ("first", "second", "third"):
        live = records.start_live(group, AGENDA, clock, new_id=counting_ids(name))
        live.engine.mark_present(group.members[0].id)
        live.journal.close()  # type: ignore[attr-defined]
        ids.append(live.session_id)
        clock.advance(600)
    assert [u.session_id for u in records.unfinished(group.id)] == ids[::-1]


def test_a_session_nobody_attended_cannot_be_finished_into_the_record(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = records.start_live(group, AGENDA, clock)
    with pytest.raises(NobodyPresent, match="discard it"):
        records.finish(live)
    assert records.session_index(group.id) == []


def test_a_discarded_session_is_kept_out_of_the_record_and_logged(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = records.start_live(group, AGENDA, clock)
    record_discard(records.vault, at=clock.now(), what=f"Session of {group.name}")
    kept = discard_session(records, live, at=clock.now())
    assert records.session_index(group.id) == []
    assert records.unfinished(group.id) == []
    assert records.vault.ids(RecordKind.SESSION) == []
    assert records.vault.ids(DISCARDED_KIND) == [kept.session_id]
    (entry,) = access_log(records.vault)
    assert entry.action == "discard"


def test_discarding_gives_the_group_back(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    discard_session(records, records.start_live(group, AGENDA, clock), at=clock.now())
    assert _second_window(vault_dir).start_live(group, AGENDA, clock).engine.state.group_id


def test_an_unfinished_session_nobody_attended_can_be_discarded_by_id(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    live = records.start_live(group, AGENDA, clock)
    live.journal.close()  # type: ignore[attr-defined]
    later = _second_window(vault_dir)
    discard_session(later, live.session_id, at=clock.now())
    assert later.unfinished(group.id) == []


def test_a_session_someone_attended_cannot_be_discarded(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = records.start_live(group, AGENDA, clock)
    live.engine.mark_present(group.members[0].id)
    with pytest.raises(EventRefused, match="cannot be discarded"):
        discard_session(records, live, at=clock.now())


def test_a_discarded_session_does_not_take_the_real_ones_homework(
    records: Records, group: Group, clock: FakeClock
) -> None:
    real = records.start_live(group, AGENDA, clock)
    real.engine.mark_present(group.members[0].id)
    real.engine.assign_homework("Practise paced breathing")
    records.finish(real)
    stray = records.start_live(group, AGENDA, clock)
    discard_session(records, stray, at=clock.now())
    homework, _ = records.carried_from_previous(group.id)
    assert [h.text for h in homework] == ["Practise paced breathing"]
