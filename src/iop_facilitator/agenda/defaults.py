"""What an agenda gets when its author left something out that a group session cannot go without.

A group session always has a confidentiality reminder to read: an agenda without a
`[confidentiality]` table gets the standard one below, and every place that shows the agenda
(`agenda validate`, `agenda show`, the editor) says so, so the author can put their own words.
"""

from __future__ import annotations

from typing import Any

STANDARD_REMINDER = (
    "A reminder before we begin: what members share here stays here. You are welcome to talk "
    "about what you learned, but not about who said what. Please be in a private space, use "
    "headphones if anyone is nearby, and do not record. The limits are the ones we discussed "
    "at intake: if someone is at risk of serious harm, we will act to keep them safe."
)

MISSING_REMINDER_NOTICE = (
    "there is no [confidentiality] table, so the standard reminder is read aloud; "
    "add one to use your own words (see docs/agenda.md)."
)


def lacks_reminder(data: dict[str, Any]) -> bool:
    """Whether the raw TOML data of an agenda has no `[confidentiality]` table at all."""
    return "confidentiality" not in data


def with_standard_reminder(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with the standard reminder as its `[confidentiality]` table if it had none.

    A table that is there but wrong (an empty reminder) is left for the loader to report:
    only a missing table is filled in.
    """
    if not lacks_reminder(data):
        return data
    return {**data, "confidentiality": {"reminder": STANDARD_REMINDER}}


def notices(data: dict[str, Any]) -> list[str]:
    """Sentences about what was filled in for the author (empty when nothing was)."""
    return [MISSING_REMINDER_NOTICE] if lacks_reminder(data) else []
