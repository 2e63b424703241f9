"""A save writes the same number of bytes whatever the vault holds (format 2's point).

A count of bytes, not a time: every `os.write` during one put is added up, in a vault of a few
records and in one of many, with records of the same sizes.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from iop_facilitator.vault import Vault

_ENTRY = {"date": "2026-11-24", "group": "Tuesday", "title": "x" * 200}


def _fill(vault: Vault, count: int) -> None:
    with vault.batch():
        for number in range(count):
            vault.put("session", f"s{number:06d}", b"n" * 2000, index_entry=_ENTRY)


def _bytes_written_by_puts(vault: Vault, monkeypatch: pytest.MonkeyPatch, first: int) -> int:
    """What five puts (three new records, two changed) write, in bytes."""
    written = [0]
    real_write = os.write

    def counting(fd: int, data: Any) -> int:
        done = real_write(fd, data)
        written[0] += done
        return done

    monkeypatch.setattr(os, "write", counting)
    for number in (first, first + 1, first + 2, 0, 1):
        vault.put("session", f"s{number:06d}", b"m" * 2000, index_entry=_ENTRY)
    monkeypatch.undo()
    return written[0]


def test_bytes_written_per_put_do_not_grow_with_the_number_of_records(
    made: tuple[Vault, str], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = made[0]
    _fill(small, 10)
    small._index.compact()
    large, _ = Vault.init(tmp_path / "large", "passphrase", kdf=small.kdf)
    _fill(large, 400)
    large._index.compact()
    in_small = _bytes_written_by_puts(small, monkeypatch, 10)
    in_large = _bytes_written_by_puts(large, monkeypatch, 400)
    assert in_small == in_large
    # Each put writes its object (the 2,000 bytes and a little) and one log frame.
    assert in_small < 5 * 3000


def test_a_long_log_is_compacted_into_the_snapshot_and_reads_the_same(
    vault: Vault, vault_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("iop_facilitator.vault.index._COMPACT_MIN_BYTES", 1024)
    generations = set()
    for number in range(60):
        vault.put("session", f"s{number}", b"x", index_entry={"n": number})
        generations.add(vault._index.generation)
    reopened = Vault.unlock(vault_dir, "correct horse battery staple")
    assert len(generations) > 2  # compacted along the way
    assert reopened.index_entries("session") == {f"s{n}": {"n": n} for n in range(60)}
    assert reopened.problems == []


def test_a_change_reads_back_from_its_frame_with_the_entry_as_text() -> None:
    from iop_facilitator.vault.index_log import Change

    change = Change("session", 'a "b" ø', 3, '{"x":[1,"\\u00f8"]}', "live-1")
    assert Change.from_bytes(change.to_bytes()) == change
    assert Change.from_bytes(Change("group", "g", 1, None).to_bytes()).entry_json is None
