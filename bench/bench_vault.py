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
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate_vault import PASSPHRASE, MadeSession, SessionShape, build_vault
from jrnl_side import jrnl_command, jrnl_entry, jrnl_python, make_journal, run_timed, session_texts
from memory import peak_rss_mb, reset_peak

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.session.records import Records
from iop_facilitator.vault import KdfParams, Vault, crypto
from iop_facilitator.vault.keyfile import KeyFile, unwrap

SEARCH_TERM = "chain analysis"


def _search_records(vault: Vault) -> int:
    """Notes that mention the search term, decrypting every session record one at a time."""
    term = SEARCH_TERM.casefold()
    hits = 0
    for record in vault.records(RecordKind.SESSION):
        if record.payload is not None:
            hits += sum(1 for text in session_texts(record.payload) if term in text.casefold())
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


def entry_of(made: MadeSession) -> str:
    """The session as a jrnl entry."""
    entry = made.index_entry
    return jrnl_entry(str(entry["started"]), str(entry["group_name"]), made.payload)


def bench_jrnl(python: Path, work: Path, lines: list[str]) -> dict[str, float]:
    """The same work done by jrnl on an encrypted journal of these entries."""
    journal = make_journal(python, work, lines, PASSPHRASE)
    figures: dict[str, float] = {}
    listed = run_timed(jrnl_command(python, PASSPHRASE, "-n", "50"), journal.env)
    figures["list_s"], figures["list_rss_mb"] = listed.seconds, listed.peak_rss_mb
    found = run_timed(
        jrnl_command(python, PASSPHRASE, "-contains", SEARCH_TERM, "--short"), journal.env
    )
    figures["search_s"], figures["search_rss_mb"] = found.seconds, found.peak_rss_mb
    figures["search_entries"] = sum(
        1 for line in found.output.splitlines() if line.startswith("20")
    )
    figures["journal_mb"] = journal.path.stat().st_size / 1e6
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
            keep = None if args.no_jrnl else (lambda made: lines.append(entry_of(made)))
            build_vault(folder, args.sessions, shape=shape, keep=keep)
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
            print(
                f"built a vault of {args.sessions} engine-made sessions ({shape.events} events, "
                f"~{shape.notes_bytes} bytes of notes each) in "
                f"{time.perf_counter() - started:.1f} s ({size:.1f} MB, index "
                f"{(folder / 'index').stat().st_size / 1e6:.1f} MB)"
            )
        measured = run_timed([sys.executable, __file__, "--measure", str(folder)])
        ours = json.loads(measured.output)
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
        python = args.jrnl_python or jrnl_python(work / "jrnl-venv")
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
