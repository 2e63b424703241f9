"""Progress-note drafts refer to a member with the member's own pronouns."""

from __future__ import annotations

from iop_facilitator.session.group import Group
from iop_facilitator.session.notes import note_draft
from iop_facilitator.wording import possessive
from tests.session.session_testing import all_present, make_group, start_engine


def _first_session_text(group: Group, member_id: str) -> str:
    engine, _, _ = start_engine(group, first_time=[member_id])
    all_present(engine, group)
    engine.end_session()
    return note_draft(engine.summary()).member(member_id).text


def test_a_first_session_uses_the_members_pronouns() -> None:
    group = make_group()
    maria = group.members[0]
    assert maria.pronouns == "she/her"
    assert "This was her first session." in _first_session_text(group, maria.id)


def test_a_first_session_says_their_when_no_pronouns_are_given() -> None:
    group = make_group()
    maria = group.members[0].model_copy(update={"pronouns": ""})
    group = group.model_copy(update={"members": [maria, *group.members[1:]]})
    assert "This was their first session." in _first_session_text(group, maria.id)


def test_pronouns_this_program_does_not_know_give_the_name() -> None:
    assert possessive("Sam O.", "fae/faer") == "Sam O.'s"


def test_he_him_gives_his() -> None:
    assert possessive("James T.", "he/him") == "his"
