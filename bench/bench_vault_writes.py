"""What one save costs as the vault grows: bytes written per put, and a finish in-process.

    .venv/bin/python bench/bench_vault_writes.py DIR [DIR ...] [--rounds 20]

Each DIR is a vault made by `generate_vault.py` (passphrase `benchmark passphrase`; one made
with `--fast-kdf` needs IOP_FACILITATOR_TEST_WEAK_KDF=1 to be opened). The
script copies nothing and changes the vault: it adds and finishes `--rounds` sessions (a
journal with a few events, then `finish_session` with a session-sized record and index
entry), counting every byte passed to `os.write` during each `finish_session` (the record's
object and the index log's frame; the journal's events are not counted), and timing it with
`perf_counter` (fsync included). Prints the vault's size, the median bytes and median and
slowest milliseconds per finish.
Targets (issue 11): bytes per put independent of the number of records; finish ≤ 5 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from generate_vault import PASSPHRASE

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.vault import Vault

_PAYLOAD = b'{"events": [' + b'{"type": "note-added", "text": "' + b"n" * 2000 + b'"}]}'
_ENTRY = {"date": "2030-01-01", "group": "Tuesday DBT skills", "title": "t" * 80, "n": 40}


def _measure(folder: Path, rounds: int) -> tuple[int, list[int], list[float]]:
    vault = Vault.unlock(folder, PASSPHRASE)
    count = len(vault.ids(RecordKind.SESSION))
    written = [0]
    real_write = os.write

    def counting(fd: int, data: Any) -> int:
        done = real_write(fd, data)
        written[0] += done
        return done

    sizes, times = [], []
    stamp = time.time_ns()
    for number in range(rounds):
        session_id = f"bench-{stamp}-{number}"
        journal = vault.open_journal(session_id)
        for _ in range(3):
            journal.append(b'{"type": "note"}')
        written[0] = 0
        os.write = counting  # type: ignore[assignment]
        started = time.perf_counter()
        vault.finish_session(session_id, RecordKind.SESSION, session_id, _PAYLOAD, _ENTRY)
        times.append((time.perf_counter() - started) * 1000)
        os.write = real_write
        sizes.append(written[0])
    return count, sizes, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    print("| records | bytes per finish (median) | finish ms (median) | slowest ms |")
    print("|---|---|---|---|")
    for folder in args.folders:
        count, sizes, times = _measure(folder, args.rounds)
        print(
            f"| {count:,} | {statistics.median(sizes):,.0f} | "
            f"{statistics.median(times):.2f} | {max(times):.2f} |"
        )


if __name__ == "__main__":
    main()
