"""Fixtures for the sync tests: folder stores, and a real SeaweedFS for the tests marked
`objectstore` (started once per run, on free ports, only when such a test asks for it)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.s3_store import S3Store
from tests.sync.seaweed_server import ACCESS_KEY, SECRET_KEY, SeaweedServer

BUCKET = "sync-tests"


@pytest.fixture
def folder_store(tmp_path: Path) -> FolderStore:
    """An empty backup folder."""
    root = tmp_path / "backup"
    root.mkdir()
    return FolderStore(root)


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The test server's credentials in the environment, and no AWS files of the user's."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def _make_bucket(server: SeaweedServer) -> None:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=server.endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedServer]:
    """One SeaweedFS for the run, with the bucket `sync-tests`; SIGKILLed at the end."""
    server = SeaweedServer.create(tmp_path_factory.mktemp("seaweed"))
    server.start()
    try:
        _make_bucket(server)
        yield server
    finally:
        server.stop()


@pytest.fixture
def own_seaweed(tmp_path: Path) -> Iterator[SeaweedServer]:
    """A SeaweedFS of this test's own, which the test may stop and restart."""
    server = SeaweedServer.create(tmp_path / "seaweed")
    server.start()
    try:
        _make_bucket(server)
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_store(seaweed: SeaweedServer, aws_env: None) -> S3Store:
    """An empty place in the shared server's bucket (a fresh prefix per test)."""
    return S3Store(BUCKET, secrets.token_hex(6), endpoint=seaweed.endpoint, attempts=3)
