"""Whatever text or TOML the loader is fed, it returns an agenda or raises AgendaError."""

import string
import tomllib

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import parse_agenda
from iop_facilitator.agenda.model import Agenda
from tests.agenda.agenda_testing import VALID

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_KEYS = st.sampled_from(
    ["agenda", "phase", "title", "kind", "minutes", "id", "checkin", "scale", "fields",
     "prompts", "homework", "turns", "turn_seconds", "min_minutes", "confidentiality",
     "reminder", "when", "norms", "items", "x", "Minutes", "ph ase"]
)  # fmt: skip
_SCALARS = (
    st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.text(max_size=20)
    | st.sampled_from(["check-in", "closing", "topic", "skills", "round", "start"])
    | st.dates()
    | st.datetimes()
    | st.times()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)
_TOML_CHARS = st.sampled_from([*string.printable, "é", "—", "\ufeff", "\x00", "\ud7ff"])


def _assert_agenda_or_agenda_error(text: str) -> None:
    try:
        assert isinstance(parse_agenda(text, "fuzz.toml"), Agenda)
    except AgendaError as error:
        assert error.problems
        lines = text.count("\n") + 1
        for problem in error.problems:
            assert problem.message
            assert problem.line is None or 1 <= problem.line <= lines


@FUZZ
@given(st.text(max_size=300))
def test_random_text_gives_an_agenda_or_an_agenda_error(text: str) -> None:
    _assert_agenda_or_agenda_error(text)


@FUZZ
@given(st.dictionaries(_KEYS, _VALUES, max_size=6))
def test_random_toml_documents_give_an_agenda_or_an_agenda_error(data: dict[str, object]) -> None:
    _assert_agenda_or_agenda_error(tomli_w.dumps(data))


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID)), st.integers(0, 8), st.text(_TOML_CHARS, max_size=6)),
        min_size=1,
        max_size=4,
    )
)
def test_a_valid_agenda_with_random_edits_gives_an_agenda_or_an_agenda_error(
    edits: list[tuple[int, int, str]],
) -> None:
    text = VALID
    for at, removed, inserted in edits:
        text = text[:at] + inserted + text[at + removed :]
    _assert_agenda_or_agenda_error(text)


@FUZZ
@given(st.sampled_from(["minutes", "kind", "title", "checkin", "id", "prompts"]), _VALUES)
def test_a_random_value_in_a_phase_is_reported_on_that_phase_with_a_line(
    key: str, value: object
) -> None:
    data = tomllib.loads(VALID)
    data["phase"][1][key] = value
    text = tomli_w.dumps(data)
    _assert_agenda_or_agenda_error(text)
    try:
        parse_agenda(text, "fuzz.toml")
    except AgendaError as error:
        for problem in error.problems:
            if problem.field.startswith("phase[2]."):
                assert problem.line is not None, str(problem)
