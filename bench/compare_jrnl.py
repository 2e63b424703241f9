"""Side by side with jrnl: the same sessions in our vault and in an encrypted jrnl journal.

    .venv/bin/python bench/compare_jrnl.py [--sessions 500 5000] [--large] [--rounds 5]
        [--jrnl-venv DIR]

Installs jrnl into its own throwaway venv (or reuses `--jrnl-venv`), then for each size builds
both stores from the same generated sessions (`generate_vault.py`: run by the real engine,
stored as `Records.finish` stores them; jrnl gets each session's date, group and notes as one
entry), each side with its own default KDF. `--large` adds 50,000 sessions (it takes a long
while to build). Then, one whole process per command, ours and jrnl's interleaved (who goes
first alternates), after one untimed run of each:

- list the newest 50: `review list -n 50` / `jrnl -n 50`
- search for a word in no entry: `review list --text WORD` / `jrnl -contains WORD`
- add and finish one session: `ours_driver.py session` (the runner's vault work for a short
  session, without its screens) / `jrnl TEXT` (adds one entry: the journal decrypted,
  re-encrypted and written whole)

and prints medians, ratios, peak RSS (VmHWM, reported by each side's driver), each side's KDF
alone, and the growth from the smallest size to each larger one. Goals (issue 11) at 5,000:
list, search and add >= 3x faster than jrnl; growth 500 -> 5,000 <= 1.3x; peak RSS of
list/search <= 0.75x jrnl's, of add <= 0.5x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate_vault import GROUPS, PASSPHRASE, MadeSession, build_vault
from jrnl_side import (
    Journal,
    Timed,
    jrnl_command,
    jrnl_entry,
    jrnl_python,
    jrnl_version,
    make_journal,
    run_timed,
)
from ours_driver import NOTE

from iop_facilitator.settings import PASSPHRASE_FILE
from iop_facilitator.vault import crypto
from iop_facilitator.vault.keyfile import KeyFile

HERE = Path(__file__).parent
ABSENT_WORD = "zyzzyva"  # in no generated note
COMMANDS = ("list newest 50", "search, a word in no entry", "add and finish a session")
JRNL_KDF = (
    "import time\n"
    "from cryptography.hazmat.primitives import hashes\n"
    "from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC\n"
    "t, c = time.perf_counter(), time.process_time()\n"
    "PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=b'0' * 16, iterations=100_000)"
    ".derive(b'benchmark passphrase')\n"
    "print(time.perf_counter() - t, time.process_time() - c)\n"
)


@dataclass
class Runs:
    """Every timed run of one command on one side."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    finish_ms: list[float] = field(default_factory=list)  # ours: Records.finish in-process

    def add(self, timed: Timed) -> None:
        self.seconds.append(timed.seconds)
        self.cpu.append(timed.cpu_seconds)
        self.peaks.append(timed.peak_rss_mb)
        for line in timed.errors.splitlines():
            if line.startswith("finish-ms "):
                self.finish_ms.append(float(line.split()[1]))

    def median(self, clock: str) -> float:
        """The median wall (`clock` "wall") or CPU ("cpu") seconds."""
        return statistics.median(self.seconds if clock == "wall" else self.cpu)

    @property
    def peak(self) -> float:
        return statistics.median(self.peaks)


@dataclass
class Size:
    """Both sides' figures at one number of sessions."""

    sessions: int
    ours: dict[str, Runs] = field(default_factory=lambda: {c: Runs() for c in COMMANDS})
    theirs: dict[str, Runs] = field(default_factory=lambda: {c: Runs() for c in COMMANDS})
    our_kdf: Runs = field(default_factory=Runs)
    their_kdf: Runs = field(default_factory=Runs)
    built_seconds: float = 0.0
    vault_mb: float = 0.0
    journal_mb: float = 0.0


