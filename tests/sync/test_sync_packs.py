"""Packs hold many objects in one envelope and give them back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iop_facilitator.sync.packs import PackError, decode, encode, group

entries = st.lists(st.tuples(st.text(min_size=1, max_size=40), st.binary(max_size=300)))


@given(entries)
def test_a_pack_gives_back_what_it_was_given(items: list[tuple[str, bytes]]) -> None:
    assert decode(encode(items)) == items


def test_a_pack_cut_short_does_not_parse() -> None:
    whole = encode([("session/1", b"x" * 50)])
    for end in range(1, len(whole)):
        with pytest.raises(PackError):
            decode(whole[:end])


def test_objects_are_grouped_up_to_the_limit_and_a_large_one_alone() -> None:
    sizes = [("a", 40), ("b", 40), ("c", 40), ("big", 500), ("d", 10)]
    assert group(sizes, limit=100) == [["a", "b"], ["c"], ["big"], ["d"]]
