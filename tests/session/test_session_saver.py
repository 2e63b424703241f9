"""The one saver: in order, nothing dropped, what waits and why, inline or on its own thread."""

from __future__ import annotations

import errno
import threading

import pytest

from iop_facilitator.session.saver import Saver, SaveStatus
from iop_facilitator.vault import StorageError
from iop_facilitator.vault.storage import storage_error


class Flaky:
    """A journal that refuses the appends numbered in `refuse` (counting from 1)."""

    def __init__(self, refuse: tuple[int, ...] = ()) -> None:
        self.refuse = refuse
        self.calls = 0
        self.kept: list[bytes] = []

    def append(self, payload: bytes) -> int:
        self.calls += 1
        if self.calls in self.refuse:
            raise OSError(errno.EIO, "Input/output error")
        self.kept.append(payload)
        return len(self.kept)


@pytest.mark.parametrize("threaded", [False, True])
def test_appends_in_the_order_given_across_failures(threaded: bool) -> None:
    journal = Flaky(refuse=(2, 3))
    saver = Saver(journal, threaded=threaded, retry_pauses=(0.001,))
    for number in range(20):
        saver.save(str(number).encode())
    assert saver.flush(5) or saver.flush(5)  # inline: the next try gets past the refusals
    assert (journal.kept, saver.waiting, saver.saved) == (
        [str(n).encode() for n in range(20)],
        0,
        20,
    )


def test_inline_failure_keeps_the_event_and_says_why() -> None:
    journal = Flaky(refuse=(1,))
    statuses: list[SaveStatus] = []
    saver = Saver(journal, on_status=statuses.append)
    saver.save(b"one")
    said = "The disk refused the save (input/output error)."
    assert (saver.waiting, saver.problem) == (1, said)
    assert saver.retry() and (journal.kept, saver.problem) == ([b"one"], None)
    assert statuses == [SaveStatus(1, 0, said), SaveStatus(0, 1, None)]


def test_threaded_reports_the_failure_as_a_sentence_then_the_recovery() -> None:
    statuses: list[SaveStatus] = []
    done = threading.Event()

    class FailsOnce:
        failed = False

        def append(self, payload: bytes) -> int:
            if not self.failed:
                self.failed = True
                raise storage_error(OSError(errno.EROFS, "Read-only file system"), "a note")
            done.set()
            return 0

    saver = Saver(FailsOnce(), threaded=True, on_status=statuses.append, retry_pauses=(0.001,))
    saver.save(b"x")
    assert done.wait(5) and saver.flush(5)
    assert saver.close(1)
    assert statuses[0].problem is not None and "cannot be written to" in statuses[0].problem
    assert statuses[-1] == SaveStatus(waiting=0, saved=1, problem=None)


def test_an_os_error_is_said_in_words() -> None:
    class Full:
        def append(self, payload: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    saver = Saver(Full())
    saver.save(b"x")
    assert saver.problem == "The disk refused the save (no space left on device)."


@pytest.mark.parametrize("threaded", [False, True])
def test_keeps_saving_when_the_screen_cannot_be_told(threaded: bool) -> None:
    journal = Flaky()

    def screen_gone(status: SaveStatus) -> None:
        raise RuntimeError("the app has closed")

    saver = Saver(journal, threaded=threaded, on_status=screen_gone)
    saver.save(b"one")
    saver.save(b"two")
    assert saver.flush(5) and journal.kept == [b"one", b"two"]


def test_close_says_what_is_left_unsaved_and_refuses_more() -> None:
    class Refusing:
        def append(self, payload: bytes) -> int:
            raise StorageError("The disk is full, so the last entry was not saved.")

    saver = Saver(Refusing(), threaded=True, retry_pauses=(0.001,))
    saver.save(b"kept in memory")
    assert not saver.close(5)
    assert saver.status == SaveStatus(1, 0, "The disk is full, so the last entry was not saved.")
    with pytest.raises(RuntimeError):
        saver.save(b"after closing")


def test_a_listener_may_ask_the_saver_to_flush() -> None:
    journal = Flaky(refuse=(1,))
    flushed: list[bool] = []
    saver: Saver

    def listener(status: SaveStatus) -> None:
        if status.problem is not None and not flushed:
            flushed.append(saver.flush())  # the disk took it the second time

    saver = Saver(journal, on_status=listener)
    saver.save(b"one")
    assert (flushed, journal.kept, saver.waiting) == ([True], [b"one"], 0)
