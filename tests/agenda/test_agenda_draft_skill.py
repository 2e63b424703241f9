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


def test_the_phase_form_offers_what_the_group_view_shows() -> None:
    names = [f.name for f in PHASE_FIELDS]
    assert {"share.countdown", "share.prompts", "share.text"} <= set(names)


def test_a_share_table_goes_through_the_form_and_back() -> None:
    data = {"id": "break", "title": "Break", "kind": "break", "minutes": 10, "turns": "none"}
    phase = DraftPhase.from_data({**data, "share": {"countdown": False, "text": "Stretch"}})
    assert (phase.share_countdown, phase.share_prompts, phase.share_text) == (
        "no",
        "default",
        "Stretch",
    )
    assert "share" not in phase.others
    phase.share_prompts = "yes"
    assert phase.to_data()["share"] == {"countdown": False, "prompts": True, "text": "Stretch"}
    phase.share_countdown = phase.share_prompts = "default"
    phase.share_text = ""
    assert "share" not in phase.to_data()


def test_a_share_table_the_form_cannot_show_exactly_is_kept_as_written() -> None:
    data = {"id": "break", "title": "Break", "kind": "break", "minutes": 10, "turns": "none"}
    for share in ({}, {"text": ""}, {"countdown": "maybe"}):
        phase = DraftPhase.from_data({**data, "share": share})
        assert phase.others == {"share": share}
        assert phase.to_data()["share"] == share
