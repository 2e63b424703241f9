"""A live journal read by another reader without its lock: whole entries only, in order."""

from __future__ import annotations

from iop_facilitator.vault import Vault


def test_the_tail_reads_what_is_appended_while_the_journal_stays_locked(vault: Vault) -> None:
    journal = vault.open_journal("s-1")
    journal.append(b"first")
    journal.append(b"second")
    tail = vault.tail_journal("s-1")
    assert vault.session_running("s-1")
    assert tail.read_new() == [b"first", b"second"]
    assert tail.read_new() == []
    journal.append(b"third")
    assert tail.read_new() == [b"third"]
    journal.close()
    assert not vault.session_running("s-1")


def test_an_entry_still_being_written_waits_for_the_next_read(vault: Vault) -> None:
    journal = vault.open_journal("s-1")
    journal.append(b"first")
    tail = vault.tail_journal("s-1")
    assert tail.read_new() == [b"first"]
    with journal.path.open("ab") as file:
        file.write(b"\x00\x00\x00\x40")  # the start of a frame, the rest not written yet
    assert tail.read_new() == []
    journal.close()


def test_a_finished_session_has_nothing_more_to_read(vault: Vault) -> None:
    journal = vault.open_journal("s-1")
    journal.append(b"first")
    tail = vault.tail_journal("s-1")
    assert tail.read_new() == [b"first"]
    vault.finish_session("s-1", "session", "s-1", b"{}")
    assert not tail.exists
    assert tail.read_new() == []
    assert not vault.session_running("s-1")
