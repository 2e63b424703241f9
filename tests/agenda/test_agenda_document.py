"""The style-keeping agenda document: an edit of one field changes only that field, and every
agenda the loader accepts comes back unchanged through the editor's draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop_facilitator.agenda.catalog import shipped_agendas
from iop_facilitator.agenda.document import AgendaDocument
from iop_facilitator.agenda.draft import DraftAgenda, DraftPhase
from iop_facilitator.agenda.loader import load_agenda, parse_agenda
from iop_facilitator.agenda.model import Agenda
from iop_facilitator.agenda.writer import retitled

GOLDEN = Path(__file__).parent / "golden"


def test_an_edit_of_one_field_leaves_every_other_byte_as_written() -> None:
    document = AgendaDocument((GOLDEN / "commented.toml").read_text(encoding="utf-8"))
    draft = document.draft()
    draft.phases[1].minutes = "30"
    document.apply(draft)
    expected = (GOLDEN / "commented-teach-minutes-30.toml").read_text(encoding="utf-8")
    assert document.text == expected


@pytest.mark.parametrize("path", shipped_agendas(), ids=lambda p: p.stem)
def test_applying_an_unchanged_draft_changes_no_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    document = AgendaDocument(text)
    document.apply(document.draft())
    assert document.text == text


def test_a_copy_changes_only_the_title() -> None:
    text = (GOLDEN / "commented.toml").read_text(encoding="utf-8")
    copied = retitled(text, "Friday DBT")
    assert copied == text.replace('"Thursday DBT"', '"Friday DBT"')


def test_phases_moved_added_and_removed_keep_their_comments_and_scripts() -> None:
    text = (GOLDEN / "commented.toml").read_text(encoding="utf-8")
    document = AgendaDocument(text)
    draft = document.draft()
    draft.phases.reverse()
    draft.phases.insert(1, DraftPhase(id="break", title="Break", kind="break", minutes="5"))
    del draft.phases[3]  # the check-in
    document.apply(draft)
    loaded = parse_agenda(document.text)
    assert [p.id for p in loaded.phases] == ["closing", "break", "teach"]
    assert "prompts = ['single quotes', \"double quotes\"]" in document.text
    assert "# The closing always ends with homework." in document.text
    assert "# keep short" not in document.text
    assert "[phase.checkin]" not in document.text


def test_a_long_script_is_wrapped_as_the_shipped_templates_are() -> None:
    document = AgendaDocument((GOLDEN / "commented.toml").read_text(encoding="utf-8"))
    draft = document.draft()
    draft.phases[1].script = "Breathe in for four, out for six. " * 10 + '"Quoted" \\ end'
    document.apply(draft)
    assert max(len(line) for line in document.text.split("\n")) <= 100
    assert parse_agenda(document.text).phases[1].script == draft.phases[1].script.strip()


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=120
).filter(lambda s: s.strip() != "")
_LINE = _TEXT.filter(lambda s: "\n" not in s and "\r" not in s)


@st.composite
def agendas(draw: st.DrawFn) -> Agenda:
    count = draw(st.integers(1, 4))
    phases = []
    for n in range(count):
        kind = draw(st.sampled_from(["check-in", "topic", "exercise", "closing", "break"]))
        minutes = draw(st.integers(1, 60))
        phase: dict[str, object] = {
            "id": f"phase-{n}",
            "title": draw(_LINE),
            "kind": kind,
            "minutes": minutes,
            "turns": draw(st.sampled_from(["round", "open", "none"])),
            "prompts": draw(st.lists(_LINE, max_size=3)),
            "script": draw(st.one_of(st.just(""), _TEXT)),
            "homework": draw(st.lists(_LINE, max_size=2)),
        }
        if draw(st.booleans()):
            phase["turn_seconds"] = draw(st.integers(10, 3600))
        if draw(st.booleans()):
            phase["min_minutes"] = draw(st.integers(1, minutes))
        if kind == "check-in" and draw(st.booleans()):
            low = draw(st.integers(0, 50))
            phase["checkin"] = {
                "scale": [low, draw(st.integers(low + 1, 100))],
                "fields": draw(st.lists(_LINE, min_size=1, max_size=3, unique_by=str.strip)),
            }
        phases.append(phase)
    total = sum(int(p["minutes"]) for p in phases)  # type: ignore[call-overload]
    return Agenda.model_validate(
        {
            "agenda": {
                "title": draw(_LINE),
                "kind": draw(st.sampled_from(["skills", "process", "other"])),
                "minutes": draw(st.integers(total, 480)),
                "description": draw(st.one_of(st.just(""), _TEXT)),
            },
            "confidentiality": {
                "reminder": draw(_TEXT),
                "when": draw(st.lists(st.sampled_from(["start", "new-member"]), unique=True)),
            },
            "norms": {"items": draw(st.lists(_LINE, max_size=3))},
            "phase": phases,
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agendas())
def test_any_accepted_agenda_round_trips_through_the_draft_and_the_file(agenda: Agenda) -> None:
    draft = DraftAgenda.from_agenda(agenda)
    assert Agenda.model_validate(draft.to_data()) == agenda
    document = AgendaDocument("")
    document.apply(draft)
    assert parse_agenda(document.text) == agenda
    again = AgendaDocument(document.text)
    assert Agenda.model_validate(again.draft().to_data()) == agenda


@pytest.mark.parametrize("path", shipped_agendas(), ids=lambda p: p.stem)
def test_every_shipped_template_round_trips_through_the_draft(path: Path) -> None:
    agenda = load_agenda(path)
    assert Agenda.model_validate(DraftAgenda.from_agenda(agenda).to_data()) == agenda


_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["move", "delete", "add", "duplicate", "minutes", "script", "prompts"]),
        st.integers(0, 10),
        st.integers(0, 10),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([p.stem for p in shipped_agendas()] + ["commented"]), _OPERATIONS)
def test_any_run_of_edits_writes_a_file_that_reads_back_as_the_form(
    name: str, operations: list[tuple[str, int, int]]
) -> None:
    folder = GOLDEN if name == "commented" else shipped_agendas()[0].parent
    document = AgendaDocument((folder / f"{name}.toml").read_text(encoding="utf-8"))
    draft = document.draft()
    for what, a, b in operations:
        phases = draft.phases
        if what == "add" or not phases:
            phases.insert(
                a % (len(phases) + 1),
                DraftPhase(id=draft.new_phase_id("x"), title="X", kind="topic", minutes="1"),
            )
            continue
        i, j = a % len(phases), b % len(phases)
        if what == "move":
            phases.insert(j, phases.pop(i))
        elif what == "delete" and len(phases) > 1:
            del phases[i]
        elif what == "duplicate":
            twin = phases[i].copy()
            twin.id = draft.new_phase_id(twin.id)
            phases.insert(i + 1, twin)
        elif what == "minutes":
            phases[i].minutes, phases[i].min_minutes = str(1 + b), ""
        elif what == "script":
            phases[i].script = f"Line {b}.\n" + "A long sentence to wrap. " * b
        elif what == "prompts":
            phases[i].prompts = [f"Prompt {n}" for n in range(b % 4)]
        document.apply(draft)  # as the editor does, after every change
    document.apply(draft)
    draft.minutes = "480"
    document.apply(draft)
    assert parse_agenda(document.text) == Agenda.model_validate(draft.to_data())
    # And the file, read again, gives the same form back.
    again = AgendaDocument(document.text).draft()
    assert Agenda.model_validate(again.to_data()) == Agenda.model_validate(draft.to_data())


def test_a_phase_key_the_form_does_not_show_is_carried_through_edits() -> None:
    text = (GOLDEN / "commented.toml").read_text(encoding="utf-8")
    text = text.replace('title = "New skill: TIPP"', 'title = "New skill: TIPP"\nskill = "TIPP"')
    document = AgendaDocument(text)
    draft = document.draft()
    draft.phases.reverse()
    twin = draft.phases[1].copy()
    twin.id = "teach-again"
    draft.phases.append(twin)
    document.apply(draft)
    assert document.text.count('skill = "TIPP"') == 2
    assert draft.phases[1].to_data()["skill"] == "TIPP"


def test_a_wrong_number_stays_as_written_when_another_field_is_edited() -> None:
    text = (GOLDEN / "commented.toml").read_text(encoding="utf-8")
    text = text.replace("minutes = 25", "minutes = 12.5").replace("minutes = 10", "minutes = true")
    document = AgendaDocument(text)
    draft = document.draft()
    draft.title = "Friday DBT"
    document.apply(draft)
    assert document.text == text.replace('"Thursday DBT"', '"Friday DBT"')
