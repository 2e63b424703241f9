"""One table of the record kinds: the format document lists them, `vault check` knows them."""

from __future__ import annotations

from pathlib import Path

from iop_facilitator.record_kinds import RECORD_KINDS
from iop_facilitator.vault import KdfParams, Vault
from iop_facilitator.vault.check import check_vault

FORMAT_DOC = Path(__file__).parents[1] / "docs" / "vault-format.md"


def test_the_format_document_lists_every_kind_with_its_writer() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    missing = [
        kind.value
        for kind in RECORD_KINDS
        if f"| `{kind.value}` | `{kind.about.written_by}` |" not in text
    ]
    assert missing == []


def test_vault_check_notes_a_kind_the_program_does_not_write(tmp_path: Path) -> None:
    vault, _ = Vault.init(tmp_path / "vault", "a passphrase", kdf=KdfParams.for_tests())
    for kind in RECORD_KINDS:
        vault.put(kind, "one", b"{}")
    vault.put("stranger", "one", b"{}")
    report = check_vault(vault)
    assert (report.ok, [note.message for note in report.notes]) == (
        True,
        ["records of kind 'stranger', which this version of the program does not write"],
    )
