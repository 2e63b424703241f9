"""The vault at the scale of a career: 5,000 finished sessions, against jrnl doing the same.

    .venv/bin/python bench/bench_vault.py [--sessions 5000] [--vault DIR]
        [--events 40] [--notes-bytes 2000] [--jrnl-python PATH | --no-jrnl]

Builds a vault with the real KDF through the shared generator (`generate_vault.py`: every
session run by the `SessionEngine`, stored as `Records.finish` stores it, review's digests
included), or measures `--vault DIR` made by it. Then in a fresh process: unlock, list the
newest 50 (`Records.session_index`, from the encrypted index), a full-text search over every
note (from the index's search text, and again decrypting every session record); prints
seconds and peak memory (VmHWM: the KDF's peak, and the peak of everything after it). Then
the same with jrnl (installed into a throwaway venv from PyPI unless `--jrnl-python` names
one; never a dependency of this package) on an encrypted journal of the same number of
entries with the same notes.
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

from generate_vault import PASSPHRASE, MadeSession, SessionShape, build_vault
from memory import peak_rss_mb, reset_peak

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.records import Records
from iop_facilitator.vault import KdfParams, Vault, crypto
from iop_facilitator.vault.keyfile import KeyFile, unwrap

SEARCH_TERM = "chain analysis"
HERE = Path(__file__).parent


def _texts(payload: bytes) -> list[str]:
    """A finished session's notes and check-in notes, from its record."""
    events = json.loads(payload)["events"]
    return [e["text"] for e in events if e["type"] == "note-added"] + [
        e["note"] for e in events if e["type"] == "checkin-recorded" and e.get("note")
    ]


def _search_records(vault: Vault) -> int:
    """Notes that mention the search term, decrypting every session record one at a time."""
    term = SEARCH_TERM.casefold()
    hits = 0
    for record in vault.records(RecordKind.SESSION):
        if record.payload is not None:
            hits += sum(1 for text in _texts(record.payload) if term in text.casefold())
    return hits


def _search_index(records: Records) -> int:
    """Sessions whose notes mention the search term, from the index's search text alone."""
    term = SEARCH_TERM.casefold()
    return sum(1 for e in records.session_index() if term in e.search_text.casefold())


def _newest(records: Records, count: int = 50) -> list[str]:
    return [entry.session_id for entry in records.session_index()[:count]]


