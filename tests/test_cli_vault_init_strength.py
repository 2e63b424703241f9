"""Issue 10 item 15: `vault init` checks a new passphrase's length before asking to confirm
it, and says how strong it is."""

from __future__ import annotations

import pytest

from iop_facilitator.cli.vault_commands import _checking, strength_words
from iop_facilitator.vault.errors import PassphraseSourceError
from iop_facilitator.vault.passphrase import resolve_new_passphrase


def test_a_short_passphrase_is_refused_before_it_is_asked_again() -> None:
    asked: list[str] = []

    def prompt(question: str) -> str:
        asked.append(question)
        return "short"

    with pytest.raises(PassphraseSourceError, match="at least"):
        resolve_new_passphrase(passphrase_file=None, prompt=_checking(prompt), environ={})
    assert asked == ["New passphrase"]


def test_strength_is_said_in_words() -> None:
    assert strength_words("correct horse battery staple").startswith("Strength: strong")
    assert strength_words("abcdefghijkl").startswith("Strength: weak")
