"""Start-up as a person sees it: time to the first frame in a real terminal, and `--version`.

    .venv/bin/python bench/bench_startup.py [--rounds 9] [--jrnl-venv DIR | --no-jrnl]

Each command runs in a new tmux window (80x24) of a tmux server kept alive for the run;
the clock starts as tmux is asked to start the program and stops when the pane shows the
first frame (anything drawn: the app's background, any character) and when it shows the
screen a person waits for (a marker text). Measured in the same run, interleaved: a bare
Textual app with one `Static` (the floor any Textual app pays), the demo's cockpit start
screen, and `run`'s unlock screen (over a small vault made here, fast test key). Then
`iop-facilitator --version` against `jrnl --version`, whole processes, interleaved.
Prints medians and ratios. Goals (issue 11): first frame <= 1.3x the bare app's; `--version`
<= jrnl's.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from jrnl_side import jrnl_python, jrnl_version, run_timed

SOCKET = "iop-bench-startup"
ESCAPES = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")
TIMEOUT_SECONDS = 30.0
BARE_APP = (
    "from textual.app import App\n"
    "from textual.widgets import Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Static('ready')\n"
    "Bare().run()\n"
)
CLI = Path(sys.executable).parent / "iop-facilitator"


@dataclass
class Program:
    """A program to start in the terminal, and the text that says its screen is up."""

    label: str
    argv: list[str]
    marker: str
    first_frame: list[float] = field(default_factory=list)
    screen: list[float] = field(default_factory=list)


def _tmux(*args: str) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    return done.stdout


def time_to_screen(program: Program) -> None:
    """Start `program` in a new tmux session; record when its first frame and its marker
    show; end it."""
    command = shlex.join(program.argv)
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "-L", SOCKET, "new-session", "-d", "-s", "bench", "-x", "80", "-y", "24", command],
        check=True,
    )
    first = None
    try:
        while (elapsed := time.perf_counter() - started) < TIMEOUT_SECONDS:
            # With -e, a painted background shows as escape sequences even with no text yet.
            shown = _tmux("capture-pane", "-p", "-e", "-t", "bench")
            if first is None and shown.strip():
                first = elapsed
            if program.marker in ESCAPES.sub("", shown):
                program.first_frame.append(first if first is not None else elapsed)
                program.screen.append(elapsed)
                return
            time.sleep(0.002)
        raise SystemExit(f"{program.label}: {program.marker!r} not shown in {TIMEOUT_SECONDS} s")
    finally:
        _tmux("kill-session", "-t", "bench")
        time.sleep(0.3)  # let the program end before the next one starts


def small_vault(folder: Path) -> Path:
    """A vault with one group, a fast test key (the unlock screen comes before the KDF)."""
    from iop_facilitator.session.records import Records
    from iop_facilitator.vault import KdfParams, Vault

    path = folder / "vault"
    vault, _ = Vault.init(path, "benchmark passphrase", kdf=KdfParams.for_tests())
    Records(vault).new_group("Bench group", facilitators=["Dr. Rivera"])
    return path


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--jrnl-venv", type=Path, default=None, help="reused if jrnl is there")
    parser.add_argument("--no-jrnl", action="store_true")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("bench_startup needs tmux (apt-get install tmux)")
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as temp:
        work = Path(temp)
        vault = small_vault(work)
        programs = [
            Program("bare Textual app, one Static", [sys.executable, "-c", BARE_APP], "ready"),
            Program("demo: the cockpit's start screen", [str(CLI), "demo"], "Ready to start"),
            Program(
                "run: the unlock screen",
                [str(CLI), "run", "process-group", "--group", "Bench group", "--vault", str(vault)],
                "Passphrase",
            ),
        ]
        # A server that outlives each program, so no start pays for starting tmux itself.
        _tmux("new-session", "-d", "-s", "keepalive", "-x", "80", "-y", "24", "sleep 3600")
        try:
            for _ in range(args.rounds):
                for program in programs:
                    time_to_screen(program)
                programs.append(programs.pop(0))  # each goes first in turn
        finally:
            _tmux("kill-server")
        programs.sort(key=lambda p: p.label != "bare Textual app, one Static")
        bare = median(programs[0].first_frame)
        print(f"\nIn a real terminal (tmux 80x24), medians of {args.rounds} interleaved rounds:")
        print(f"  {'program':<36} {'first frame':>12} {'ratio':>6} {'screen up':>10} {'ratio':>6}")
        bare_screen = median(programs[0].screen)
        for p in programs:
            first, screen = median(p.first_frame), median(p.screen)
            print(
                f"  {p.label:<36} {first:>10.3f} s {first / bare:>6.2f} "
                f"{screen:>8.3f} s {screen / bare_screen:>6.2f}"
            )
        print("  goal: first frame <= 1.3x the bare app's")
        if args.no_jrnl:
            return
        python = jrnl_python(args.jrnl_venv or work / "jrnl-venv")
        jrnl = python.parent / "jrnl"
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.rounds * 2):
            ours.append(run_timed([str(CLI), "--version"]).seconds)
            theirs.append(run_timed([str(jrnl), "--version"]).seconds)
        print(f"\n--version, whole processes, medians of {len(ours)} interleaved runs:")
        print(f"  iop-facilitator --version  {median(ours):.3f} s")
        print(f"  jrnl {jrnl_version(python)} --version{'':<7}{median(theirs):.3f} s")
        print(f"  ratio {median(ours) / median(theirs):.2f} (goal <= 1)")


if __name__ == "__main__":
    main()