def measure(folder: Path) -> dict[str, float]:
    """Unlock, list the newest 50, search every note (run in a fresh process)."""
    figures: dict[str, float] = {}
    key_file = KeyFile.from_bytes((folder / "key").read_bytes())
    # `Vault.unlock` step by step, to time the KDF apart from the rest.
    started = time.perf_counter()
    kek = crypto.passphrase_key(PASSPHRASE, key_file.kdf_salt, key_file.kdf)
    figures["kdf_s"] = time.perf_counter() - started
    figures["kdf_peak_rss_mb"] = peak_rss_mb()
    apart = reset_peak()
    started = time.perf_counter()
    data_key = unwrap(kek, key_file.passphrase_wrap, key_file.passphrase_aad())
    assert data_key is not None
    vault = Vault._opened(folder, key_file, data_key)
    records = Records(vault)
    figures["listed"] = len(_newest(records))
    figures["list_after_kdf_s"] = time.perf_counter() - started

    started = time.perf_counter()
    figures["index_search_hits"] = _search_index(records)
    figures["index_search_s"] = time.perf_counter() - started
    started = time.perf_counter()
    figures["search_hits"] = _search_records(vault)
    figures["search_s"] = time.perf_counter() - started
    figures["after_kdf_peak_rss_mb"] = peak_rss_mb() if apart else float("nan")

    figures["process_peak_rss_mb"] = max(figures["kdf_peak_rss_mb"], peak_rss_mb())

    # Memory in a second pass, the first vault let go: tracemalloc slows allocation down
    # too much to time with it.
    del vault, records
    tracemalloc.start()
    vault = Vault.unlock(folder, PASSPHRASE)
    _newest(Records(vault))
    _search_index(Records(vault))
    _search_records(vault)
    figures["python_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()

    # What the runner waits for before it shows an event as saved: seal, write, fsync. In a
    # throwaway vault beside the measured one (same disk), which stays as it was built.
    timings = []
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix="bench-journal-") as temp:
        scratch, _ = Vault.init(Path(temp) / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
        with scratch.open_journal("bench-live") as journal:
            for number in range(200):
                started = time.perf_counter()
                journal.append(json.dumps({"type": "turn-started", "n": number}).encode())
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
    subprocess.run([str(venv / "bin" / "pip"), "install", "-qq", "jrnl"], check=True)
    return venv / "bin" / "python"


def jrnl_entry(made: MadeSession) -> str:
    """The session as a jrnl entry: its date and group, then its notes."""
    entry = made.index_entry
    when = str(entry["started"])[:16].replace("T", " ")
    return f"[{when}] {entry['group_name']} session.\n{' '.join(_texts(made.payload))}\n"


def bench_jrnl(python: Path, work: Path, lines: list[str]) -> dict[str, float]:
    """The same work done by jrnl on an encrypted journal of these entries."""
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
    parser.add_argument("--vault", type=Path, default=None, help="a vault from generate_vault")
    parser.add_argument("--events", type=int, default=SessionShape.events, help="per session")
    parser.add_argument("--notes-bytes", type=int, default=SessionShape.notes_bytes)
    parser.add_argument("--jrnl-python", type=Path, default=None)
    parser.add_argument("--no-jrnl", action="store_true")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return

    with tempfile.TemporaryDirectory(prefix="bench-vault-") as temp:
        work = Path(temp)
        folder = args.vault or work / "vault"
        lines: list[str] = []
        if args.vault is None:
            shape = SessionShape(events=args.events, notes_bytes=args.notes_bytes)
            started = time.perf_counter()
            keep = None if args.no_jrnl else (lambda made: lines.append(jrnl_entry(made)))
            build_vault(folder, args.sessions, shape=shape, keep=keep)
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
            print(
                f"built a vault of {args.sessions} engine-made sessions ({shape.events} events, "
                f"~{shape.notes_bytes} bytes of notes each) in "
                f"{time.perf_counter() - started:.1f} s ({size:.1f} MB, index "
                f"{(folder / 'index').stat().st_size / 1e6:.1f} MB)"
            )
        _, _, output = _run_timed(
            [sys.executable, __file__, "--measure", str(folder)], dict(os.environ)
        )
        ours = json.loads(output)
        print()
        print("iop-facilitator vault (a fresh process; page cache warm):")
        _show("KDF (Argon2id, as stored in the key file)", f"{ours['kdf_s']:.3f} s")
        _show("unlock + list newest 50, after the KDF", f"{ours['list_after_kdf_s']:.3f} s", 1)
        hits = int(ours["index_search_hits"])
        _show(
            "search all notes, the index's search text",
            f"{ours['index_search_s']:.3f} s ({hits} sessions)",
            1,
        )
        hits = int(ours["search_hits"])
        _show(
            "search all notes, decrypting every session",
            f"{ours['search_s']:.3f} s ({hits} notes)",
            1,
        )
        _show("peak Python memory (tracemalloc, unlock on)", f"{ours['python_peak_mb']:.1f} MB")
        _show("peak RSS up to the end of the KDF", f"{ours['kdf_peak_rss_mb']:.1f} MB")
        _show("peak RSS after the KDF (list + searches)", f"{ours['after_kdf_peak_rss_mb']:.1f} MB")
        rss = ours["process_peak_rss_mb"]
        _show("peak process memory (VmHWM, whole run)", f"{rss:.1f} MB (target < 200 MB)")
        total = ours["kdf_s"] + ours["list_after_kdf_s"]
        _show("unlock + list newest 50, KDF included", f"{total:.3f} s")
        append = f"{ours['append_median_ms']:.2f} ms median, {ours['append_p99_ms']:.2f} ms p99"
        _show("journal append (sealed, written, fsynced)", append)
        if args.no_jrnl:
            return
        if not lines:
            print("\n(jrnl skipped: its journal is written while the vault is built, not --vault)")
            return
        python = args.jrnl_python or jrnl_python(work)
        theirs = bench_jrnl(python, work, lines)
        print()
        print(
            f"jrnl, an encrypted journal of {len(lines)} entries "
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
