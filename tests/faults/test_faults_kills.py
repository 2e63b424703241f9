"""SIGKILL before every file call of saves and compactions: nothing acknowledged is lost.

The short version: a kill at each of the first steps (a few saves and a compaction), each on a
fresh copy. `bench/faults_long.py` runs many more, at random steps.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.faults.fault_harness import kill_during_saves, make_vault

STEPS = 36


def test_a_kill_at_each_step_of_saves_and_a_compaction_loses_nothing_acknowledged(
    tmp_path: Path,
) -> None:
    pristine = tmp_path / "pristine"
    make_vault(pristine)
    lost, examples, killed = 0, [], 0
    for kill_at in range(1, STEPS + 1):
        copy = tmp_path / f"copy-{kill_at}"
        shutil.copytree(pristine, copy)
        counts, was_killed = kill_during_saves(copy, kill_at)
        lost += counts.lost
        examples += counts.examples
        killed += was_killed
        shutil.rmtree(copy)
    assert (lost, examples) == (0, [])
    assert killed == STEPS  # every step was reached, so each kill cut real work short
