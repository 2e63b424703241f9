import tomllib
from typing import Any

import tomli_w
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from iop_facilitator.agenda.source_positions import (
    FieldPath,
    SourcePosition,
    key_positions,
    position_of,
)

TRICKY = '''\
# a comment with [[phase]] and key = "value" in it
[agenda]
"title" = "A \\"quoted\\" title # not a comment"
description = """
[[phase]]
id = "not-a-phase"
"""

[[phase]]
id = 'C:\\path'
checkin = { scale = [1, 10], fields = ["mood", "urges"] }

[[phase]]
prompts = [
    "first", # a comment
    'second',
]
[phase.checkin]
scale.low = 0
'''


def test_a_table_header_is_found_at_its_bracket() -> None:
    assert key_positions(TRICKY)[("agenda",)] == SourcePosition(2, 1)


def test_a_quoted_key_is_found_under_its_unquoted_name() -> None:
    assert key_positions(TRICKY)[("agenda", "title")] == SourcePosition(3, 1)


def test_text_inside_a_multiline_string_is_not_read_as_a_table() -> None:
    positions = key_positions(TRICKY)
    assert positions[("phase", 0)] == SourcePosition(9, 1)
    assert ("phase", 2) not in positions


def test_each_array_of_tables_entry_is_numbered_in_order() -> None:
    positions = key_positions(TRICKY)
    assert positions[("phase", 0, "id")] == SourcePosition(10, 1)
    assert positions[("phase", 1)] == SourcePosition(13, 1)


def test_keys_inside_an_inline_table_have_their_own_columns() -> None:
    positions = key_positions(TRICKY)
    assert positions[("phase", 0, "checkin", "scale")] == SourcePosition(11, 13)
    assert positions[("phase", 0, "checkin", "fields", 1)] == SourcePosition(11, 48)


def test_items_of_a_multiline_list_are_found_on_their_own_lines() -> None:
    positions = key_positions(TRICKY)
    assert positions[("phase", 1, "prompts", 0)] == SourcePosition(15, 5)
    assert positions[("phase", 1, "prompts", 1)] == SourcePosition(16, 5)


def test_a_sub_table_header_belongs_to_the_latest_array_entry() -> None:
    positions = key_positions(TRICKY)
    assert positions[("phase", 1, "checkin")] == SourcePosition(18, 1)
    assert positions[("phase", 1, "checkin", "scale", "low")] == SourcePosition(19, 7)


def test_a_parent_table_without_a_header_is_found_at_its_first_sub_table() -> None:
    assert key_positions("[a.b]\nc = 1\n")[("a",)] == SourcePosition(1, 1)


def test_a_missing_key_falls_back_to_its_table() -> None:
    positions = key_positions(TRICKY)
    assert position_of(positions, ("phase", 1, "title")) == SourcePosition(13, 1)


def test_a_path_with_no_recorded_parent_has_no_position() -> None:
    assert position_of(key_positions(TRICKY), ("confidentiality", "reminder")) is None


def test_columns_count_characters_not_bytes() -> None:
    positions = key_positions('[agenda]\ntitle = "é—é"\nkind = ["é", "x"]\n')
    assert positions[("agenda", "kind", 1)] == SourcePosition(3, 14)


_NAMES = st.text(st.sampled_from("abcdefgh_-é "), min_size=1, max_size=6)
_LEAVES = st.integers() | st.text(max_size=10) | st.booleans() | st.dates()
_TREES = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_NAMES, inner, max_size=3),
    max_leaves=15,
)


def _keys(data: Any, path: FieldPath = ()) -> list[FieldPath]:
    found: list[FieldPath] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += [(*path, key), *_keys(value, (*path, key))]
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found += _keys(value, (*path, n))
    return found


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_NAMES, _TREES, max_size=4), st.booleans())
def test_every_key_of_any_document_is_found_on_a_line_that_names_it(
    data: dict[str, Any], multiline: bool
) -> None:
    text = tomli_w.dumps(data, multiline_strings=multiline)
    # tomli-w writes a "\r\n" inside a multi-line string that TOML reads back as "\n": that
    # document is not the one generated, so it says nothing about the positions.
    assume(tomllib.loads(text) == data)
    positions = key_positions(text)
    lines = text.split("\n")
    for path in _keys(data):
        where = positions[path]
        assert isinstance(path[-1], str)
        assert path[-1].split(" ")[0] in lines[where.line - 1], (path, where, text)


def test_windows_line_endings_give_the_same_positions() -> None:
    crlf = TRICKY.replace("\n", "\r\n")
    assert tomllib.loads(crlf) == tomllib.loads(TRICKY)
    assert key_positions(crlf) == key_positions(TRICKY)
