"""Every member's progress note is that member's own: no two members' drafts in a session share
a section word for word (names and pronouns aside), in any format."""

from __future__ import annotations

import pytest

from iop_facilitator.session.notes import NoteFormat, draft_shared_sections, note_draft
from tests.session.generated_sessions import generated_session

SEEDS = range(24)


@pytest.mark.parametrize("fmt", list(NoteFormat))
@pytest.mark.parametrize("seed", SEEDS)
def test_no_two_members_drafts_share_a_section(seed: int, fmt: NoteFormat) -> None:
    summary = generated_session(seed).summary()
    draft = note_draft(summary, fmt)
    assert len(draft.members) >= 3
    shared = draft_shared_sections(draft, summary)
    assert shared == [], [s.sentence() for s in shared]
