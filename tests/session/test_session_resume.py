"""A live session journaled to a real vault: saved in order, resumed after a crash as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.errors import RecordDamaged, SessionNotFound
from iop_facilitator.session.events import SHORT_INTERRUPTION_SECONDS, SessionRecovered
from iop_facilitator.session.group import Group
from iop_facilitator.session.handling import replay
from iop_facilitator.session.live import LiveSession, recorder_for
from iop_facilitator.session.records import Records
from iop_facilitator.session.saver import Saver
from iop_facilitator.vault import StorageError, Vault, VaultLockedError
from tests.session.session_testing import AGENDA, PASSPHRASE, counting_ids


def _run_a_while(live: LiveSession, group: Group, clock: FakeClock) -> None:
    e = live.engine
    for m in group.members[:6]:
        e.mark_present(m.id)
    e.give_reminder()
    e.start_phase()
    clock.advance(30)
    e.start_turn(group.members[0].id)
    clock.advance(75)
    e.record_checkin(group.members[0].id, {"mood": 5, "urges": 1}, "Tired")
    e.start_turn(group.members[1].id)
    clock.advance(40)


def _crash_and_reopen(vault_dir: Path) -> Records:
    # The crashed process's locks die with it; a fresh unlock sees only what is on disk.
    return Records(Vault.unlock(vault_dir, PASSPHRASE))


@pytest.fixture
def crashed(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> tuple[LiveSession, Records]:
    """A session that ran 145 s, then the program died (its journal closed as the OS would)."""
    live = records.start_live(group, AGENDA, clock, new_id=counting_ids("s"))
    _run_a_while(live, group, clock)
    live.journal.close()  # type: ignore[attr-defined]
    return live, _crash_and_reopen(vault_dir)


def test_every_event_is_on_disk_when_the_action_returns(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = records.start_live(group, AGENDA, clock)
    _run_a_while(live, group, clock)
    assert (live.unsaved, live.journal.count) == (0, len(live.engine.events))  # type: ignore[attr-defined]


def test_unfinished_session_is_listed_for_its_group(
    crashed: tuple[LiveSession, Records], group: Group
) -> None:
    live, reopened = crashed
    found = reopened.unfinished(group.id)
    assert [(u.session_id, u.events, u.ended) for u in found] == [
        (live.session_id, len(live.engine.events), False)
    ]


def test_resumed_state_is_identical_before_the_recovery_event(
    crashed: tuple[LiveSession, Records], clock: FakeClock
) -> None:
    live, reopened = crashed
    resumed = reopened.resume_live(live.session_id, clock)
    assert replay(resumed.engine.events[:-1]) == live.engine.state


def test_resume_counts_the_downtime_as_session_time(
    crashed: tuple[LiveSession, Records], clock: FakeClock
) -> None:
    live, reopened = crashed
    clock.advance(300)  # five minutes to restart; the group went on meanwhile
    resumed = reopened.resume_live(live.session_id, clock)
    view = resumed.engine.clock_view()
    assert (view.elapsed_seconds, view.phase_used_seconds) == (445.0, 445.0)


def test_a_turn_in_progress_keeps_running_through_a_restart(
    crashed: tuple[LiveSession, Records], clock: FakeClock, group: Group
) -> None:
    live, reopened = crashed  # the member had been speaking 40 s when the program died
    clock.advance(180)  # three minutes to restart; they went on talking on the call
    resumed = reopened.resume_live(live.session_id, clock)
    view = resumed.engine.speaking_view()
    assert (view.speaking_now, view.current_turn_seconds) == (group.members[1].id, 220.0)


def test_a_turn_kept_through_a_restart_ends_when_the_facilitator_ends_it(
    crashed: tuple[LiveSession, Records], clock: FakeClock, group: Group
) -> None:
    live, reopened = crashed
    clock.advance(180)
    resumed = reopened.resume_live(live.session_id, clock)
    clock.advance(20)
    resumed.engine.end_turn()
    turn = resumed.engine.state.turns[-1]
    assert (turn.started_at, turn.ended_at) == (105.0, 345.0)


def test_a_turn_kept_through_a_restart_is_the_same_when_replayed(
    crashed: tuple[LiveSession, Records], clock: FakeClock, vault_dir: Path
) -> None:
    live, reopened = crashed
    clock.advance(180)
    resumed = reopened.resume_live(live.session_id, clock)
    resumed.journal.close()  # type: ignore[attr-defined]
    again = _crash_and_reopen(vault_dir).resume_live(live.session_id, clock)
    assert replay(again.engine.events[:-1]) == resumed.engine.state


def test_the_turn_keeps_running_through_an_interruption_of_exactly_the_threshold(
    present: SessionEngine, clock: FakeClock, group: Group
) -> None:
    present.start_turn(group.members[0].id)
    clock.advance(SHORT_INTERRUPTION_SECONDS)
    resumed = SessionEngine.resume(present.events, clock)
    assert resumed.speaking_view().speaking_now == group.members[0].id


def test_after_a_long_interruption_the_turn_ends_at_the_last_saved_event(
    crashed: tuple[LiveSession, Records], clock: FakeClock, group: Group
) -> None:
    live, reopened = crashed
    clock.advance(SHORT_INTERRUPTION_SECONDS)  # 40 s of the turn + this: over the threshold
    resumed = reopened.resume_live(live.session_id, clock)
    turn = resumed.engine.state.turns[-1]
    assert (turn.speaker_id, turn.started_at, turn.ended_at) == (group.members[1].id, 105.0, 105.0)


def test_a_journal_from_before_the_rule_still_ends_the_turn_at_the_crash(
    present: SessionEngine, clock: FakeClock, group: Group
) -> None:
    present.start_turn(group.members[0].id)
    at = present.now()
    old = SessionRecovered(at=at + 60, wall=clock.now(), crashed_after=at, gap_seconds=60)
    state = replay([*present.events, old])
    assert state.turns[-1].ended_at == at


def test_resumed_timers_keep_running_on_the_new_clock(
    crashed: tuple[LiveSession, Records], clock: FakeClock
) -> None:
    live, reopened = crashed
    clock.advance(300)
    resumed = reopened.resume_live(live.session_id, clock)
    clock.advance(60)
    assert resumed.engine.clock_view().elapsed_seconds == 505.0


def test_a_wall_clock_set_back_counts_no_downtime(
    crashed: tuple[LiveSession, Records], vault_dir: Path
) -> None:
    live, reopened = crashed
    earlier = FakeClock(start=live.engine.state.started_wall)  # wall time behind the last event
    resumed = reopened.resume_live(live.session_id, earlier)
    assert resumed.engine.now() == live.engine.state.last_at


def test_resumed_session_journals_the_recovery(
    crashed: tuple[LiveSession, Records], clock: FakeClock, vault_dir: Path
) -> None:
    live, reopened = crashed
    resumed = reopened.resume_live(live.session_id, clock)
    resumed.engine.give_reminder()
    resumed.journal.close()  # type: ignore[attr-defined]
    again = _crash_and_reopen(vault_dir).resume_live(live.session_id, clock)
    assert replay(again.engine.events[:-1]) == resumed.engine.state


def test_own_open_session_is_not_listed_as_unfinished(
    records: Records, group: Group, clock: FakeClock
) -> None:
    records.start_live(group, AGENDA, clock)
    assert records.unfinished(group.id) == []


def test_a_second_process_cannot_resume_a_running_session(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    live = records.start_live(group, AGENDA, clock)
    other = _crash_and_reopen(vault_dir)
    with pytest.raises(VaultLockedError):
        other.resume_live(live.session_id, clock)


def test_a_journal_entry_this_program_cannot_read_is_a_sentence(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    live = records.start_live(group, AGENDA, clock)
    live.journal.append(b'{"type": "telepathy"}')
    live.journal.close()  # type: ignore[attr-defined]
    with pytest.raises(RecordDamaged, match="holds an entry this program cannot read"):
        _crash_and_reopen(vault_dir).resume_live(live.session_id, clock)


def test_a_journal_without_a_start_cannot_be_resumed(vault: Vault, vault_dir: Path) -> None:
    vault.open_journal("empty").close()
    with pytest.raises(SessionNotFound, match="nothing to resume"):
        _crash_and_reopen(vault_dir).resume_live("empty", FakeClock())


class _FailingJournal:
    """A journal whose disk is full until `fixed` is set."""

    def __init__(self) -> None:
        self.fixed = False
        self.saved: list[bytes] = []

    def append(self, payload: bytes) -> int:
        if not self.fixed:
            raise StorageError("The disk is full, so the last entry was not saved.")
        self.saved.append(payload)
        return len(self.saved) - 1


def test_failed_save_keeps_the_event_and_says_why() -> None:
    journal = _FailingJournal()
    saves = Saver(journal)
    saves(b"one")
    assert (saves.waiting, saves.problem) == (
        1,
        "The disk is full, so the last entry was not saved.",
    )


def test_retry_saves_what_waited_in_order() -> None:
    journal = _FailingJournal()
    saves = Saver(journal)
    saves(b"one")
    saves(b"two")
    journal.fixed = True
    assert (saves.retry(), journal.saved, saves.problem) == (True, [b"one", b"two"], None)


def test_session_goes_on_in_memory_while_saving_fails(group: Group, clock: FakeClock) -> None:
    journal = _FailingJournal()
    saves = Saver(journal)
    engine = SessionEngine.start(
        group=group, agenda=AGENDA, clock=clock, record=recorder_for(saves)
    )
    engine.mark_present(group.members[0].id)
    assert (engine.state.members[group.members[0].id].here, saves.waiting) == (True, 2)


def test_a_session_paused_at_the_crash_stays_paused(
    present: SessionEngine, clock: FakeClock
) -> None:
    clock.advance(100)
    present.pause()
    clock.advance(300)
    resumed = SessionEngine.resume(present.events, clock)
    view = resumed.clock_view()
    assert (view.paused, view.phase_used_seconds, view.elapsed_seconds) == (True, 100.0, 400.0)
