"""The fault suite's long run, on demand: every bit of every file, and many random kills.

    .venv/bin/python bench/faults_long.py [--kills 50] [--every 1] [--seed 2026]

On a small vault with every kind of file (key and its copy, index snapshot and log, record
objects, a live journal; see tests/faults/fault_harness.py):
- flips every `--every`-th bit of every file in turn, opening and reading everything after each;
- SIGKILLs a process doing saves and compactions before a random file call (`--kills` times,
  each on a fresh copy), then reads back every save it acknowledged.
Prints, for each, how many faults were tried, detected (refused, or opened with the damage
said), silently accepted and lost. Goal (issue 12): zero silently accepted and zero lost.
Takes minutes (each kill is a new process); not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The small vault uses the tests' cheap KDF, below the floor a real key file must meet.
os.environ["IOP_FACILITATOR_TEST_WEAK_KDF"] = "1"

from tests.faults.fault_harness import Counts, kill_during_saves, make_vault, tamper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--every", type=int, default=1, help="flip every N-th bit")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="iop-faults-") as folder:
        pristine = Path(folder) / "pristine"
        make_vault(pristine)
        started = time.perf_counter()
        work = Path(folder) / "tamper"
        shutil.copytree(pristine, work)
        flips = tamper(work, every=args.every, seed=args.seed)
        print(flips.line("bit flips"), f"({time.perf_counter() - started:.0f} s)")
        started = time.perf_counter()
        kills = Counts()
        for _ in range(args.kills):
            copy = Path(folder) / "kill"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(pristine, copy)
            counts, _ = kill_during_saves(copy, rng.randint(1, 400))
            kills.tried += counts.tried
            kills.detected += counts.detected
            kills.lost += counts.lost
            kills.examples += counts.examples
        print(kills.line("SIGKILLs"), f"({time.perf_counter() - started:.0f} s)")
        for example in (flips.examples + kills.examples)[:10]:
            print("  e.g.", example)


if __name__ == "__main__":
    main()
