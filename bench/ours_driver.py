"""Our side of `compare_jrnl.py`, one whole process per command, like `jrnl_driver.py`.

    python ours_driver.py cli ARGS...                  # the command line, as typed
    python ours_driver.py session VAULT GROUP AGENDA   # add and finish one session

The passphrase comes from `IOP_FACILITATOR_PASSPHRASE_FILE`, as a script would give it.
`session` does the vault work the runner does for a short session, without its screens:
unlock (the KDF), the start screen's reading (unfinished sessions, the preview), start the
session (its journal), attendance, a phase, one note, the end, the end screen's draft kept
once, and the finished session stored as the runner stores it (`Records.finish`, timed
in-process and printed as `finish-ms N`). Both print the process's peak memory (VmHWM) on
stderr when they end, as `jrnl_driver.py` does.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

NOTE = (
    "Shared that the weekend was difficult and used the TIPP skill twice; reported fewer urges "
    "since starting the new routine; practised the DEAR MAN script with the group."
)


def _report_peak_memory() -> None:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write(f"peak-rss-kib {line.split()[1]}\n")


def add_and_finish(vault_path: Path, group_name: str, agenda_name: str) -> None:
    """One short session of `group_name`, from unlock to stored, as the runner does it."""
    from iop_facilitator.agenda.catalog import find_agenda
    from iop_facilitator.agenda.loader import load_agenda
    from iop_facilitator.session.clock import SystemClock
    from iop_facilitator.session.records import Records
    from iop_facilitator.vault import Vault
    from iop_facilitator.vault.passphrase import resolve_passphrase

    agenda = load_agenda(find_agenda(agenda_name))
    vault = Vault.unlock(vault_path, resolve_passphrase(passphrase_file=None, prompt=None))
    records = Records(vault)
    group = records.group(group_name)
    # As `tui/runner/vault_sessions.py` does, step by step: the start screen, then the session.
    records.unfinished(group.id)
    records.first_timers(group)
    records.session_index(group.id)
    records.carried_from_previous(group.id)
    live = records.start_live(group, agenda, SystemClock())
    engine = live.engine
    for member in group.active_members:
        engine.mark_present(member.id)
    engine.start_phase()
    engine.add_note(NOTE, member_id=group.active_members[0].id)
    engine.end_session()
    records.note_drafts.load(live.session_id)
    draft = engine.note_draft().text
    records.note_drafts.keep(live.session_id, draft)  # the end screen keeps the note as typed
    started = time.perf_counter()
    records.finish(live, draft)  # which also empties the note's draft
    sys.stderr.write(f"finish-ms {(time.perf_counter() - started) * 1000:.2f}\n")


def main() -> int:
    """Dispatch on the first argument."""
    try:
        if sys.argv[1] == "session":
            add_and_finish(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
            return 0
        from iop_facilitator.cli import main as cli

        try:
            cli(sys.argv[2:], prog_name="iop-facilitator")
        except SystemExit as done:
            return int(done.code or 0)
        return 0
    finally:
        _report_peak_memory()


if __name__ == "__main__":
    sys.exit(main())
