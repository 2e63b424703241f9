"""Both apps declare their keys one way: from their `keys` module, every binding with an id."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from iop_facilitator.tui.common import keys as common_keys
from iop_facilitator.tui.common.keys import key_label
from iop_facilitator.tui.review import keys as review_keys
from iop_facilitator.tui.runner import keys as runner_keys


def _lists(module: object) -> list[list[BindingType]]:
    return [
        value
        for value in vars(module).values()
        if isinstance(value, list) and value and isinstance(value[0], Binding)
    ]


def test_every_binding_of_both_apps_has_an_id() -> None:
    for module in (runner_keys, review_keys, common_keys):
        for bindings in _lists(module):
            for binding in bindings:
                assert isinstance(binding, Binding) and binding.id, binding


def test_ids_say_where_and_what() -> None:
    assert runner_keys.SESSION[1].id == "session.next-speaker"  # type: ignore[union-attr]
    assert runner_keys.MEMBER_TURNS[2].id == "session.member-turn-2"  # type: ignore[union-attr]
    assert review_keys.VIEWS[0].id == "review.view-sessions"  # type: ignore[union-attr]


def test_key_labels_read_as_a_person_presses_them() -> None:
    labels = {
        "ctrl+s": "Ctrl+S",
        "escape": "Esc",
        "up,k": "↑ / k",
        "n,escape": "n / Esc",
        "exclamation_mark": "!",
        "E": "E",
        "slash": "/",
    }
    for key, label in labels.items():
        assert key_label(Binding(key, "x")) == label
    assert key_label(Binding("f1", "x", key_display="F1")) == "F1"


def test_question_mark_is_the_same_binding_in_both_apps() -> None:
    runner = {
        b.action for b in runner_keys.SESSION if isinstance(b, Binding) and b.key == "question_mark"
    }
    review = {
        b.action for b in review_keys.VIEWS if isinstance(b, Binding) and b.key == "question_mark"
    }
    assert runner == review == {"keys"}
