"""Small pieces of English shared by the notes, review, export and the apps."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, plural unless it is one: "1 session", "3 sessions", "1 hit"."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {plural or noun + 's'}"


def full_stop(text: str) -> str:
    """`text` ending with exactly one full stop, also after a name or initials that end with
    one ("S.O." stays "S.O.", never "S.O..")."""
    return text if text.endswith((".", "!", "?")) else text + "."


POSSESSIVES = {"she": "her", "he": "his", "they": "their", "it": "its", "xe": "xyr", "ze": "zir"}


def possessive(name: str, pronouns: str) -> str:
    """The word for "their" of a person with these pronouns ("she/her" -> "her"; none given:
    "their"); pronouns this does not know give the name instead ("Sam O.'s")."""
    first = pronouns.replace(",", "/").split("/")[0].strip().casefold()
    if not first:
        return "their"
    return POSSESSIVES.get(first, f"{name}'s")
