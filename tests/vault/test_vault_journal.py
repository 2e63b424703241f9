"""The live journal: whole records survive a cut anywhere; damage before the end is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_facilitator.vault import (
    JournalDamagedError,
    Vault,
    VaultError,
    VaultLockedError,
    VaultNewerError,
)
from tests.vault.vault_testing import PASSPHRASE

RECORDS = [b"present:A", b"present:B", b"turn:A" * 3, b"note", b"end"]


def _journal_path(vault_dir: Path) -> Path:
    (path,) = (vault_dir / "journals").iterdir()
    return path


def _write_journal(vault: Vault, records: list[bytes]) -> None:
    with vault.open_journal("live") as journal:
        for record in records:
            journal.append(record)


def test_appended_records_read_back_in_order(vault: Vault) -> None:
    with vault.open_journal("live") as journal:
        for record in RECORDS:
            journal.append(record)
        assert journal.read().records == RECORDS


def test_append_returns_consecutive_sequence_numbers(vault: Vault) -> None:
    with vault.open_journal("live") as journal:
        assert [journal.append(b"x") for _ in range(3)] == [0, 1, 2]


def test_reopening_continues_after_the_last_record(vault: Vault, vault_dir: Path) -> None:
    _write_journal(vault, RECORDS[:2])
    with Vault.unlock(vault_dir, PASSPHRASE).open_journal("live") as journal:
        assert journal.append(b"third") == 2
        assert journal.read().records == [*RECORDS[:2], b"third"]


def test_a_cut_at_every_byte_keeps_exactly_the_whole_records_before_it(
    vault: Vault, vault_dir: Path
) -> None:
    _write_journal(vault, RECORDS)
    path = _journal_path(vault_dir)
    full = path.read_bytes()
    # Where each record ends, so the expected survivors of a cut at `size` are known.
    ends = []
    header = 28 + int.from_bytes(full[26:28], "big")
    position = header
    for record in RECORDS:
        position += 8 + 12 + len(record) + 16
        ends.append(position)
    assert ends[-1] == len(full)
    wrong = []
    for size in range(len(full) + 1):
        path.write_bytes(full[:size])
        with vault.open_journal("live") as journal:
            got = journal.read()
        expected = RECORDS[: sum(1 for end in ends if end <= size)]
        torn = size not in (*ends, header)
        if got.records != expected or (got.torn_tail is not None) != torn:
            wrong.append(size)
    assert wrong == []


def test_a_torn_tail_is_cut_so_the_next_append_is_readable(vault: Vault, vault_dir: Path) -> None:
    _write_journal(vault, RECORDS[:2])
    path = _journal_path(vault_dir)
    path.write_bytes(path.read_bytes()[:-5])
    with vault.open_journal("live") as journal:
        assert journal.torn_tail is not None
        journal.append(b"after the crash")
    with vault.open_journal("live") as journal:
        assert journal.read().records == [RECORDS[0], b"after the crash"]


def test_a_torn_tail_is_reported_to_every_opener_until_an_append_cuts_it(
    vault: Vault, vault_dir: Path
) -> None:
    _write_journal(vault, RECORDS[:2])
    path = _journal_path(vault_dir)
    path.write_bytes(path.read_bytes()[:-5])
    vault.open_journal("live").close()  # e.g. listing unfinished sessions
    with vault.open_journal("live") as journal:
        assert journal.torn_tail is not None
        journal.append(b"resumed")
    with vault.open_journal("live") as journal:
        assert journal.torn_tail is None


def test_a_changed_byte_before_the_end_is_reported_as_damage(vault: Vault, vault_dir: Path) -> None:
    _write_journal(vault, RECORDS)
    path = _journal_path(vault_dir)
    data = bytearray(path.read_bytes())
    data[-60] ^= 0x01  # inside the fourth record, the fifth intact
    path.write_bytes(bytes(data))
    with pytest.raises(JournalDamagedError, match="while later entries are intact") as caught:
        vault.open_journal("live")
    assert caught.value.records == RECORDS[:3]


def _frames(vault_dir: Path) -> tuple[bytes, list[bytes]]:
    data = _journal_path(vault_dir).read_bytes()
    header_end = 28 + int.from_bytes(data[26:28], "big")
    frames, pos = [], header_end
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        frames.append(data[pos : pos + 8 + length])
        pos += 8 + length
    return data[:header_end], frames


def test_a_dropped_frame_is_reported_as_damage(vault: Vault, vault_dir: Path) -> None:
    _write_journal(vault, RECORDS)
    header, frames = _frames(vault_dir)
    _journal_path(vault_dir).write_bytes(header + b"".join(frames[:1] + frames[2:]))
    with pytest.raises(JournalDamagedError, match="missing or out of order"):
        vault.open_journal("live")


def test_two_swapped_frames_are_reported_as_damage(vault: Vault, vault_dir: Path) -> None:
    _write_journal(vault, RECORDS)
    header, frames = _frames(vault_dir)
    frames[1], frames[2] = frames[2], frames[1]
    _journal_path(vault_dir).write_bytes(header + b"".join(frames))
    with pytest.raises(JournalDamagedError):
        vault.open_journal("live")


def test_a_replayed_frame_is_reported_as_damage(vault: Vault, vault_dir: Path) -> None:
    _write_journal(vault, RECORDS)
    header, frames = _frames(vault_dir)
    _journal_path(vault_dir).write_bytes(header + b"".join([*frames[:2], frames[1], *frames[2:]]))
    with pytest.raises(JournalDamagedError):
        vault.open_journal("live")


def test_a_frame_replayed_at_the_end_is_not_taken_as_a_record(
    vault: Vault, vault_dir: Path
) -> None:
    _write_journal(vault, RECORDS[:2])
    header, frames = _frames(vault_dir)
    _journal_path(vault_dir).write_bytes(header + b"".join([*frames, frames[0]]))
    # Whole in length, so not a torn write: damage, with the records before it kept.
    with pytest.raises(JournalDamagedError, match="whole but changed") as caught:
        vault.open_journal("live")
    assert caught.value.records == RECORDS[:2]


def test_a_journal_of_another_session_is_rejected(vault: Vault, vault_dir: Path) -> None:
    _write_journal(vault, RECORDS[:1])
    data = _journal_path(vault_dir).read_bytes()
    with vault.open_journal("other"):
        pass
    other = next(p for p in (vault_dir / "journals").iterdir() if p.read_bytes() != data)
    other.write_bytes(data)
    with pytest.raises(JournalDamagedError):
        vault.open_journal("other")


def test_a_second_opener_of_a_live_session_is_refused_with_the_holder(
    vault: Vault, vault_dir: Path
) -> None:
    other = Vault.unlock(vault_dir, PASSPHRASE)
    with (
        vault.open_journal("live"),
        pytest.raises(VaultLockedError, match=r"This session is in use .*process \d+ on "),
    ):
        other.open_journal("live")


def test_closing_a_journal_lets_another_copy_open_it(vault: Vault, vault_dir: Path) -> None:
    first = vault.open_journal("live")
    first.append(b"saved before closing")
    first.close()
    with Vault.unlock(vault_dir, PASSPHRASE).open_journal("live") as second:
        assert second.read().records == [b"saved before closing"]


def test_an_open_journal_is_listed_as_unfinished(vault: Vault) -> None:
    _write_journal(vault, RECORDS[:1])
    assert vault.unfinished_sessions() == ["live"]


def test_finishing_a_session_stores_its_record_and_removes_its_journal(
    vault: Vault, vault_dir: Path
) -> None:
    journal = vault.open_journal("live")
    journal.append(b"event")
    vault.finish_session("live", "session", "live", b"summary", {"date": "2026-11-23"})
    assert vault.get("session", "live") == b"summary"
    assert vault.unfinished_sessions() == []
    assert list((vault_dir / "journals").iterdir()) == []


def test_a_finished_session_cannot_be_reopened(vault: Vault) -> None:
    vault.open_journal("live")
    vault.finish_session("live", "session", "live", b"summary")
    with pytest.raises(VaultError, match="already finished"):
        vault.open_journal("live")


def test_a_crash_after_the_finished_record_leaves_no_unfinished_session(
    vault: Vault, vault_dir: Path
) -> None:
    with vault.open_journal("live") as journal:
        journal.append(b"event")
    # The crash came after the record was stored and before the journal was removed.
    vault.put("session", "live", b"summary", session="live")
    assert Vault.unlock(vault_dir, PASSPHRASE).unfinished_sessions() == []


def test_a_journal_whose_header_is_damaged_is_reported_among_the_problems(
    vault: Vault, vault_dir: Path
) -> None:
    _write_journal(vault, RECORDS[:1])
    path = _journal_path(vault_dir)
    data = bytearray(path.read_bytes())
    data[40] ^= 1  # inside the sealed session id
    path.write_bytes(bytes(data))
    # Still listed (the index knows the session), and the damage is said.
    assert vault.unfinished_sessions() == ["live"]
    assert f"journals/{path.name}" in str(vault.problems[-1])
    assert "found by its name in the index" in str(vault.problems[-1])


def test_a_journal_with_a_damaged_header_and_unknown_to_the_index_is_reported(
    vault: Vault, vault_dir: Path
) -> None:
    _write_journal(vault, RECORDS[:1])
    path = _journal_path(vault_dir)
    data = bytearray(path.read_bytes())
    data[40] ^= 1
    path.write_bytes(bytes(data))
    (vault_dir / "index").unlink()  # rebuilt from the objects: live sessions are not in them
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert reopened.unfinished_sessions() == []
    assert f"journals/{path.name}" in str(reopened.problems[-1])


def test_every_single_bit_flip_of_a_journal_is_damage_or_a_torn_last_entry(
    vault: Vault, vault_dir: Path
) -> None:
    _write_journal(vault, RECORDS[:3])
    path = _journal_path(vault_dir)
    original = path.read_bytes()
    # A flip in the header is repaired from the session id (the frames authenticate with
    # it); a flip anywhere else, the last frame's length, CRC and sealed bytes included, is
    # damage (a torn write cuts a frame short, it does not change its bytes).
    looks_torn = range(0)
    first_frame_starts = len(original) - sum(8 + 12 + len(r) + 16 for r in RECORDS[:3])
    wrong = []
    for bit in range(len(original) * 8):
        changed = bytearray(original)
        changed[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(bytes(changed))
        try:
            with vault.open_journal("live") as journal:
                got = journal.read()
            if bit // 8 < first_frame_starts:
                ok = got.records == RECORDS[:3]
            else:
                ok = bit // 8 in looks_torn and got.records == RECORDS[:2] and bool(got.torn_tail)
        except (JournalDamagedError, VaultNewerError):
            ok = first_frame_starts <= bit // 8 and bit // 8 not in looks_torn
        if not ok:
            wrong.append(bit)
    assert wrong == []
    path.write_bytes(original)
    with vault.open_journal("live") as journal:
        assert journal.read().records == RECORDS[:3]


def test_an_entry_larger_than_any_reader_accepts_is_refused_and_not_written(
    vault: Vault, vault_dir: Path
) -> None:
    from iop_facilitator.vault.frames import MAX_PAYLOAD_BYTES

    with vault.open_journal("live") as journal:
        journal.append(b"before")
        with pytest.raises(VaultError, match="too large to save"):
            journal.append(b"x" * (MAX_PAYLOAD_BYTES + 1))
        journal.append(b"after")
        assert journal.read().records == [b"before", b"after"]


def test_a_bit_flipped_anywhere_in_a_journal_header_loses_no_entry(
    vault: Vault, vault_dir: Path
) -> None:
    _write_journal(vault, RECORDS[:2])
    path = _journal_path(vault_dir)
    original = path.read_bytes()
    header_bytes = len(original) - sum(8 + 12 + len(r) + 16 for r in RECORDS[:2])
    lost = []
    for bit in range(header_bytes * 8):
        path.write_bytes(_flipped(original, bit))
        reopened = Vault.unlock(vault_dir, PASSPHRASE)
        listed = reopened.unfinished_sessions()
        with reopened.open_journal("live") as journal:
            records = journal.read().records
        again = Vault.unlock(vault_dir, PASSPHRASE)  # the header was written again
        if listed != ["live"] or records != RECORDS[:2] or again.unfinished_sessions() != listed:
            lost.append(bit)
        if again.problems:
            lost.append(-bit)
    assert lost == []


def _flipped(data: bytes, bit: int) -> bytes:
    changed = bytearray(data)
    changed[bit // 8] ^= 1 << (bit % 8)
    return bytes(changed)
