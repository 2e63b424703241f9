"""Sync through a real SeaweedFS: two devices, what the store can see, and the server going
away in the middle of a transfer."""

from __future__ import annotations

import secrets
import threading
import time

import boto3
import pytest

from iop_facilitator.sync.envelope import MIN_OBJECT_BYTES, OVERHEAD, padded_size
from iop_facilitator.sync.errors import RemoteError
from iop_facilitator.sync.s3_store import S3Store
from tests.sync.seaweed_server import ACCESS_KEY, SECRET_KEY, SeaweedServer
from tests.sync.sync_testing import Device, DictObjects

pytestmark = pytest.mark.objectstore

MEMBER = "Jordan Rivera"
SESSION_ID = "tuesday-evening-2026-03-03"
DATE = "2026-03-03"
NOTE = "Jordan spoke about the relapse on 3 March"


def _vault_objects() -> DictObjects:
    """Objects whose ids and bytes hold a member's name, an id and dates in the clear (the
    strictest case: sync must hide them even if the vault's own sealing did not)."""
    return DictObjects(
        {
            f"session/{SESSION_ID}": f"{NOTE}; attended: {MEMBER}; {DATE}".encode(),
            f"group/{MEMBER}": f"{{'member': '{MEMBER}', 'joined': '{DATE}'}}".encode() * 40,
            f"note/{SESSION_ID}/{MEMBER}": (NOTE.encode() + b"\n") * 300,
        }
    )


def _raw_bucket(store: S3Store, server: SeaweedServer) -> dict[str, bytes]:
    """Everything under the store's prefix, read past our own code."""
    client = boto3.client(
        "s3",
        endpoint_url=server.endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
    )
    listing = client.list_objects_v2(Bucket=store.bucket, Prefix=store.prefix + "/")
    return {
        item["Key"]: client.get_object(Bucket=store.bucket, Key=item["Key"])["Body"].read()
        for item in listing.get("Contents", ())
    }


def test_the_store_sees_no_name_id_or_date_and_only_padded_sizes(
    s3_store: S3Store, seaweed: SeaweedServer
) -> None:
    Device(_vault_objects()).sync(s3_store)
    stored = _raw_bucket(s3_store, seaweed)
    assert len(stored) == 3  # one pack of the three records, one device entry, one head
    secrets_ = [MEMBER, "Jordan", "Rivera", SESSION_ID, "tuesday", DATE, "2026", "March", "relapse"]
    for key, data in stored.items():
        for secret in secrets_:
            for text in (key.encode(), data):
                assert secret.encode() not in text
                assert secret.lower().encode() not in text.lower()
        assert len(data) >= MIN_OBJECT_BYTES
        assert padded_size(len(data) - OVERHEAD) == len(data)  # a bucket's size


def test_two_devices_through_seaweedfs_end_identical_in_either_order(s3_store: S3Store) -> None:
    office = Device(DictObjects({"session/a": b"office's session", "group/g": b"roster 1"}))
    home = Device(DictObjects({"session/b": b"home's session", "group/g": b"roster 1"}))
    home.sync(s3_store)
    office.sync(s3_store)
    home.sync(s3_store)
    assert office.objects.objects == home.objects.objects
    assert set(home.objects.objects) == {"session/a", "session/b", "group/g"}
    office.sync(s3_store)  # reads home's last head, which only acknowledges office's
    # Settled: a sync now costs one listing, and no head answers another for ever.
    assert office.sync(s3_store).requests == 1 and home.sync(s3_store).requests == 1


class StoppingStore(S3Store):
    """An S3 store whose server is SIGKILLed after `after` requests of one sort."""

    def __init__(self, server: SeaweedServer, *, puts: int = -1, gets: int = -1, **kwargs: object):
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.server, self.puts, self.gets = server, puts, gets
        self.lock = threading.Lock()

    def _tick(self, field: str) -> None:
        with self.lock:
            left = getattr(self, field)
            if left == 0:
                self.server.stop()
            setattr(self, field, left - 1)

    def put_new(self, name: str, data: bytes) -> bool:
        self._tick("puts")
        return super().put_new(name, data)

    def get(self, name: str) -> bytes:
        self._tick("gets")
        return super().get(name)


