"""A table of broken agendas, one per rule, each pinning the file, line, field and words."""

from pathlib import Path
from typing import NamedTuple

import pytest

from iop_facilitator.agenda.errors import AgendaError, Problem
from iop_facilitator.agenda.loader import load_agenda, parse_agenda
from iop_facilitator.errors import ExitCode, UserError
from tests.agenda.agenda_testing import VALID, replaced


class Broken(NamedTuple):
    text: str
    line: int | None  # None: the key is missing, so the file has no line for it
    column: int | None
    field: str
    words: str


BROKEN: dict[str, Broken] = {
    "phase minutes too large": Broken(
        replaced("minutes = 30", "minutes = 300"),
        24,
        1,
        "phase[2].minutes",
        "must be a whole number of minutes between 1 and 240, not 300.",
    ),
    "phase minutes with a fraction": Broken(
        replaced("minutes = 30", "minutes = 12.5"),
        24,
        1,
        "phase[2].minutes",
        "must be a whole number of minutes between 1 and 240, not 12.5.",
    ),
    "phase minutes in quotes": Broken(
        replaced("minutes = 30", 'minutes = "30"'),
        24,
        1,
        "phase[2].minutes",
        'must be a whole number of minutes between 1 and 240, not "30".',
    ),
    "phase minutes as true": Broken(
        replaced("minutes = 30", "minutes = true"),
        24,
        1,
        "phase[2].minutes",
        "not true.",
    ),
    "agenda minutes zero": Broken(
        replaced("minutes = 60", "minutes = 0"),
        4,
        1,
        "agenda.minutes",
        "must be a whole number of minutes between 1 and 480, not 0.",
    ),
    "unknown key with a suggestion": Broken(
        replaced('title = "Skill"', 'title = "Skill"\nduration = 30'),
        23,
        1,
        "phase[2].duration",
        "is not a key of a phase; did you mean 'minutes'?",
    ),
    "misspelt key": Broken(
        replaced("homework = [", "homwork = ["),
        31,
        1,
        "phase[3].homwork",
        "did you mean 'homework'?",
    ),
    "unknown table": Broken(
        VALID + "\n[[phases]]\nid = 'x'\n",
        33,
        1,
        "phases",
        "is not a table an agenda file has; did you mean [[phase]]?",
    ),
    "unknown key in a checkin table": Broken(
        replaced('fields = ["mood"]', 'feilds = ["mood"]'),
        18,
        30,
        "phase[1].checkin.feilds",
        "did you mean 'fields'?",
    ),
    "phase key written below its checkin table": Broken(
        replaced(
            'checkin = { scale = [1, 10], fields = ["mood"] }',
            '[phase.checkin]\nscale = [1, 10]\nprompts = ["How are you arriving?"]',
        ),
        20,
        1,
        "phase[1].checkin.prompts",
        "is not a key of a checkin table but of a phase; keys below the [phase.checkin] line "
        "belong to it, so move this key above that line.",
    ),
    "top-level table written as a key inside another table": Broken(
        replaced('[norms]\nitems = ["One person at a time"]', 'norms = ["One at a time"]'),
        9,
        1,
        "confidentiality.norms",
        "keys below the [confidentiality] line belong to it, so give norms its own [norms] table",
    ),
    "duplicate phase id": Broken(
        replaced('id = "skill"', 'id = "check-in"'),
        21,
        1,
        "phase[2].id",
        'is "check-in", already the id of phase[1]; each phase needs its own id.',
    ),
    "phases longer than the agenda": Broken(
        replaced("minutes = 60", "minutes = 50"),
        4,
        1,
        "agenda.minutes",
        "is 50, but the phases add up to 55 minutes",
    ),
    "checkin on a phase that is not a check-in": Broken(
        replaced('title = "Skill"', 'title = "Skill"\ncheckin = { fields = ["mood"] }'),
        23,
        1,
        "phase[2].checkin",
        'belongs only on a phase of kind "check-in", and this phase is of kind "topic"',
    ),
    "empty agenda title": Broken(
        replaced('title = "Test group"', 'title = "   "'),
        2,
        1,
        "agenda.title",
        "is empty; give it a title the facilitator will see on screen.",
    ),
    "empty phase title": Broken(
        replaced('title = "Closing"', 'title = ""'),
        28,
        1,
        "phase[3].title",
        "is empty; give it a title the facilitator will see on screen.",
    ),
    "missing phase title": Broken(
        replaced('title = "Closing"\n', ""),
        26,
        1,
        "phase[3].title",
        "is missing; it must be the phase's title in quotes.",
    ),
    "empty reminder": Broken(
        replaced('reminder = "What is said here stays here."', 'reminder = "  "'),
        7,
        1,
        "confidentiality.reminder",
        "is empty",
    ),
    "unknown group kind": Broken(
        replaced('kind = "skills"', 'kind = "dbt"'),
        3,
        1,
        "agenda.kind",
        'must be one of "psychoeducational", "process", "skills"',
    ),
    "unknown phase kind": Broken(
        replaced('kind = "topic"', 'kind = "lecture"'),
        23,
        1,
        "phase[2].kind",
        'not "lecture".',
    ),
    "unknown turn mode": Broken(
        replaced('turns = "round"', 'turns = "circle"'),
        17,
        1,
        "phase[1].turns",
        'must be one of "round", "open" or "none", not "circle".',
    ),
    "id not in kebab-case": Broken(
        replaced('id = "skill"', 'id = "Skill Time"'),
        21,
        1,
        "phase[2].id",
        'must be a short name in kebab-case, such as "check-in"',
    ),
    "turn seconds too short": Broken(
        replaced('turns = "round"', 'turns = "round"\nturn_seconds = 5'),
        18,
        1,
        "phase[1].turn_seconds",
        "must be a whole number of seconds between 10 and 3600, not 5.",
    ),
    "min minutes above minutes": Broken(
        replaced("minutes = 30", "minutes = 30\nmin_minutes = 40"),
        25,
        1,
        "phase[2].min_minutes",
        "is 40, more than the phase's 30 minutes",
    ),
    "check-in scale upside down": Broken(
        replaced("scale = [1, 10]", "scale = [10, 1]"),
        18,
        13,
        "phase[1].checkin.scale",
        "is [10, 1]; it must be [low, high] with the low end first",
    ),
    "check-in field asked twice": Broken(
        replaced('fields = ["mood"]', 'fields = ["mood", "mood"]'),
        18,
        30,
        "phase[1].checkin.fields",
        'names "mood" more than once',
    ),
    "empty homework item": Broken(
        replaced('homework = ["Practise once a day"]', 'homework = ["Practise", ""]'),
        31,
        25,
        "phase[3].homework[2]",
        "is empty; it must be a text in quotes that is not empty.",
    ),
    "phase written with single brackets": Broken(
        replaced("[[phase]]", "[phase]", VALID[: VALID.index('[[phase]]\nid = "skill"')]),
        12,
        1,
        "phase",
        "must be one [[phase]] table (with double brackets) for each part of the session",
    ),
    "confidentiality moment unknown": Broken(
        replaced(
            'reminder = "What is said here stays here."',
            'reminder = "What is said here stays here."\nwhen = ["start", "always"]',
        ),
        8,
        18,
        "confidentiality.when[2]",
        'must be one of "start" or "new-member", not "always".',
    ),
    "no phases": Broken(
        VALID[: VALID.index("[[phase]]")],
        None,
        None,
        "phase",
        "is missing: the agenda needs at least one [[phase]] table.",
    ),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=list(BROKEN))
