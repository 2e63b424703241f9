"""Groups and members: stable ids, display names that change, archived members kept."""

from __future__ import annotations

from datetime import date

import pytest

from iop_facilitator.errors import UserError
from iop_facilitator.session.demo import demo_group
from iop_facilitator.session.errors import MemberNotFound
from iop_facilitator.session.group import Group, initials_of
from tests.session.session_testing import start_engine


@pytest.mark.parametrize(
    ("name", "initials"),
    [("Maria Lopez", "M.L."), ("Maria L.", "M.L."), ("JT", "J.T."), ("sam", "S.")],
)
def test_initials_of_a_display_name(name: str, initials: str) -> None:
    assert initials_of(name) == initials


def test_renaming_keeps_the_member_id(group: Group) -> None:
    before = group.members[0].id
    group.rename_member("Maria L.", "Mari L.")
    assert group.member("Mari L.").id == before


def test_archived_member_stays_in_the_roster_history(group: Group) -> None:
    group.archive_member("Sam O.", on=date(2026, 12, 1))
    assert ("Sam O." in [m.name for m in group.members], len(group.active_members)) == (True, 7)


def test_archived_member_is_not_in_new_sessions(group: Group) -> None:
    group.archive_member("Sam O.", on=date(2026, 12, 1))
    engine = start_engine(group)[0]
    assert "Sam O." not in [m.name for m in engine.state.members.values()]


def test_unknown_member_is_a_sentence(group: Group) -> None:
    with pytest.raises(MemberNotFound, match="has no member called Zed"):
        group.member("Zed")


def test_two_active_members_with_one_name_need_the_id(group: Group) -> None:
    group.add_member("Maria L.", on=date(2026, 12, 1))
    with pytest.raises(MemberNotFound, match="More than one member"):
        group.member("maria l.")


def test_an_empty_name_is_refused_with_a_sentence(group: Group) -> None:
    with pytest.raises(UserError, match="A member needs a name"):
        group.rename_member("Maria L.", "   ")


def test_demo_group_has_eight_members_with_pronouns_and_goals() -> None:
    group = demo_group()
    assert len(group.members) == 8
    assert all(m.pronouns and m.goals for m in group.members)
    assert len({m.shown_initials for m in group.members}) == 8


def test_group_round_trips_through_json(group: Group) -> None:
    assert Group.model_validate_json(group.model_dump_json()) == group
