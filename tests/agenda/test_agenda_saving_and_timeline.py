"""Saving an edited agenda (atomic, the version before kept, never a shipped one), the editor's
timeline, and what `agenda diff` says."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.agenda.catalog import shipped_agendas
from iop_facilitator.agenda.compare import agenda_differences
from iop_facilitator.agenda.draft import DraftAgenda
from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import parse_agenda
from iop_facilitator.agenda.model import Agenda
from iop_facilitator.agenda.saving import backup_path, draft_path, save_agenda, save_draft
from iop_facilitator.agenda.timeline import timeline
from iop_facilitator.errors import UserError
from tests.agenda.agenda_testing import VALID, replaced


def test_a_save_keeps_the_version_before_and_drops_the_draft(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(VALID, encoding="utf-8")
    save_draft(path, "# unfinished\n")
    changed = replaced("minutes = 60", "minutes = 70")
    save_agenda(path, changed)
    assert path.read_text(encoding="utf-8") == changed
    assert backup_path(path).read_text(encoding="utf-8") == VALID
    assert not draft_path(path).exists()


def test_an_invalid_save_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(VALID, encoding="utf-8")
    with pytest.raises(AgendaError):
        save_agenda(path, replaced("minutes = 60", "minutes = 0"))
    assert path.read_text(encoding="utf-8") == VALID
    assert not backup_path(path).exists()


def test_a_shipped_template_is_never_saved_in_place() -> None:
    shipped = shipped_agendas()[0]
    before = shipped.read_text(encoding="utf-8")
    with pytest.raises(UserError, match="never changed in place"):
        save_agenda(shipped, before)
    assert shipped.read_text(encoding="utf-8") == before


def test_the_timeline_gives_each_phase_its_start_clock_and_says_what_is_spare() -> None:
    draft = DraftAgenda.from_agenda(parse_agenda(VALID))
    line = timeline(draft, "18:30")
    assert line.starts == ["18:30", "18:45", "19:15"]
    assert line.in_words() == "Phases 55 of 60 min: 5 min spare."
    assert line.squeezed_first[0] == ("Skill", 15)
    draft.minutes = "50"
    assert timeline(draft).in_words().startswith("Phases 55 of 50 min: 5 min over")
    assert timeline(draft).starts == ["0:00", "0:15", "0:45"]  # no start time: from 0:00
    draft.phases[1].minutes = "half an hour"
    assert timeline(draft).unknown == ["Skill"]


def test_diff_says_added_removed_and_reordered_phases() -> None:
    old = parse_agenda(VALID)
    draft = DraftAgenda.from_agenda(old)
    draft.phases.reverse()
    del draft.phases[1]  # the skill
    draft.phases[0].homework.append("Call a friend")
    new = parse_agenda_from(draft)
    lines = agenda_differences(old, new)
    assert "- phase skill (Skill, 30 min): removed" in lines
    assert '~ phase closing: homework: + "Call a friend"' in lines
    assert "order of phases: check-in, closing → closing, check-in" in lines


def parse_agenda_from(draft: DraftAgenda) -> Agenda:
    return Agenda.model_validate(draft.to_data())
