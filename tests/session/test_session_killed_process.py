"""A real crash: the process running a live session is killed (SIGKILL) and the session resumes.

The child records turns in a loop and prints how many events it has recorded after each action
returns (the moment the UI would call it saved). Whatever it printed last must be in the
resumed session, and the resumed state must be the replay of the journal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from iop_facilitator.session.clock import FakeClock
from iop_facilitator.session.handling import replay
from iop_facilitator.session.records import Records
from iop_facilitator.vault import Vault
from tests.session.session_testing import PASSPHRASE

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from tests.session.session_testing import AGENDA, make_group
    from iop_facilitator.session.clock import FakeClock
    from iop_facilitator.session.records import Records
    from iop_facilitator.vault import Vault

    records = Records(Vault.unlock(Path({vault!r}), {passphrase!r}))
    group = records.groups()[0]
    clock = FakeClock()
    live = records.start_live(group, AGENDA, clock)
    engine = live.engine
    for m in group.members:
        engine.mark_present(m.id)
    engine.start_phase()
    print(live.session_id, flush=True)
    i = 0
    while True:
        clock.advance(7)
        engine.start_turn(group.members[i % 8].id)
        print(len(engine.events), flush=True)
        i += 1
    """
)


def test_session_killed_mid_append_resumes_with_everything_saved(
    records: Records, vault_dir: Path
) -> None:
    script = CHILD.format(
        root=str(Path(__file__).parents[2]), vault=str(vault_dir), passphrase=PASSPHRASE
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    assert child.stdout is not None
    session_id = child.stdout.readline().strip()
    saved = 0
    deadline = time.monotonic() + 20
    while saved < 60 and time.monotonic() < deadline:
        saved = int(child.stdout.readline())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    # The last line may have been printed after more events were appended: that is fine.
    reopened = Records(Vault.unlock(vault_dir, PASSPHRASE))
    resumed = reopened.resume_live(session_id, FakeClock())
    before_recovery = resumed.engine.events[:-1]
    assert len(before_recovery) >= saved
    assert replay(resumed.engine.events) == resumed.engine.state
