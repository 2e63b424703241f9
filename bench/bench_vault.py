"""The vault at the scale of a career: 5,000 finished sessions, against jrnl doing the same.

    .venv/bin/python bench/bench_vault.py [--sessions 5000] [--jrnl-python PATH | --no-jrnl]

Builds a vault with the real KDF, then in a fresh process: unlock, list the newest 50 from
the encrypted index, and a full-text search over every session's notes; prints seconds and
peak memory. Then the same with jrnl (installed into a throwaway venv from PyPI unless
`--jrnl-python` names one; never a dependency of this package) on an encrypted journal of
the same number of entries with the same notes.
Targets: list under 1 s after the KDF, search under 1 s, peak memory under 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import finished_sessions

from iop_facilitator.vault import (
    Vault,
    crypto,
)
from iop_facilitator.vault.keyfile import KeyFile, unwrap

PASSPHRASE = "benchmark passphrase"
SEARCH_TERM = "chain analysis"
HERE = Path(__file__).parent


def build_vault(folder: Path, count: int) -> float:
    """Fill a new vault with `count` synthetic sessions; return the seconds it took."""
    started = time.perf_counter()
    vault, _ = Vault.init(folder, PASSPHRASE)
    with vault.batch():
        for session in finished_sessions(count):
            vault.put(
                "session", session.session_id, session.payload, index_entry=session.index_entry
            )
    return time.perf_counter() - started


def _search(vault: Vault) -> int:
    """Every note of every session that mentions the search term (each record decrypted)."""
    hits = 0
    term = SEARCH_TERM.casefold()
    for record in vault.records("session"):
        if record.payload is None:
            continue
        session = json.loads(record.payload)
        hits += sum(1 for note in session["notes"] if term in note["text"].casefold())
    return hits


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program (VmHWM).

    Not `ru_maxrss`: that carries over the parent's peak through fork and exec.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _newest(vault: Vault, count: int = 50) -> list[str]:
    entries = vault.index_entries("session")
    ordered = sorted(entries.items(), key=lambda item: item[1]["started"], reverse=True)
    return [session_id for session_id, _ in ordered[:count]]


def measure(folder: Path) -> dict[str, float]:
    """Unlock, list the newest 50, search every note (run in a fresh process)."""
    figures: dict[str, float] = {}
    key_file = KeyFile.from_bytes((folder / "key").read_bytes())
    # `Vault.unlock` step by step, to time the KDF apart from the rest.
    started = time.perf_counter()
    kek = crypto.passphrase_key(PASSPHRASE, key_file.kdf_salt, key_file.kdf)
    figures["kdf_s"] = time.perf_counter() - started
    started = time.perf_counter()
    data_key = unwrap(kek, key_file.passphrase_wrap, key_file.passphrase_aad())
    assert data_key is not None
    vault = Vault._opened(folder, key_file, data_key)
    figures["listed"] = len(_newest(vault))
    figures["list_after_kdf_s"] = time.perf_counter() - started

    started = time.perf_counter()
    figures["search_hits"] = _search(vault)
    figures["search_s"] = time.perf_counter() - started

    # Memory in a second pass: tracemalloc slows allocation down too much to time with it.
    tracemalloc.start()
    _newest(Vault.unlock(folder, PASSPHRASE))
    _search(vault)
    figures["python_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    figures["process_peak_rss_mb"] = peak_rss_mb()

    # What the runner waits for before it shows an event as saved: seal, write, fsync.
    timings = []
    with vault.open_journal("bench-live") as journal:
        for number in range(200):
            started = time.perf_counter()
            journal.append(json.dumps({"type": "turn-start", "n": number}).encode())
            timings.append(time.perf_counter() - started)
    timings.sort()
    figures["append_median_ms"] = timings[len(timings) // 2] * 1000
    figures["append_p99_ms"] = timings[int(len(timings) * 0.99)] * 1000
    return figures


def _run_timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a command; return its wall seconds, the peak memory it reported (MB; from a
    `peak-rss-kib N` line on stderr, else NaN) and its output."""
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed: {done.stderr.decode()[-800:]}")
    peak = float("nan")
    for line in done.stderr.decode().splitlines():
        if line.startswith("peak-rss-kib "):
            peak = int(line.split()[1]) / 1024
    return seconds, peak, done.stdout.decode()


