import tomllib
from pathlib import Path

import pytest
import tomli_w

from iop_facilitator.agenda.catalog import DEMO_AGENDA, shipped_agendas
from iop_facilitator.agenda.loader import load_agenda, parse_agenda
from iop_facilitator.agenda.model import GroupKind, PhaseKind
from iop_facilitator.agenda.writer import agenda_to_toml

SHIPPED = shipped_agendas()


def test_at_least_seven_templates_are_shipped() -> None:
    assert len(SHIPPED) >= 7


def test_the_common_iop_group_types_each_have_a_template() -> None:
    kinds = {load_agenda(path).agenda.kind for path in SHIPPED}
    assert {
        GroupKind.PROCESS,
        GroupKind.PSYCHOEDUCATIONAL,
        GroupKind.SKILLS,
        GroupKind.RELAPSE_PREVENTION,
        GroupKind.TRAUMA,
        GroupKind.FAMILY,
    } <= kinds


def test_both_dbt_and_cbt_skills_groups_are_shipped() -> None:
    titles = [load_agenda(path).title for path in SHIPPED]
    assert any("DBT" in title for title in titles)
    assert any("CBT" in title for title in titles)


def test_the_demo_agenda_is_shipped() -> None:
    assert DEMO_AGENDA in {path.stem for path in SHIPPED}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_validates(path: Path) -> None:
    agenda = load_agenda(path)  # raises AgendaError, with every problem, if it does not
    assert agenda.phases and agenda.planned_minutes <= agenda.agenda.minutes


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_round_trips_through_tomli_w(path: Path) -> None:
    agenda = load_agenda(path)
    data = agenda.model_dump(mode="json", exclude_none=True)
    assert parse_agenda(tomli_w.dumps(data), "copy") == agenda


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_round_trips_through_the_writer(path: Path) -> None:
    agenda = load_agenda(path)
    assert parse_agenda(agenda_to_toml(agenda), "copy") == agenda


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_lasts_60_to_90_minutes(path: Path) -> None:
    agenda = load_agenda(path)
    assert 60 <= agenda.agenda.minutes <= 90
    assert agenda.phase_minutes >= 55


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_opens_with_a_check_in_that_asks_for_ratings(path: Path) -> None:
    first = load_agenda(path).phases[0]
    assert first.kind is PhaseKind.CHECK_IN
    assert first.checkin is not None and first.checkin.fields


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_ends_with_a_closing_that_suggests_homework(path: Path) -> None:
    last = load_agenda(path).phases[-1]
    assert last.kind is PhaseKind.CLOSING
    assert len(last.homework) >= 2


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_has_a_reminder_norms_prompts_and_scripts(path: Path) -> None:
    agenda = load_agenda(path)
    assert len(agenda.confidentiality.reminder) > 200
    assert "start" in agenda.confidentiality.when
    assert len(agenda.norms.items) >= 4
    assert all(p.prompts or p.script for p in agenda.phases if p.kind is not PhaseKind.BREAK)
    assert sum(bool(p.script) for p in agenda.phases) >= 3


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_is_plain_toml_with_no_unknown_keys(path: Path) -> None:
    # The model forbids unknown keys; this guards the raw file against typos that a future
    # relaxation of the model would let through unnoticed.
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) <= {"agenda", "confidentiality", "norms", "phase"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_planned_minutes_is_the_session_length_not_the_phases_sum(path: Path) -> None:
    agenda = load_agenda(path)
    assert agenda.planned_minutes == agenda.agenda.minutes
    assert agenda.phase_minutes == sum(p.minutes for p in agenda.phases)
