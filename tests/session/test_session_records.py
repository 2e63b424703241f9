"""Groups and finished sessions in the vault: finishing, the index entry, and what carries over."""

from __future__ import annotations

from datetime import date

import pytest

from iop_facilitator.errors import UserError
from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.errors import (
    EventRefused,
    GroupNotFound,
    RecordDamaged,
    RecordNewer,
)
from iop_facilitator.session.group import Group
from iop_facilitator.session.live import LiveSession
from iop_facilitator.session.records import Records
from tests.session.session_testing import AGENDA


def _session(records: Records, group: Group, clock: FakeClock) -> LiveSession:
    live = records.start_live(group, AGENDA, clock)
    e = live.engine
    for m in group.members[:7]:
        e.mark_present(m.id)
    e.mark_absent(group.members[7].id)
    e.give_reminder()
    e.start_phase()
    e.start_turn(group.members[0].id)
    clock.advance(60)
    e.record_checkin(group.members[0].id, {"mood": 7}, "Better sleep this week")
    e.add_note("Maria described using paced breathing")
    return live


def _finish_first(records: Records, group: Group, clock: FakeClock) -> tuple[str, str, str]:
    """A first session with group homework, one member's homework and a flag; finished."""
    live = _session(records, group, clock)
    e = live.engine
    group_hw = e.assign_homework("Paced breathing daily").homework_id
    own_hw = e.assign_homework("Sleep diary", [group.members[1].id]).homework_id
    flag = e.raise_flag(group.members[1].id, "Hopeless statements").flag_id
    records.finish(live)
    clock.advance(7 * 24 * 3600)
    return group_hw, own_hw, flag


def test_finished_session_reads_back_with_its_summary(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = _session(records, group, clock)
    records.finish(live)
    back = records.finished(live.session_id)
    assert (back.summary().present_count, back.summary().finished) == (7, True)


def test_finishing_stores_the_draft_note_by_default(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = _session(records, group, clock)
    records.finish(live)
    assert records.finished(live.session_id).note.startswith("Group note (BIRP)")


def test_finishing_stores_the_edited_note(records: Records, group: Group, clock: FakeClock) -> None:
    live = _session(records, group, clock)
    records.finish(live, note="Edited by the therapist.")
    assert records.finished(live.session_id).note == "Edited by the therapist."


def test_finished_session_leaves_no_unfinished_journal(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = _session(records, group, clock)
    records.finish(live)
    assert records.unfinished() == []


def test_index_entry_lists_without_decrypting(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = _session(records, group, clock)
    records.finish(live)
    [entry] = records.session_index(group.id)
    assert (entry.date, entry.agenda_title, entry.present, entry.absent) == (
        date(2026, 11, 23),
        "Skills group",
        7,
        1,
    )


def test_index_entry_holds_the_text_to_search(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = _session(records, group, clock)
    records.finish(live)
    text = records.session_index()[0].search_text
    assert "paced breathing" in text and "Better sleep this week" in text


def test_open_homework_is_carried_into_the_next_session(
    records: Records, group: Group, clock: FakeClock
) -> None:
    group_hw, own_hw, _ = _finish_first(records, group, clock)
    second = records.start_live(group, AGENDA, clock)
    carried = {h.id: h.carried for h in second.engine.state.homework.values()}
    assert carried == {group_hw: True, own_hw: True}


def test_reviewed_homework_is_not_carried_again(
    records: Records, group: Group, clock: FakeClock
) -> None:
    group_hw, own_hw, _ = _finish_first(records, group, clock)
    second = records.start_live(group, AGENDA, clock)
    second.engine.mark_present(group.members[1].id)
    second.engine.review_homework(group_hw, "done")
    second.engine.review_homework(own_hw, "not-reviewed", group.members[1].id)
    records.finish(second)
    third = records.start_live(group, AGENDA, clock)
    assert list(third.engine.state.homework) == [own_hw]


def test_carried_homework_can_be_reviewed_per_member(
    records: Records, group: Group, clock: FakeClock
) -> None:
    _, own_hw, _ = _finish_first(records, group, clock)
    second = records.start_live(group, AGENDA, clock)
    with pytest.raises(EventRefused, match="was not assigned to"):
        second.engine.review_homework(own_hw, "done", group.members[2].id)


def test_open_flag_is_carried_until_handled(
    records: Records, group: Group, clock: FakeClock
) -> None:
    _, _, flag = _finish_first(records, group, clock)
    second = records.start_live(group, AGENDA, clock)
    second.engine.mark_present(group.members[0].id)  # a session nobody attended is discarded
    records.finish(second)
    third = records.start_live(group, AGENDA, clock)
    assert [f.id for f in third.engine.state.flags.values() if f.carried] == [flag]


def test_flag_handled_in_session_is_not_carried(
    records: Records, group: Group, clock: FakeClock
) -> None:
    _, _, flag = _finish_first(records, group, clock)
    second = records.start_live(group, AGENDA, clock)
    second.engine.handle_flag(flag, "Safety plan reviewed by phone")
    second.engine.mark_present(group.members[0].id)  # a session nobody attended is discarded
    records.finish(second)
    third = records.start_live(group, AGENDA, clock)
    assert third.engine.state.flags == {}


def test_flag_handled_in_review_is_not_carried(
    records: Records, group: Group, clock: FakeClock
) -> None:
    _, _, flag = _finish_first(records, group, clock)
    records.vault.put(RecordKind.FLAG_HANDLED, flag, b"{}", index_entry={"flag_id": flag})
    second = records.start_live(group, AGENDA, clock)
    assert second.engine.state.flags == {}


def test_members_who_attended_are_no_longer_first_timers(
    records: Records, group: Group, clock: FakeClock
) -> None:
    _finish_first(records, group, clock)
    assert records.first_timers(group) == {group.members[7].id}


def test_member_added_during_a_session_joins_the_roster(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = _session(records, group, clock)
    added = live.engine.add_member("Noor B.", pronouns="she/her")
    records.finish(live)
    joined = records.group(group.id).member(added.member.member_id)
    assert (joined.name, joined.pronouns) == ("Noor B.", "she/her")


def test_group_is_found_by_name_ignoring_case(records: Records, group: Group) -> None:
    assert records.group(group.name.upper()).id == group.id


def test_unknown_group_is_a_sentence(records: Records) -> None:
    with pytest.raises(GroupNotFound, match="There is no group called Nope"):
        records.group("Nope")


def test_group_names_are_unique(records: Records, group: Group) -> None:
    with pytest.raises(UserError, match="already a group called"):
        records.new_group(group.name.lower())


def test_a_group_has_at_most_two_facilitators(records: Records) -> None:
    with pytest.raises(UserError, match="one or two facilitators"):
        records.new_group("Thursday", facilitators=["A", "B", "C"])


def test_a_session_from_a_newer_version_is_a_sentence(records: Records) -> None:
    records.vault.put("session", "future", b'{"format": 2, "session_id": "future"}')
    with pytest.raises(RecordNewer, match="newer version of this program"):
        records.finished("future")


def test_a_session_record_that_is_not_a_session_is_a_sentence(records: Records) -> None:
    records.vault.put("session", "odd", b'{"format": 1}')
    with pytest.raises(RecordDamaged, match="does not hold a session"):
        records.finished("odd")
