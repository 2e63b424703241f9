"""Tampering with every file of a small vault: every change is refused or said, never taken
as if nothing happened. The short version flips every 13th bit of every file; `bench/
faults_long.py` flips every bit."""

from __future__ import annotations

from pathlib import Path

from tests.faults.fault_harness import expected, make_vault, read_everything, tamper


def test_the_untouched_vault_reads_back_whole_and_says_nothing(tmp_path: Path) -> None:
    make_vault(tmp_path / "vault")
    assert read_everything(tmp_path / "vault") == (expected(), False)


def test_a_bit_flipped_anywhere_is_refused_or_said(tmp_path: Path) -> None:
    make_vault(tmp_path / "vault")
    counts = tamper(tmp_path / "vault", every=13)
    assert counts.tried > 300
    assert (counts.silently_accepted, counts.lost, counts.examples) == (0, 0, [])
