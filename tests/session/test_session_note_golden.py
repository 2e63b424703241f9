"""A member's progress-note draft in each format, compared byte for byte with golden/.

The session is a generated one (`generated_sessions`, seed 3, with the members' goals): a
carried homework reviewed, a check-in against the member's last session, notes, passes and
turns in several phases. After an intended change, rewrite the files with
`IOP_UPDATE_GOLDEN=1 pytest tests/session` and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iop_facilitator.session.notes import NoteFormat, note_draft
from tests.session.generated_sessions import generated_session

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", list(NoteFormat))
def test_a_members_note_matches_golden(fmt: NoteFormat) -> None:
    draft = note_draft(generated_session(3, goals=True).summary(), fmt)
    text = "\n\n".join(m.text for m in draft.members[:2]) + "\n"
    path = GOLDEN / f"member-notes-{fmt.value}.txt"
    if os.environ.get("IOP_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
