"""The demo group's earlier sessions: made through the engine, so the demo shows a group with a
history (homework to review, a carried flag, one first-timer)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from iop_facilitator.agenda.catalog import find_agenda, shipped_agendas
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.demo import FIRST_TIMER, demo_group, seed_demo_history
from iop_facilitator.session.group import Group
from iop_facilitator.session.records import Records
from iop_facilitator.vault import Vault

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
DBT = load_agenda(find_agenda("dbt-distress-tolerance"))


@pytest.fixture
def seeded(vault: Vault) -> tuple[Records, Group]:
    records = Records(vault)
    group = demo_group(on=date(2026, 10, 1))
    records.save_group(group)
    seed_demo_history(records, group, DBT, before=NOW)
    return records, group


def test_demo_history_is_two_finished_sessions_a_week_apart(
    seeded: tuple[Records, Group],
) -> None:
    records, group = seeded
    days = [e.date for e in records.session_index(group.id)]
    assert days == [date(2026, 11, 16), date(2026, 11, 9)]


def test_after_the_demo_history_only_one_member_is_new(seeded: tuple[Records, Group]) -> None:
    records, group = seeded
    assert [m.name for m in group.members if m.id in records.first_timers(group)] == [FIRST_TIMER]


def test_the_demo_session_brings_last_weeks_homework_to_review(
    seeded: tuple[Records, Group],
) -> None:
    records, group = seeded
    live = records.start_live(group, DBT, FakeClock(start=NOW))
    carried = [h.text for h in live.engine.state.homework.values() if h.carried]
    assert carried == [
        DBT.phase_by_id("closing").homework[0],
        "Call your sponsor twice before next group",
    ]


def test_the_demo_session_carries_last_weeks_open_flag(seeded: tuple[Records, Group]) -> None:
    records, group = seeded
    live = records.start_live(group, DBT, FakeClock(start=NOW))
    flagged = [
        live.engine.state.members[f.member_id].name for f in live.engine.state.flags.values()
    ]
    assert flagged == ["James T."]


def test_the_second_week_reviewed_the_first_weeks_homework(
    seeded: tuple[Records, Group],
) -> None:
    records, group = seeded
    latest = records.session_index(group.id)[0]
    reviewed = records.finished(latest.session_id).summary().homework_reviewed
    assert reviewed


@pytest.mark.parametrize("agenda_file", shipped_agendas(), ids=lambda p: p.stem)
def test_demo_history_runs_on_every_shipped_agenda(vault: Vault, agenda_file: object) -> None:
    records = Records(vault)
    group = demo_group()
    records.save_group(group)
    seed_demo_history(records, group, load_agenda(find_agenda(str(agenda_file))), before=NOW)
    assert len(records.session_index(group.id)) == 2