def test_broken_agenda_names_line_column_field_and_expectation(case: Broken) -> None:
    with pytest.raises(AgendaError) as caught:
        parse_agenda(case.text, "group.toml")
    matching = [p for p in caught.value.problems if p.field == case.field]
    assert matching, [str(p) for p in caught.value.problems]
    problem = matching[0]
    assert (problem.file, problem.line, problem.column) == ("group.toml", case.line, case.column)
    assert case.words in problem.message
    where = f", line {case.line}, column {case.column}" if case.line else ""
    assert str(problem).startswith(f"group.toml{where}: {case.field} ")


@pytest.mark.parametrize("case", BROKEN.values(), ids=list(BROKEN))
def test_broken_agenda_reports_that_one_problem_only(case: Broken) -> None:
    with pytest.raises(AgendaError) as caught:
        parse_agenda(case.text, "group.toml")
    assert len(caught.value.problems) == 1, caught.value.report()


def test_every_problem_in_a_file_is_reported_at_once_in_file_order() -> None:
    text = replaced('kind = "skills"', 'kind = "dbt"')
    text = replaced("minutes = 30", "minutes = 200", text)
    text = replaced('turns = "round"', 'turns = "circle"', text)
    text = replaced('id = "closing"', 'id = "check-in"', text)
    text = replaced('title = "Skill"', 'title = "Skill"\ncheckin = { fields = ["x"] }', text)
    with pytest.raises(AgendaError) as caught:
        parse_agenda(text, "group.toml")
    fields = [p.field for p in caught.value.problems]
    assert fields == [
        "agenda.kind",
        "agenda.minutes",
        "phase[1].turns",
        "phase[2].checkin",
        "phase[3].id",
    ]


