"""Issue 10 item 2, engine side: half-typed text in an open form survives a crash."""

from __future__ import annotations

from pathlib import Path

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.engine import DRAFT_SECONDS, SessionEngine
from iop_facilitator.session.group import Group
from iop_facilitator.session.records import Records
from iop_facilitator.vault import Vault
from tests.session.session_testing import AGENDA, PASSPHRASE

RELAPSE = "Disclosed a relapse on Saturday; wants to"


def _drafts(engine: SessionEngine) -> list[str]:
    return [e.type for e in engine.events if e.type == "form-drafted"]


def test_the_first_keystrokes_are_journalled_at_once(present: SessionEngine) -> None:
    present.keep_draft("note", {"text": "D"})
    assert present.state.draft is not None and present.state.draft.fields == {"text": "D"}


def test_drafts_are_throttled_and_the_newest_is_flushed(
    present: SessionEngine, clock: FakeClock
) -> None:
    for n in range(1, len(RELAPSE) + 1):
        present.keep_draft("note", {"text": RELAPSE[:n]})
        clock.advance(0.1)
    assert len(_drafts(present)) < len(RELAPSE) // 5
    clock.advance(DRAFT_SECONDS)
    present.flush_draft()
    assert present.state.draft is not None and present.state.draft.fields["text"] == RELAPSE


def test_saving_the_form_clears_its_draft(present: SessionEngine, group: Group) -> None:
    present.keep_draft("note", {"text": RELAPSE}, member_id=group.members[0].id)
    present.add_note(RELAPSE, member_id=group.members[0].id)
    assert present.state.draft is None


def test_closing_the_form_unsaved_clears_its_draft(present: SessionEngine) -> None:
    present.keep_draft("flag", {"note": "Mentioned"})
    present.keep_draft("flag", {})
    assert present.state.draft is None


def test_a_draft_does_not_take_away_the_undo(present: SessionEngine) -> None:
    present.skip_phase("skill")
    present.keep_draft("note", {"text": "Skipped because"})
    present.undo()
    skill = present.state.phase_state("skill")
    assert skill is not None and skill.status.value == "planned"
    assert present.state.draft is not None


def test_a_half_typed_note_and_check_in_come_back_after_a_crash(
    records: Records, group: Group, clock: FakeClock, vault_dir: Path
) -> None:
    live = records.start_live(group, AGENDA, clock)
    e = live.engine
    e.mark_present(group.members[0].id)
    e.start_phase()
    e.keep_draft("check-in", {"mood": "4", "note": "rough week"}, member_id=group.members[0].id)
    live.journal.close()  # type: ignore[attr-defined]  # kill -9
    resumed = Records(Vault.unlock(vault_dir, PASSPHRASE)).resume_live(live.session_id, clock)
    draft = resumed.engine.state.draft
    assert draft is not None and draft.form == "check-in"
    assert draft.member_id == group.members[0].id
    assert draft.fields == {"mood": "4", "note": "rough week"}


def test_drafts_are_left_out_of_the_finished_record(
    records: Records, group: Group, clock: FakeClock
) -> None:
    live = records.start_live(group, AGENDA, clock)
    live.engine.mark_present(group.members[0].id)
    live.engine.keep_draft("note", {"text": RELAPSE})
    finished = records.finish(live)
    assert all(e.type != "form-drafted" for e in finished.events)