def _ours(vault: Path, passphrase_file: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    driver = [sys.executable, str(HERE / "ours_driver.py")]
    group_name, agenda_name = GROUPS[0]
    commands = {
        COMMANDS[0]: [*driver, "cli", "review", "list", "-n", "50", "--vault", str(vault)],
        COMMANDS[1]: [
            *driver,
            "cli",
            "review",
            "list",
            "--text",
            ABSENT_WORD,
            "--vault",
            str(vault),
        ],
        COMMANDS[2]: [*driver, "session", str(vault), group_name, agenda_name],
    }
    return commands, {**os.environ, PASSPHRASE_FILE: str(passphrase_file)}


def _theirs(python: Path) -> dict[str, list[str]]:
    return {
        COMMANDS[0]: jrnl_command(python, PASSPHRASE, "-n", "50"),
        COMMANDS[1]: jrnl_command(python, PASSPHRASE, "-contains", ABSENT_WORD),
        COMMANDS[2]: jrnl_command(python, PASSPHRASE, f"{GROUPS[0][0]} session. {NOTE}"),
    }


def _our_kdf(vault: Path) -> Timed:
    """Our KDF once, with the parameters in the vault's key file (in this process)."""
    key_file = KeyFile.from_bytes((vault / "key").read_bytes())
    started, cpu = time.perf_counter(), time.process_time()
    crypto.passphrase_key(PASSPHRASE, key_file.kdf_salt, key_file.kdf)
    return Timed(time.perf_counter() - started, time.process_time() - cpu, float("nan"), "")


def _their_kdf(python: Path) -> Timed:
    """jrnl's KDF once (PBKDF2-SHA256, 100,000 rounds, as jrnl 4.6 derives its key)."""
    done = subprocess.run([str(python), "-c", JRNL_KDF], capture_output=True, text=True, check=True)
    wall, cpu = (float(x) for x in done.stdout.split())
    return Timed(wall, cpu, float("nan"), "")


def measure(size: Size, work: Path, python: Path, rounds: int) -> None:
    """Build both stores of `size.sessions` sessions in `work`, then time every command."""
    entries: list[str] = []

    def keep(made: MadeSession) -> None:
        entry = made.index_entry
        entries.append(jrnl_entry(str(entry["started"]), str(entry["group_name"]), made.payload))

    vault = work / "vault"
    started = time.perf_counter()
    print(f"building {size.sessions} sessions (both stores)...", flush=True)
    build_vault(vault, size.sessions, keep=keep)
    journal: Journal = make_journal(python, work, entries, PASSPHRASE)
    size.built_seconds = time.perf_counter() - started
    size.vault_mb = sum(p.stat().st_size for p in vault.rglob("*") if p.is_file()) / 1e6
    size.journal_mb = journal.path.stat().st_size / 1e6
    passphrase_file = work / "passphrase"
    passphrase_file.write_text(PASSPHRASE)
    passphrase_file.chmod(0o600)
    ours, our_env = _ours(vault, passphrase_file)
    theirs = _theirs(python)
    # Reads first, on stores that stay as built; then the adds (each makes both one bigger,
    # and the next `review list` would also digest the new session).
    for group in (COMMANDS[:2], COMMANDS[2:]):
        for command in group:
            # Untimed (page cache, .pyc files), and a look at what each side answered.
            answered = run_timed(ours[command], our_env).output.splitlines()
            expected = min(50, size.sessions) if command == COMMANDS[0] else 0
            if command != COMMANDS[2] and len(answered) != expected:
                raise SystemExit(f"ours, {command}: {len(answered)} lines, not {expected}")
            run_timed(theirs[command], journal.env)
        for round_ in range(rounds):
            for command in group:
                sides = [
                    (size.ours, ours[command], our_env),
                    (size.theirs, theirs[command], journal.env),
                ]
                for figures, argv, env in sides if round_ % 2 == 0 else sides[::-1]:
                    figures[command].add(run_timed(argv, env))
            # Each side's KDF in every round too, so that "KDF excluded" subtracts a KDF
            # timed under the same load as the commands.
            size.our_kdf.add(_our_kdf(vault))
            size.their_kdf.add(_their_kdf(python))


def _row(ours: float, theirs: float) -> str:
    return f"{ours:>8.3f}s {theirs:>7.3f}s {ours / theirs:>6.2f}"


def _growth(larger: Runs, smaller: Runs, clock: str) -> float:
    return larger.median(clock) / smaller.median(clock)


def report(sizes: list[Size], rounds: int, version: str) -> None:
    """The table: medians, ratios, peak RSS, KDFs, growth."""
    print(f"\nours vs jrnl {version}, whole processes, medians of {rounds} interleaved runs")
    print("(wall: what a person waits; CPU: user + system of every thread, less disturbed")
    print(" by the machine's other work)")
    for size in sizes:
        print(
            f"\nat {size.sessions:,} sessions (vault {size.vault_mb:.1f} MB, "
            f"journal {size.journal_mb:.1f} MB; built in {size.built_seconds:.0f} s)"
        )
        print(
            f"  {'':<34} {'wall ours':>9} {'jrnl':>8} {'ratio':>6} {'CPU ours':>9} {'jrnl':>8} "
            f"{'ratio':>6} {'RSS ours':>9} {'jrnl':>7} {'ratio':>6}"
        )
        for command in COMMANDS:
            ours, theirs = size.ours[command], size.theirs[command]
            wall = _row(ours.median("wall"), theirs.median("wall"))
            cpu = _row(ours.median("cpu"), theirs.median("cpu"))
            rss = f"{ours.peak:>6.0f} MB {theirs.peak:>4.0f} MB {ours.peak / theirs.peak:>6.2f}"
            print(f"  {command:<34} {wall} {cpu} {rss}")
        kdf = [
            _row(size.our_kdf.median(clock), size.their_kdf.median(clock))
            for clock in ("wall", "cpu")
        ]
        print(f"  {'KDF alone (in-process)':<34} {kdf[0]} {kdf[1]}")
        for command in COMMANDS:
            excluded = [
                _row(
                    size.ours[command].median(clock) - size.our_kdf.median(clock),
                    size.theirs[command].median(clock) - size.their_kdf.median(clock),
                )
                for clock in ("wall", "cpu")
            ]
            print(f"  {command + ', no KDF':<34} {excluded[0]} {excluded[1]}")
        finish = statistics.median(size.ours[COMMANDS[2]].finish_ms)
        print(f"  Records.finish in-process (the vault's write, fsyncs included): {finish:.1f} ms")
    base = sizes[0]
    for size in sizes[1:]:
        print(f"\ngrowth {base.sessions:,} -> {size.sessions:,} sessions (larger / smaller)")
        for command in COMMANDS:
            growth = [
                f"ours {_growth(size.ours[command], base.ours[command], clock):>5.2f}x  "
                f"jrnl {_growth(size.theirs[command], base.theirs[command], clock):>5.2f}x"
                for clock in ("wall", "cpu")
            ]
            print(f"  {command:<34} wall: {growth[0]}   CPU: {growth[1]}")
    print(
        "\ngoals at 5,000: ratio <= 0.33 for all three; growth 500 -> 5,000 <= 1.3x, "
        "5,000 -> 50,000 <= 2x;\n  peak RSS list/search <= 0.75x jrnl's, add <= 0.5x; "
        "Records.finish <= 5 ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--large", action="store_true", help="also 50,000 sessions")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jrnl-venv", type=Path, default=None, help="reused if jrnl is there")
    args = parser.parse_args()
    counts = sorted({*args.sessions, *([50_000] if args.large else [])})
    with tempfile.TemporaryDirectory(prefix="compare-jrnl-") as temp:
        work = Path(temp)
        python = jrnl_python(args.jrnl_venv or work / "jrnl-venv")
        sizes = []
        for count in counts:
            folder = work / str(count)
            folder.mkdir()
            size = Size(count)
            measure(size, folder, python, args.rounds)
            sizes.append(size)
        report(sizes, args.rounds, jrnl_version(python))


if __name__ == "__main__":
    main()