def _store_args(server: SeaweedServer, prefix: str) -> dict[str, object]:
    return {"bucket": "sync-tests", "prefix": prefix, "endpoint": server.endpoint, "attempts": 2}


def test_the_server_stopped_mid_upload_then_the_next_sync_finishes(
    own_seaweed: SeaweedServer, aws_env: None
) -> None:
    prefix = secrets.token_hex(4)
    office = Device(
        DictObjects({f"session/{n}": bytes([n]) * 2000 for n in range(12)}), pack_bytes=2000
    )
    with pytest.raises(RemoteError):
        office.sync(StoppingStore(own_seaweed, puts=5, **_store_args(own_seaweed, prefix)))
    own_seaweed.start()
    store = S3Store(**_store_args(own_seaweed, prefix) | {"attempts": 6})  # type: ignore[arg-type]
    office.sync(store)
    home = Device()
    home.sync(store)
    assert home.objects.objects == office.objects.objects


def test_the_server_stopped_mid_download_applies_nothing_half_and_resumes(
    own_seaweed: SeaweedServer, aws_env: None
) -> None:
    prefix = secrets.token_hex(4)
    store = S3Store(**_store_args(own_seaweed, prefix))  # type: ignore[arg-type]
    office = Device(
        DictObjects({f"session/{n}": bytes([n]) * 2000 for n in range(12)}), pack_bytes=2000
    )
    office.sync(store)
    home = Device()
    with pytest.raises(RemoteError):
        home.sync(StoppingStore(own_seaweed, gets=6, **_store_args(own_seaweed, prefix)))
    assert all(home.objects.objects[i] == office.objects.objects[i] for i in home.objects.objects)
    assert home.memory.seen == {}
    own_seaweed.start()
    home.sync(S3Store(**_store_args(own_seaweed, prefix) | {"attempts": 6}))  # type: ignore[arg-type]
    assert home.objects.objects == office.objects.objects


def test_a_server_restarted_during_a_sync_is_ridden_out_by_retries(
    own_seaweed: SeaweedServer, aws_env: None
) -> None:
    args = _store_args(own_seaweed, secrets.token_hex(4)) | {"attempts": 10}
    # Four packs in flight: botocore's retry quota (a circuit breaker per client) is not spent
    # by a dozen requests retrying at once while the server comes back on a busy machine.
    office = Device(
        DictObjects({f"session/{n}": bytes([n]) * 2000 for n in range(12)}), pack_bytes=6000
    )

    class RestartingStore(S3Store):
        restarted = False

        def put_new(self, name: str, data: bytes) -> bool:
            if not RestartingStore.restarted:
                RestartingStore.restarted = True
                own_seaweed.stop()
                threading.Thread(target=lambda: (time.sleep(0.5), own_seaweed.start())).start()
            return super().put_new(name, data)

    report = office.sync(RestartingStore(**args))  # type: ignore[arg-type]
    assert report.pushed_objects == 12 and report.problems == []
    home = Device()
    home.sync(S3Store(**args))  # type: ignore[arg-type]
    assert home.objects.objects == office.objects.objects


def test_two_devices_syncing_at_the_same_moment_through_seaweedfs(s3_store: S3Store) -> None:
    devices = [
        Device(DictObjects({f"{n}/{i}": bytes([n, i]) * 500 for i in range(10)}), pack_bytes=2000)
        for n in (1, 2)
    ]
    threads = [threading.Thread(target=device.sync, args=(s3_store,)) for device in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for device in devices:
        assert device.sync(s3_store).problems == []
    assert devices[0].objects.objects == devices[1].objects.objects
    assert len(devices[0].objects.objects) == 20
