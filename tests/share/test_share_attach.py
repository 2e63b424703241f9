"""`share` attaches read-only to a session while the runner holds its lock, and follows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from iop_facilitator.session import (
    FakeClock,
    LiveSession,
    NoSessionRunning,
    Records,
    SessionWatch,
    Slide,
    read_journal,
    running_session,
)
from iop_facilitator.share.follow import follow
from iop_facilitator.share.server import ShareServer
from iop_facilitator.vault import Vault
from iop_facilitator.vault.errors import VaultLockedError
from tests.share.share_testing import SHARE_AGENDA
from tests.tui.runner_testing import PASSPHRASE, make_vault

CHECKOUT = Path(__file__).parents[2]


@pytest.fixture
def live(tmp_path: Path) -> tuple[Vault, LiveSession, FakeClock]:
    """A session started in the vault: its journal open, its lock held, as in the runner."""
    vault, group = make_vault(tmp_path / "vault")
    clock = FakeClock()
    session = Records(vault).start_live(group, SHARE_AGENDA, clock)
    for member_id in list(session.engine.state.members)[:3]:
        session.engine.mark_present(member_id)
    session.engine.give_reminder(with_norms=True)
    session.engine.start_phase()
    return vault, session, clock


def test_the_watch_follows_the_journal_while_the_runner_holds_the_lock(
    live: tuple[Vault, LiveSession, FakeClock], tmp_path: Path
) -> None:
    _vault, session, clock = live
    reader = Vault.unlock(tmp_path / "vault", PASSPHRASE)  # as a second program would
    session_id = session.engine.session_id
    with pytest.raises(VaultLockedError):
        read_journal(reader, session_id)  # the runner holds the session
    assert running_session(reader) == session_id
    watch = SessionWatch(reader, session_id, clock)
    watch.refresh()
    first = watch.view()
    assert first is not None and first.heading == "Check-in"
    session.engine.skip_phase("skill")
    session.engine.next_phase()
    watch.refresh()
    view = watch.view()
    assert view is not None and (view.heading, view.countdown) == (
        "Practice: paced breathing",
        "10:00",
    )
    assert watch.running
    assert session.close()
    watch.refresh()
    assert not watch.running
    stopped = watch.view()
    assert stopped is not None and stopped.slide is Slide.ENDED


def test_no_running_session_is_one_sentence(tmp_path: Path) -> None:
    vault, _group = make_vault(tmp_path / "vault")
    with pytest.raises(NoSessionRunning, match="No session is being run now"):
        running_session(vault)


def test_share_browser_in_another_process_follows_and_stops_when_the_session_ends(
    live: tuple[Vault, LiveSession, FakeClock], tmp_path: Path
) -> None:
    _vault, session, _clock = live
    passphrase = tmp_path / "passphrase"
    passphrase.write_text(PASSPHRASE)
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT / "src")}
    command = [sys.executable, "-c", "from iop_facilitator.cli import main; main()"]
    command += ["share", "--browser"]
    command += ["--vault", str(tmp_path / "vault"), "--passphrase-file", str(passphrase)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        process.stdout.readline()
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "slide.json", timeout=10) as answer:
            slide = json.loads(answer.read())
        assert slide["heading"] == "Check-in"
        session.engine.end_session()
        assert session.close()
        assert process.wait(timeout=30) == 0
        assert "no longer served" in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_frozen_page_stays_on_its_slide_but_still_shows_the_end(
    live: tuple[Vault, LiveSession, FakeClock], tmp_path: Path
) -> None:
    _vault, session, clock = live
    reader = Vault.unlock(tmp_path / "vault", PASSPHRASE)
    watch = SessionWatch(reader, session.engine.session_id, clock)
    server = ShareServer()
    frozen = threading.Event()
    shown: list[str] = []

    def end() -> None:
        session.engine.end_session()
        assert session.close()

    # What happens in the session between two reads of the journal.
    steps = iter([frozen.set, session.engine.next_phase, end])

    def between_reads(_seconds: float) -> None:
        shown.append(server.current()[0].heading)
        next(steps, lambda: None)()

    try:
        follow(watch, server, sleep=between_reads, frozen=frozen.is_set)
    finally:
        server.stop()
    assert shown == ["Check-in", "Check-in", "Check-in", "Skills group"]
    assert server.current()[1]  # ended: the page stops asking