def test_text_that_is_not_toml_says_so_with_its_line_and_column() -> None:
    text = replaced('title = "Skill"', "title = Skill")
    with pytest.raises(AgendaError) as caught:
        parse_agenda(text, "group.toml")
    assert str(caught.value) == (
        "group.toml, line 22, column 9: this is not valid TOML: a value is not valid: "
        "text must be in quotes, numbers plain digits (see docs/agenda.md for the format)."
    )


def test_an_unterminated_string_points_at_the_end_of_the_file() -> None:
    with pytest.raises(AgendaError) as caught:
        parse_agenda('[agenda]\ntitle = "open', "group.toml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 14)
    assert "a text is missing its closing quote" in problem.message


def test_a_quote_left_open_before_the_next_line_says_the_quote_is_missing() -> None:
    with pytest.raises(AgendaError) as caught:
        parse_agenda('[agenda]\ntitle = "open\nkind = "skills"\n', "group.toml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 14)
    assert "a text is missing its closing quote before the end of the line" in problem.message
    assert "control character" not in problem.message


def test_a_key_given_twice_is_a_toml_error() -> None:
    with pytest.raises(AgendaError) as caught:
        parse_agenda(replaced("minutes = 30", "minutes = 30\nminutes = 20"), "group.toml")
    assert "a key is given a value twice in the same table" in str(caught.value)


def test_an_empty_file_says_what_an_agenda_needs() -> None:
    with pytest.raises(AgendaError) as caught:
        parse_agenda("# nothing yet\n", "group.toml")
    assert str(caught.value) == (
        "group.toml: the file is empty; an agenda needs an [agenda] table and at least one "
        "[[phase]]."
    )


def test_a_missing_file_says_there_is_no_such_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    assert str(caught.value) == f"{path}: there is no such file."


def test_a_path_too_long_for_the_system_is_an_agenda_error() -> None:
    with pytest.raises(AgendaError, match="this path cannot be used"):
        load_agenda("x" * 5000 + ".toml")


def test_a_path_with_a_nul_byte_is_an_agenda_error() -> None:
    with pytest.raises(AgendaError):
        load_agenda("a\x00b.toml")


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(AgendaError) as caught:
        load_agenda(tmp_path)
    assert "this is a folder, not an agenda file" in str(caught.value)


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.replace("Test group", "Gruppe für Eltern").encode("latin-1"))
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 18)
    assert "this is not UTF-8 text" in problem.message
    assert "save the file as plain text with the UTF-8 encoding" in problem.message


def test_a_binary_file_is_called_not_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    assert "this is not a text file" in str(caught.value)


def test_a_file_too_large_to_be_an_agenda_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text("# x\n" * 300_000, encoding="utf-8")
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    assert "larger than 1 MB" in str(caught.value)


def test_a_byte_order_mark_from_a_windows_editor_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert load_agenda(path).title == "Test group"


def test_deep_nesting_is_refused_without_a_recursion_error() -> None:
    with pytest.raises(AgendaError) as caught:
        parse_agenda("x = " + "[" * 5000 + "]" * 5000, "deep.toml")
    assert "deep.toml" in str(caught.value)


def test_an_agenda_error_is_a_user_error_with_the_invalid_input_exit_code() -> None:
    with pytest.raises(UserError) as caught:
        parse_agenda("x = 1", "group.toml")
    assert caught.value.exit_code is ExitCode.INVALID_INPUT


def test_several_problems_make_a_one_line_message_that_points_to_validate() -> None:
    text = replaced('kind = "skills"', 'kind = "dbt"', replaced("minutes = 30", "minutes = 0"))
    with pytest.raises(AgendaError) as caught:
        parse_agenda(text, "group.toml")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("group.toml has 2 problems; the first: group.toml, line 3")
    assert message.endswith("Run 'iop-facilitator agenda validate group.toml' to see them all.")


def test_the_report_lists_every_problem_on_its_own_line() -> None:
    text = replaced('kind = "skills"', 'kind = "dbt"', replaced("minutes = 30", "minutes = 0"))
    with pytest.raises(AgendaError) as caught:
        parse_agenda(text, "group.toml")
    assert caught.value.report().splitlines() == [str(p) for p in caught.value.problems]


def test_a_problem_without_a_position_names_only_the_file() -> None:
    assert str(Problem("a.toml", None, None, "", "there is no such file.")) == (
        "a.toml: there is no such file."
    )
