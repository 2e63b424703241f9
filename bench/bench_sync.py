"""Sync against a real SeaweedFS on this machine: first sync, incremental, no-op, and a clone.

    .venv/bin/python bench/bench_sync.py [--objects 5000] [--object-bytes 13500]
        [--endpoint URL --bucket NAME]

Without `--endpoint` it starts its own SeaweedFS (the `weed` binary of the test extra, through
the tests' fixture code in tests/sync/seaweed_server.py) on free ports and SIGKILLs it at the
end; credentials come from the environment as for any S3 store. The objects are random bytes
of about `--object-bytes` each (sealed vault records are incompressible; a generated session
record is ~13.5 KB, bench/README.md), held by an in-memory device, so that the figures are
those of sync itself: listing, sealing, padding, requests. Prints, per step: seconds,
objects and bytes sent or fetched, requests, and the peak memory of the process.
Goal: an incremental sync sends one object and one head, whatever the vault holds.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # the checkout, for the `tests` package

from memory import peak_rss_mb  # noqa: E402

from iop_facilitator.sync import SyncReport  # noqa: E402
from iop_facilitator.sync.s3_store import S3Store  # noqa: E402
from tests.sync.seaweed_server import ACCESS_KEY, SECRET_KEY, SeaweedServer  # noqa: E402
from tests.sync.sync_testing import Device, DictObjects  # noqa: E402


def _objects(count: int, size: int, seed: int = 2026) -> dict[str, bytes]:
    chooser = random.Random(seed)
    return {
        f"session/{n:05d}": os.urandom(chooser.randint(size * 3 // 4, size * 5 // 4))
        for n in range(count)
    }


def _line(step: str, seconds: float, report: SyncReport) -> str:
    moved = (
        f"sent {report.pushed_objects} objects, {report.pushed_bytes / 1e6:.2f} MB"
        if report.pushed_bytes or not report.pulled_bytes
        else f"fetched {report.pulled_objects} objects, {report.pulled_bytes / 1e6:.2f} MB"
    )
    return (
        f"{step:<28} {seconds:7.2f} s   {moved}, {report.requests} requests, "
        f"peak {peak_rss_mb():.0f} MB"
    )


def run(store: S3Store, count: int, size: int) -> None:
    """Time each step against `store` and print one line per step."""
    office = Device(DictObjects(_objects(count, size)))
    laptop = Device()

    def step(name: str, device: Device) -> None:
        started = time.perf_counter()
        report = device.sync(store)
        print(_line(name, time.perf_counter() - started, report), flush=True)

    step(f"first sync of {count}", office)
    office.objects.objects["session/new"] = os.urandom(size)
    step("incremental, one new object", office)
    step("nothing new", office)
    step("clone onto a new device", laptop)
    assert laptop.objects.objects == office.objects.objects


def run_vault(store: S3Store, sessions: int, folder: Path) -> None:
    """The same steps with a real vault of `sessions` generated sessions (the real KDF)."""
    from datetime import UTC, datetime

    from generate_vault import PASSPHRASE, build_vault

    from iop_facilitator.sync.vault_sync import clone, sync_vault

    def now() -> datetime:
        return datetime.now(UTC)

    started = time.perf_counter()
    office = build_vault(folder / "office", sessions)
    size = sum(p.stat().st_size for p in (folder / "office").rglob("*") if p.is_file()) / 1e6
    print(f"built {sessions} sessions ({size:.0f} MB) in {time.perf_counter() - started:.0f} s")

    def step(name: str, action: Callable[[], SyncReport]) -> None:
        started = time.perf_counter()
        report = action()
        print(_line(name, time.perf_counter() - started, report), flush=True)

    step(f"first sync of {sessions} sessions", lambda: sync_vault(office, store, now))
    office.put("session", "bench-new", os.urandom(13500), session="bench-new")
    step("incremental, one new session", lambda: sync_vault(office, store, now))
    step("nothing new", lambda: sync_vault(office, store, now))
    step(
        "vault clone (KDF included)",
        lambda: clone(store, folder / "laptop", PASSPHRASE, now)[1],
    )


def main() -> None:
    """Parse the arguments, start SeaweedFS if needed, run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=5000)
    parser.add_argument(
        "--vault-sessions", type=int, help="sync a generated vault of this many sessions instead"
    )
    parser.add_argument("--object-bytes", type=int, default=13500)
    parser.add_argument("--endpoint")
    parser.add_argument("--bucket", default="bench")
    arguments = parser.parse_args()
    prefix = f"bench-{os.urandom(4).hex()}"
    if arguments.endpoint:
        run(
            S3Store(arguments.bucket, prefix, endpoint=arguments.endpoint),
            arguments.objects,
            arguments.object_bytes,
        )
        return
    import boto3

    with tempfile.TemporaryDirectory() as folder:
        server = SeaweedServer.create(Path(folder))
        server.start()
        try:
            os.environ.update(AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY)
            boto3.client("s3", endpoint_url=server.endpoint, region_name="us-east-1").create_bucket(
                Bucket=arguments.bucket
            )
            store = S3Store(arguments.bucket, prefix, endpoint=server.endpoint)
            if arguments.vault_sessions:
                run_vault(store, arguments.vault_sessions, Path(folder))
            else:
                run(store, arguments.objects, arguments.object_bytes)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
