"""The fault suite's tools, shared by its tests (short runs) and `bench/faults_long.py` (long).

Each fault is tried on a small vault and counted: **detected** (refused, or opened with the
damage said), **silently accepted** (opened as if nothing happened although a file changed),
**lost** (something acknowledged as saved cannot be read back as it was).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iop_facilitator.vault import KdfParams, Vault, VaultError

PASSPHRASE = "fault suite passphrase"
SESSIONS = {f"s{n}": f'{{"notes": "session {n}"}}'.encode() for n in range(4)}
EVENTS = [f'{{"event": {n}}}'.encode() for n in range(3)]


@dataclass
class Counts:
    """What a run of faults found."""

    tried: int = 0
    detected: int = 0
    silently_accepted: int = 0
    lost: int = 0
    examples: list[str] = field(default_factory=list)

    def line(self, what: str) -> str:
        """One line for the long run's table."""
        return (
            f"{what}: tried {self.tried}, detected {self.detected}, "
            f"silently accepted {self.silently_accepted}, lost {self.lost}"
        )

    def note(self, example: str) -> None:
        """Keep a few examples of what went wrong, for the assertion's message."""
        if len(self.examples) < 5:
            self.examples.append(example)


def make_vault(root: Path) -> None:
    """A small vault with every kind of file: key and copy, snapshot, log, objects, journal."""
    vault, _ = Vault.init(root, PASSPHRASE, kdf=KdfParams.for_tests())
    with vault.batch():
        for record_id in SESSIONS:
            vault.put("session", record_id, b"draft", index_entry={"id": record_id})
    vault._index.compact()
    for record_id, payload in SESSIONS.items():
        vault.put("session", record_id, payload, index_entry={"id": record_id})
    with vault.open_journal("live") as journal:
        for event in EVENTS:
            journal.append(event)
    shutil.rmtree(root / "locks", ignore_errors=True)


def read_everything(root: Path) -> tuple[dict[str, Any], bool]:
    """Everything the vault holds, and whether any damage was said. Raises `VaultError`."""
    vault = Vault.unlock(root, PASSPHRASE)
    said = bool(vault.problems)
    seen: dict[str, Any] = {"entries": vault.index_entries("session")}
    for record_id in vault.ids("session"):
        seen[record_id] = vault.get("session", record_id)
    seen["unfinished"] = vault.unfinished_sessions()
    said = said or bool(vault.problems)
    with vault.open_journal("live") as journal:
        contents = journal.read()
        seen["journal"] = contents.records
        said = said or contents.torn_tail is not None
    return seen, said


def expected() -> dict[str, Any]:
    """What `read_everything` gives on an untouched vault from `make_vault`."""
    return {
        "entries": {rid: {"id": rid} for rid in SESSIONS},
        **SESSIONS,
        "unfinished": ["live"],
        "journal": EVENTS,
    }


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "locks" not in p.parts}


def _restore(root: Path, pristine: dict[Path, bytes]) -> None:
    for path in root.rglob("*"):
        if path.is_file() and path not in pristine:
            path.unlink()
    for path, data in pristine.items():
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)


def tamper(root: Path, *, every: int = 1, seed: int = 0) -> Counts:
    """Flip every `every`-th bit (from a random start) of every file of the vault in turn."""
    pristine = _files(root)
    want = expected()
    counts = Counts()
    start = random.Random(seed).randrange(every)
    for path, data in sorted(pristine.items()):
        for bit in range(start, len(data) * 8, every):
            changed = bytearray(data)
            changed[bit // 8] ^= 1 << (bit % 8)
            path.write_bytes(bytes(changed))
            counts.tried += 1
            try:
                seen, said = read_everything(root)
            except VaultError:
                counts.detected += 1
            else:
                if said:
                    counts.detected += 1
                else:
                    counts.silently_accepted += 1
                    counts.note(f"{path.relative_to(root)} bit {bit}")
                    if seen != want:
                        counts.lost += 1
            _restore(root, pristine)
    return counts


PUTTER = """
    import os, pathlib, signal, sys
    from iop_facilitator.vault import Vault
    root, passphrase, kill_at = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    vault = Vault.unlock(root, passphrase)
    count = 0

    def counted(real):
        def call(*args, **kwargs):
            global count
            count += 1
            if count == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call

    for name in ("write", "fsync", "replace", "link", "unlink", "rename", "ftruncate"):
        setattr(os, name, counted(getattr(os, name)))
    for number in range(1000):
        vault.put("session", f"s{number % 4}", f"version {number}".encode(),
                  index_entry={"n": number})
        print(number, flush=True)
        if number % 3 == 2:
            vault._index.compact()
"""


def kill_during_saves(root: Path, kill_at: int) -> tuple[Counts, bool]:
    """Saves and compactions on a copy of `root`, killed before its `kill_at`-th file call;
    then every save it acknowledged must read back. Returns the counts and whether the child
    was killed (False: it finished before that step)."""
    counts = Counts(tried=1)
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PUTTER), str(root), PASSPHRASE, str(kill_at)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    killed = child.returncode == -signal.SIGKILL
    acknowledged = [int(line) for line in child.stdout.split()]
    try:
        vault = Vault.unlock(root, PASSPHRASE)
        entries = vault.index_entries("session")
        latest: dict[str, int] = {}
        for number in acknowledged:
            latest[f"s{number % 4}"] = number
        for record_id, number in latest.items():
            got = vault.get("session", record_id)
            # The save in flight may or may not have landed; an acknowledged one must have.
            if int(got.decode().split()[1]) < number or entries[record_id]["n"] < number:
                counts.lost += 1
                counts.note(f"kill at {kill_at}: {record_id} lost save {number}")
        if vault.problems:
            counts.detected += 1
    except VaultError as error:
        counts.lost += 1
        counts.note(f"kill at {kill_at}: {error}")
    return counts, killed
