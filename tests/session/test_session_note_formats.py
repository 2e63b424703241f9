"""Every note format lives in one registry, keyed by the one `NoteFormat` enum."""

from __future__ import annotations

from iop_facilitator.session.notes import FORMATS, NoteFormat, note_draft, section_titles
from iop_facilitator.session.records import FinishedSession
from tests.session.session_testing import make_group, start_engine


def test_every_format_has_a_module_in_the_registry() -> None:
    assert set(FORMATS) == set(NoteFormat)
    assert all(spec.format is fmt for fmt, spec in FORMATS.items())


def test_each_format_drafts_its_own_sections_for_group_and_members() -> None:
    engine, group, _clock = start_engine()
    for member in group.members[:3]:
        engine.mark_present(member.id)
    engine.end_session()
    for fmt in NoteFormat:
        draft = note_draft(engine.summary(), fmt)
        assert draft.style is fmt
        assert tuple(s.title for s in draft.group_sections) == section_titles(fmt)
        assert all(tuple(s.title for s in m.sections) == section_titles(fmt) for m in draft.members)
        assert draft.title.startswith(f"Group note ({fmt.value.upper()})")


def test_a_finished_session_can_hold_a_soap_note() -> None:
    engine, group, _clock = start_engine(make_group())
    finished = FinishedSession(
        session_id="s",
        group_id=group.id,
        events=list(engine.events),
        note="SOAP text",
        note_style=NoteFormat.SOAP,
    )
    again = FinishedSession.model_validate_json(finished.model_dump_json())
    assert again.note_style is NoteFormat.SOAP