def jrnl_python(work: Path) -> Path:
    """A Python with jrnl installed, in a throwaway venv under `work`."""
    venv = work / "jrnl-venv"
    print("installing jrnl into a throwaway venv (from PyPI)...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "jrnl"], check=True)
    return venv / "bin" / "python"


def bench_jrnl(python: Path, work: Path, count: int) -> dict[str, float]:
    """The same work done by jrnl on an encrypted journal of `count` entries."""
    journal = work / "journal.txt"
    config_home = work / "config"
    (config_home / "jrnl").mkdir(parents=True)
    (config_home / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: true\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n    encrypt: true\n"
        "linewrap: 79\ntagsymbols: '@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.2\n"
    )
    lines = []
    for session in finished_sessions(count):
        payload = json.loads(session.payload)
        when = payload["started"][:16].replace("T", " ")
        text = " ".join(note["text"] for note in payload["notes"])
        lines.append(f"[{when}] {payload['group']} session.\n{text}\n")
    driver = str(HERE / "jrnl_driver.py")
    subprocess.run(
        [str(python), driver, "create", str(journal), PASSPHRASE],
        input="\n".join(lines).encode(),
        check=True,
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "XDG_DATA_HOME": str(work)}
    env.pop("PYTHONPATH", None)
    figures: dict[str, float] = {}
    base = [str(python), driver, "run", PASSPHRASE, "--"]
    figures["list_s"], figures["list_rss_mb"], _ = _run_timed([*base, "-n", "50"], env)
    seconds, rss, output = _run_timed([*base, "-contains", SEARCH_TERM, "--short"], env)
    figures["search_s"], figures["search_rss_mb"] = seconds, rss
    figures["search_entries"] = sum(1 for line in output.splitlines() if line.startswith("20"))
    figures["journal_mb"] = journal.stat().st_size / 1e6
    return figures


def main() -> None:
    """Build, measure, compare, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=5000)
    parser.add_argument("--jrnl-python", type=Path, default=None)
    parser.add_argument("--no-jrnl", action="store_true")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-vault-") as temp:
        work = Path(temp)
        folder = work / "vault"
        build_seconds = build_vault(folder, args.sessions)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
        print(f"built a vault of {args.sessions} sessions in {build_seconds:.1f} s ({size:.1f} MB)")
        _, _, output = _run_timed(
            [sys.executable, __file__, "--measure", str(folder)], dict(os.environ)
        )
        ours = json.loads(output)
        print()
        print("iop-facilitator vault (a fresh process; page cache warm):")
        _show("KDF (Argon2id, as stored in the key file)", f"{ours['kdf_s']:.3f} s")
        _show("unlock + list newest 50, after the KDF", f"{ours['list_after_kdf_s']:.3f} s", 1)
        hits = int(ours["search_hits"])
        _show("full-text search over all notes", f"{ours['search_s']:.3f} s ({hits} hits)", 1)
        _show("peak Python memory (tracemalloc)", f"{ours['python_peak_mb']:.1f} MB")
        rss = ours["process_peak_rss_mb"]
        _show("peak process memory (RSS, KDF included)", f"{rss:.1f} MB (target < 200 MB)")
        total = ours["kdf_s"] + ours["list_after_kdf_s"]
        _show("unlock + list newest 50, KDF included", f"{total:.3f} s")
        append = f"{ours['append_median_ms']:.2f} ms median, {ours['append_p99_ms']:.2f} ms p99"
        _show("journal append (sealed, written, fsynced)", append)
        if args.no_jrnl:
            return
        python = args.jrnl_python or jrnl_python(work)
        theirs = bench_jrnl(python, work, args.sessions)
        print()
        print(
            f"jrnl, an encrypted journal of {args.sessions} entries "
            f"({theirs['journal_mb']:.1f} MB), one process per command, its KDF included:"
        )
        _show("jrnl -n 50", f"{theirs['list_s']:.3f} s, peak RSS {theirs['list_rss_mb']:.1f} MB")
        entries = int(theirs["search_entries"])
        _show(
            f"jrnl -contains '{SEARCH_TERM}'",
            f"{theirs['search_s']:.3f} s, peak RSS {theirs['search_rss_mb']:.1f} MB "
            f"({entries} entries)",
        )


def _show(label: str, value: str, target_seconds: float | None = None) -> None:
    target = f" (target < {target_seconds:g} s)" if target_seconds else ""
    print(f"  {label:<44} {value}{target}")


if __name__ == "__main__":
    main()
