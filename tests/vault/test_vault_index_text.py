"""The index is held as each entry's JSON text, cut out without decoding the rest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from iop_facilitator.vault import Vault
from iop_facilitator.vault.index_text import IndexedRecord
from iop_facilitator.vault.index_text import IndexText as _IndexText
from iop_facilitator.vault.snapshot import open_snapshot
from tests.vault.vault_testing import PASSPHRASE

AWKWARD: dict[str, dict[str, Any]] = {
    'Zoë "Z" \\ Ø': {"name": "Zoë — 8 members", "quote": 'say "hi"\n', "n": [1, 2.5, None]},
    "plain": {"nested": {"deep": [{"a": True}]}, "empty": {}, "list": []},
}


def test_entries_with_any_characters_read_back_after_a_fresh_unlock(
    vault: Vault, vault_dir: Path
) -> None:
    with vault.batch():
        for record_id, entry in AWKWARD.items():
            vault.put("session", record_id, b"", index_entry=entry)
        vault.put("session", "no entry", b"")
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.index_entries("session") == AWKWARD
    assert reopened.ids("session") == sorted([*AWKWARD, "no entry"])


def test_entries_as_text_decode_to_the_same_entries(vault: Vault, vault_dir: Path) -> None:
    for record_id, entry in AWKWARD.items():
        vault.put("session", record_id, b"", index_entry=entry)
    texts = Vault.unlock(vault_dir, PASSPHRASE).index_entries_json("session")
    assert {rid: json.loads(text) for rid, text in texts.items()} == AWKWARD


def test_the_index_snapshot_holds_the_compact_ascii_json_of_its_contents(
    vault: Vault, vault_dir: Path
) -> None:
    with vault.batch():
        for record_id, entry in AWKWARD.items():
            vault.put("session", record_id, b"", index_entry=entry)
    vault._index.compact()
    _, text = open_snapshot(vault._keys, (vault_dir / "index").read_bytes())
    payload = text.encode("ascii")
    decoded = json.loads(payload)
    assert payload == json.dumps(decoded, separators=(",", ":")).encode("ascii")
    assert decoded["records"]["session"]['Zoë "Z" \\ Ø'][1] == AWKWARD['Zoë "Z" \\ Ø']


def test_an_index_with_any_spacing_and_unescaped_text_is_read() -> None:
    index = {
        "records": {"session": {rid: [3, e] for rid, e in AWKWARD.items()}, "group": {}},
        "finished_sessions": ["live-1"],
        "a later key": {"ignored": [1]},
    }
    text = json.dumps(index, indent=3, ensure_ascii=False)
    records, finished = _IndexText(text).read()
    assert finished == {"live-1"}
    assert records["group"] == {}
    assert {rid: (r.rev, r.entry) for rid, r in records["session"].items()} == {
        rid: (3, e) for rid, e in AWKWARD.items()
    }


def test_an_indexed_record_without_an_entry_has_none() -> None:
    assert IndexedRecord.of(1, None).entry is None
    assert _IndexText('{"records":{"k":{"a":[1,null]}},"finished_sessions":[]}').read()[0]["k"][
        "a"
    ] == IndexedRecord(1, None)


def test_an_index_with_unescaped_text_can_be_written_again() -> None:
    # A vault whose index was written with ensure_ascii=False (as format 1 first did) must
    # keep saving: every entry read from it is written back as ASCII JSON.
    index = {
        "records": {"session": {rid: [3, e] for rid, e in AWKWARD.items()}},
        "finished_sessions": [],
    }
    records, _ = _IndexText(json.dumps(index, ensure_ascii=False)).read()
    for record_id, record in records["session"].items():
        assert record.entry_json is not None and record.entry_json.isascii()
        assert json.loads(record.entry_json) == AWKWARD[record_id]
