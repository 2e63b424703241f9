"""A wrong bucket, credentials, profile or endpoint is one sentence, never a secret."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from iop_facilitator.errors import UserError
from iop_facilitator.sync.errors import (
    RemoteBucketMissingError,
    RemoteCredentialsError,
    RemoteError,
    RemoteUnreachableError,
)
from iop_facilitator.sync.remote import Remote
from iop_facilitator.sync.s3_store import S3Store
from tests.sync.seaweed_server import SECRET_KEY, SeaweedServer, free_ports

NAME = "ab" * 32


def _one_sentence(error: RemoteError) -> str:
    message = str(error)
    assert message.endswith(".") and "\n" not in message
    assert SECRET_KEY not in message and "Traceback" not in message
    return message


@pytest.mark.objectstore
def test_a_bucket_that_does_not_exist_is_named(seaweed: SeaweedServer, aws_env: None) -> None:
    store = S3Store("no-such-bucket", endpoint=seaweed.endpoint, attempts=2)
    with pytest.raises(RemoteBucketMissingError) as caught:
        store.names()
    assert "The bucket no-such-bucket does not exist" in _one_sentence(caught.value)


@pytest.mark.objectstore
def test_a_wrong_secret_is_said_without_showing_it(
    seaweed: SeaweedServer, aws_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    store = S3Store("sync-tests", endpoint=seaweed.endpoint, attempts=2)
    with pytest.raises(RemoteCredentialsError) as caught:
        store.put_new(NAME, b"x")
    message = _one_sentence(caught.value)
    assert "refused the credentials" in message and "not-the-secret" not in message


@pytest.mark.objectstore
def test_an_unknown_access_key_is_a_credentials_sentence(
    seaweed: SeaweedServer, aws_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "nobody")
    store = S3Store("sync-tests", endpoint=seaweed.endpoint, attempts=2)
    with pytest.raises(RemoteCredentialsError):
        store.names()


def test_an_endpoint_nobody_answers_on_is_one_sentence(aws_env: None) -> None:
    (port,) = free_ports(1)
    store = S3Store("sync-tests", endpoint=f"http://127.0.0.1:{port}", attempts=2)
    with pytest.raises(RemoteUnreachableError) as caught:
        store.names()
    assert f"Could not reach the store s3://sync-tests at http://127.0.0.1:{port}" in (
        _one_sentence(caught.value)
    )


def test_no_credentials_anywhere_says_where_to_put_them(
    aws_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    # No instance-metadata lookups on a developer's machine.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(RemoteCredentialsError, match="No credentials for the store"):
        S3Store("sync-tests", endpoint="http://127.0.0.1:9")


def test_credentials_are_read_from_a_named_profile_in_the_credentials_file(
    aws_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    credentials = tmp_path / "credentials"
    secret = secrets.token_hex(8)
    credentials.write_text(f"[office]\naws_access_key_id = k\naws_secret_access_key = {secret}\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    store = Remote.parse("s3://sync-tests/a", endpoint="http://127.0.0.1:9", profile="office")
    assert isinstance(store.open(), S3Store)


def test_a_profile_that_is_not_in_the_files_is_named(aws_env: None) -> None:
    with pytest.raises(RemoteCredentialsError, match="The AWS profile home is not in"):
        S3Store("sync-tests", profile="home")


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("s3://A_B", "is not an S3 location"),
        ("https://example.org/x", "is neither s3://BUCKET/PREFIX nor a folder"),
    ],
)
def test_a_remote_that_is_neither_s3_nor_a_folder_is_refused(url: str, sentence: str) -> None:
    with pytest.raises(Exception, match=sentence):
        Remote.parse(url)


@pytest.mark.parametrize(
    ("endpoint", "sentence"),
    [
        ("http://key:secret@127.0.0.1:8333", "Credentials do not go in the endpoint"),
        ("127.0.0.1:8333", "is not a URL the store can be reached at"),
    ],
)
def test_an_endpoint_with_credentials_or_without_a_scheme_is_refused(
    endpoint: str, sentence: str
) -> None:
    with pytest.raises(UserError, match=sentence) as caught:
        Remote.parse("s3://bucket/x", endpoint=endpoint)
    assert "secret" not in str(caught.value)


def test_a_folder_remote_is_kept_as_an_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert Remote.parse("disk").url == str(tmp_path / "disk")


def test_a_remote_keeps_no_credentials() -> None:
    remote = Remote.parse("s3://bucket/prefix", endpoint="http://127.0.0.1:8333", profile="x")
    assert set(remote.model_dump()) == {"url", "endpoint", "region", "profile"}
