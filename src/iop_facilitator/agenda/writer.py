"""Writing a brand-new agenda as TOML (for `agenda new`), and the starter a new agenda copies.

A new file is written with tomli-w; a copy of a template keeps its text (`retitled`, through
the style-keeping `AgendaDocument`), comments and all.
"""

from __future__ import annotations

import tomli_w

from iop_facilitator.agenda.defaults import STANDARD_REMINDER
from iop_facilitator.agenda.document import AgendaDocument
from iop_facilitator.agenda.model import Agenda

_HEADER = """\
# An iop-facilitator session agenda. Every field is described in docs/agenda.md;
# check your changes with: iop-facilitator agenda validate <this file>

"""


def agenda_to_toml(agenda: Agenda) -> str:
    """The agenda as TOML text that loads back to an equal agenda."""
    data = agenda.model_dump(mode="json", exclude_none=True)
    return _HEADER + tomli_w.dumps(data, multiline_strings=True)


def retitled(text: str, title: str, source: str = "<agenda>") -> str:
    """`text` with only the agenda's title changed; everything else stays byte for byte."""
    document = AgendaDocument(text, source)
    document.set_title(title)
    return document.text


def starter_agenda() -> Agenda:
    """A small, valid agenda to start from when no template is named: check-in, one topic,
    closing with homework."""
    return Agenda.model_validate(
        {
            "agenda": {
                "title": "My group session",
                "kind": "other",
                "minutes": 60,
                "description": "Replace the titles, prompts and script with your own.",
            },
            "confidentiality": {
                "reminder": STANDARD_REMINDER,
                "when": ["start", "new-member"],
            },
            "norms": {
                "items": [
                    "Speak from your own experience",
                    "One person speaks at a time",
                    "It is fine to pass",
                    "Cameras on when you can, and a private space",
                ]
            },
            "phase": [
                {
                    "id": "check-in",
                    "title": "Check-in",
                    "kind": "check-in",
                    "minutes": 15,
                    "turns": "round",
                    "turn_seconds": 90,
                    "prompts": ["How are you arriving today, from 1 to 10?"],
                    "checkin": {"scale": [1, 10], "fields": ["mood"]},
                },
                {
                    "id": "topic",
                    "title": "Today's topic",
                    "kind": "topic",
                    "minutes": 30,
                    "turns": "open",
                    "prompts": ["What stood out to you?"],
                },
                {
                    "id": "closing",
                    "title": "Closing and homework",
                    "kind": "closing",
                    "minutes": 10,
                    "turns": "round",
                    "turn_seconds": 45,
                    "prompts": ["One word for how you are leaving."],
                    "homework": ["Practise one thing from today and note how it went"],
                },
            ],
        }
    )
