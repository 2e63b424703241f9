"""jrnl, the yardstick: a throwaway venv with jrnl in it, its config, an encrypted journal of
the generated sessions' notes, and timing one whole jrnl process. Shared by `bench_vault.py`,
`compare_jrnl.py` and `bench_startup.py`; jrnl is never a dependency of this package.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
DRIVER = HERE / "jrnl_driver.py"


def session_texts(payload: bytes) -> list[str]:
    """A finished session's notes and check-in notes, from its record."""
    events = json.loads(payload)["events"]
    return [e["text"] for e in events if e["type"] == "note-added"] + [
        e["note"] for e in events if e["type"] == "checkin-recorded" and e.get("note")
    ]


def jrnl_entry(started: str, group_name: str, payload: bytes) -> str:
    """A session as a jrnl entry: its date and group, then its notes."""
    when = started[:16].replace("T", " ")
    return f"[{when}] {group_name} session.\n{' '.join(session_texts(payload))}\n"


def jrnl_python(folder: Path) -> Path:
    """A Python with jrnl installed, in a venv in `folder` (made from PyPI unless already
    there, so several benchmarks can share one with `--jrnl-venv`)."""
    python = folder / "bin" / "python"
    if (folder / "bin" / "jrnl").exists():
        return python
    print(f"installing jrnl into a throwaway venv in {folder} (from PyPI)...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    subprocess.run([str(folder / "bin" / "pip"), "install", "-qq", "jrnl"], check=True)
    return python


def jrnl_version(python: Path) -> str:
    """The installed jrnl's version."""
    done = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('jrnl'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@dataclass(frozen=True)
class Journal:
    """An encrypted jrnl journal and the environment that makes jrnl use it."""

    path: Path
    env: dict[str, str]


def make_journal(python: Path, folder: Path, entries: list[str], password: str) -> Journal:
    """An encrypted journal of `entries` in `folder`, with jrnl's own encryption and a config
    of its own (plain output, no editor), as a person who keeps an encrypted journal has."""
    journal = folder / "journal.txt"
    config_home = folder / "config"
    (config_home / "jrnl").mkdir(parents=True, exist_ok=True)
    (config_home / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: true\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n    encrypt: true\n"
        "linewrap: 79\ntagsymbols: '@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.2\n"
    )
    subprocess.run(
        [str(python), str(DRIVER), "create", str(journal), password],
        input="\n".join(entries).encode(),
        check=True,
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "XDG_DATA_HOME": str(folder)}
    env.pop("PYTHONPATH", None)
    return Journal(journal, env)


def jrnl_command(python: Path, password: str, *args: str) -> list[str]:
    """jrnl's command line with the password answered as a person would type it."""
    return [str(python), str(DRIVER), "run", password, "--", *args]


@dataclass(frozen=True)
class Timed:
    """One whole process: wall seconds, CPU seconds (user + system, every thread), its peak
    RSS (MB, NaN if it did not say), and what it printed."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    output: str
    errors: str = ""


def run_timed(argv: list[str], env: dict[str, str] | None = None) -> Timed:
    """Run a command to its end; its peak memory comes from a `peak-rss-kib N` line on
    stderr (VmHWM, which both sides' drivers print). The CPU time is what the machine's
    other work disturbs least: on a busy machine the wall time waits for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed: {done.stderr.decode()[-800:]}")
    peak = float("nan")
    for line in done.stderr.decode().splitlines():
        if line.startswith("peak-rss-kib "):
            peak = int(line.split()[1]) / 1024
    return Timed(seconds, cpu, peak, done.stdout.decode(), done.stderr.decode())
