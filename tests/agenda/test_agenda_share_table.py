"""The phase's `share` table: read as written, refused in the loader's usual sentences."""

from __future__ import annotations

import pytest

from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import parse_agenda

_AGENDA = """
[agenda]
title = "T"
kind = "skills"
minutes = 30

[confidentiality]
reminder = "Stays here."

[[phase]]
id = "practice"
title = "Practice"
kind = "exercise"
minutes = 10
{share}
"""


def _problems(share: str) -> list[str]:
    with pytest.raises(AgendaError) as raised:
        parse_agenda(_AGENDA.format(share=share), "a.toml")
    return [f"{p.field} {p.message}" for p in raised.value.problems]


def test_a_share_table_is_read() -> None:
    agenda = parse_agenda(_AGENDA.format(share='share = { countdown = false, text = "Sit."}'))
    phase = agenda.phases[0]
    assert (phase.shows_countdown, phase.shows_prompts, phase.shared_text) == (False, True, "Sit.")


def test_a_quoted_true_is_refused_with_what_to_write() -> None:
    assert _problems('share = { countdown = "yes" }') == [
        'phase[1].share.countdown must be true or false (without quotes), not "yes".'
    ]


def test_an_unknown_key_of_share_gets_a_suggestion() -> None:
    assert _problems("share = { prompt = true }") == [
        "phase[1].share.prompt is not a key of a share table; did you mean 'prompts'?"
    ]


def test_a_share_that_is_not_a_table_says_what_it_must_be() -> None:
    problems = _problems("share = true")
    assert problems == [
        'phase[1].share must be a table such as { countdown = true, prompts = true, text = "…" }'
        ", not true."
    ]
