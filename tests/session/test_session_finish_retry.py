"""Finishing a session can be tried again after any step failed, and never loses a member."""

from __future__ import annotations

import errno
from typing import Any

import pytest

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.group import Group
from iop_facilitator.session.live import LiveSession
from iop_facilitator.session.records import Records
from iop_facilitator.vault import Vault
from iop_facilitator.vault.errors import StorageError
from iop_facilitator.vault.storage import storage_error
from tests.session.session_testing import AGENDA


def _full() -> StorageError:
    return storage_error(OSError(errno.ENOSPC, "No space left on device"), "the record")


class Refusing:
    """The vault, except that the steps named in `refuse` fail once each (a full disk)."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.refuse: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.vault, name)

    def put(self, kind: str, record_id: str, payload: bytes, **kwargs: Any) -> None:
        if kind == RecordKind.GROUP and "group" in self.refuse:
            self.refuse.discard("group")
            raise _full()
        self.vault.put(kind, record_id, payload, **kwargs)

    def finish_session(self, *args: Any, **kwargs: Any) -> None:
        if "finish" in self.refuse:
            self.refuse.discard("finish")
            raise _full()
        self.vault.finish_session(*args, **kwargs)


def _session_with_newcomer(
    records: Records, group: Group, clock: FakeClock
) -> tuple[LiveSession, str]:
    live = records.start_live(group, AGENDA, clock)
    for m in group.members:
        live.engine.mark_present(m.id)
    added = live.engine.add_member("Noor B.", pronouns="she/her")
    clock.advance(60)
    return live, added.member.member_id


def test_finishing_a_finished_session_again_succeeds(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live, _ = _session_with_newcomer(records, group, clock)
    records.finish(live, note="First words.")
    records.finish(live, note="First words.")
    assert records.finished(live.session_id).note == "First words."


def test_finishing_again_stores_the_note_edited_since(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live, _ = _session_with_newcomer(records, group, clock)
    records.finish(live, note="First words.")
    records.finish(live, note="First words, and more.")
    assert records.finished(live.session_id).note == "First words, and more."


def test_newcomer_joins_the_roster_before_the_session_is_stored(
    vault: Vault, group: Group, clock: FakeClock
) -> None:
    store = Refusing(vault)
    records = Records(store)
    records.save_group(group)
    live, newcomer = _session_with_newcomer(records, group, clock)
    store.refuse = {"finish"}
    with pytest.raises(StorageError):
        records.finish(live)
    assert records.group(group.id).member(newcomer).name == "Noor B."


def test_finishing_after_the_roster_failed_to_save_is_retried_whole(
    vault: Vault, group: Group, clock: FakeClock
) -> None:
    store = Refusing(vault)
    records = Records(store)
    records.save_group(group)
    live, newcomer = _session_with_newcomer(records, group, clock)
    store.refuse = {"group"}
    with pytest.raises(StorageError):
        records.finish(live)
    records.finish(live)
    assert records.finished(live.session_id).summary().finished
    assert records.group(group.id).member(newcomer).name == "Noor B."
