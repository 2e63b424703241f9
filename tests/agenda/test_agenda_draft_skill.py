"""The editor's form shows a phase's skill and objective (issue 19): what the notes name."""

from __future__ import annotations

from iop_facilitator.agenda.draft import DraftPhase
from iop_facilitator.agenda.form_fields import PHASE_FIELDS


def test_the_phase_form_offers_skill_and_objective() -> None:
    names = [f.name for f in PHASE_FIELDS]
    assert "skill" in names and "objective" in names


def test_a_phase_keeps_its_skill_and_objective_through_the_draft() -> None:
    data = {"id": "tipp", "title": "TIPP", "kind": "skill", "minutes": 20, "turns": "open"}
    phase = DraftPhase.from_data({**data, "skill": "TIPP", "objective": "to calm fast"})
    assert (phase.skill, phase.objective) == ("TIPP", "to calm fast")
    assert phase.others == {}
    phase.skill = "Paced breathing"
    written = phase.to_data()
    assert written["skill"] == "Paced breathing" and written["objective"] == "to calm fast"
    assert "skill" not in DraftPhase.from_data(data).to_data()
