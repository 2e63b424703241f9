"""The group note's plan says whom homework given to some members only is for."""

from __future__ import annotations

from iop_facilitator.session.notes import note_draft
from tests.session.session_testing import all_present, start_engine


def test_group_note_plan_says_whom_member_homework_is_for() -> None:
    engine, group, _ = start_engine()
    all_present(engine, group)
    maria = group.members[0]
    engine.assign_homework("Call a support person once", member_ids=(maria.id,))
    engine.assign_homework("Practise paced breathing once a day")
    engine.end_session()
    plan = note_draft(engine.summary()).group_sections[-1].text
    assert (
        'Homework: "Call a support person once" (for M.L.); '
        '"Practise paced breathing once a day".' in plan
    )
