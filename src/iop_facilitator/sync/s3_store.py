"""An object store in an S3-compatible bucket (AWS S3, MinIO, R2, B2, Ceph, SeaweedFS), via boto3.

Why boto3 (docs/sync.md says more): it finds credentials in every usual place (environment,
`~/.aws/credentials` and `~/.aws/config`, a named profile, SSO, instance roles) without our
code touching a secret; its `standard` retry mode retries throttling (429, SlowDown) and
500/502/503/504 with capped exponential backoff and jitter; and `put_object(IfNoneMatch="*")`
is the create-only write. Credentials are never stored by this program, never printed.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING, Any

from iop_facilitator.sync.errors import (
    ObjectMissingError,
    RemoteBucketMissingError,
    RemoteCredentialsError,
    RemoteError,
    RemoteStorageError,
    RemoteUnreachableError,
)
from iop_facilitator.sync.store import check_name

if TYPE_CHECKING:
    from types_boto3_s3 import S3Client

DEFAULT_ATTEMPTS = 6
"""Tries per request, the first included: with botocore's backoff (up to 20 s, jittered) a
server that is restarted, or throttles for a few seconds, is ridden out."""

_CONFLICT_TRIES = 5  # 409 ConditionalRequestConflict: two create-only puts of one key at once
_CREDENTIAL_CODES = {
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "AccessDenied",
    "InvalidToken",
    "ExpiredToken",
    "AuthorizationHeaderMalformed",
    "403",
}
_MISSING_OBJECT_CODES = {"NoSuchKey", "404", "NotFound"}


class S3Store:
    """Objects under `s3://bucket/prefix/` of an S3-compatible server."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint: str | None = None,
        region: str | None = None,
        profile: str | None = None,
        attempts: int = DEFAULT_ATTEMPTS,
        connections: int = 16,
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.endpoint = endpoint
        self._client = _client(endpoint, region, profile, attempts, connections)

    @property
    def description(self) -> str:
        """`s3://bucket/prefix`, plus the endpoint when it is not AWS."""
        url = f"s3://{self.bucket}/{self.prefix}".rstrip("/")
        return f"{url} at {self.endpoint}" if self.endpoint else url

    def _key(self, name: str) -> str:
        check_name(name)
        return f"{self.prefix}/{name}" if self.prefix else name

    def put_new(self, name: str, data: bytes) -> bool:
        """Create-only put (`If-None-Match: *`): False when the server answers 412."""
        key = self._key(name)
        for attempt in range(_CONFLICT_TRIES):
            try:
                self._client.put_object(Bucket=self.bucket, Key=key, Body=data, IfNoneMatch="*")
                return True
            except Exception as error:
                code = _code(error)
                if code in ("PreconditionFailed", "412"):
                    return False
                if code in ("ConditionalRequestConflict", "409") and attempt < _CONFLICT_TRIES - 1:
                    # Another writer is creating the same key right now: wait, then the
                    # retry is refused with 412 (it exists) or goes through.
                    time.sleep(random.uniform(0.05, 0.2) * 2**attempt)
                    continue
                raise self._translate(error, "write to") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def get(self, name: str) -> bytes:
        """The whole object, read in one request."""
        try:
            answer = self._client.get_object(Bucket=self.bucket, Key=self._key(name))
            return answer["Body"].read()
        except Exception as error:
            if _code(error) in _MISSING_OBJECT_CODES:
                raise ObjectMissingError(
                    f"The object {name} is missing from the store {self.description}."
                ) from None
            raise self._translate(error, "read from") from None

    def names(self) -> list[str]:
        """Every object name under the prefix (1,000 per listing request), sorted."""
        start = f"{self.prefix}/" if self.prefix else ""
        found: list[str] = []
        try:
            pages = self._client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=start
            )
            for page in pages:
                found.extend(item["Key"][len(start) :] for item in page.get("Contents", ()))
        except Exception as error:
            raise self._translate(error, "list") from None
        return sorted(name for name in found if "/" not in name)

    def _translate(self, error: Exception, action: str) -> RemoteError:
        """One sentence for what went wrong; never the credentials, never a traceback."""
        return translate_error(error, action, self.bucket, self.description)


def translate_error(error: Exception, action: str, bucket: str, description: str) -> RemoteError:
    """The `RemoteError` for an exception raised by boto3 while using the store."""
    from botocore.exceptions import (
        ConnectionError as BotoConnectionError,
    )
    from botocore.exceptions import (
        HTTPClientError,
        NoCredentialsError,
        PartialCredentialsError,
    )

    code = _code(error)
    if isinstance(error, (NoCredentialsError, PartialCredentialsError)):
        return _no_credentials(description)
    if code == "NoSuchBucket":
        return RemoteBucketMissingError(
            f"The bucket {bucket} does not exist at {description}; create it first, "
            "or check the bucket's name and the endpoint."
        )
    if code in _CREDENTIAL_CODES:
        return RemoteCredentialsError(
            f"The store {description} refused the credentials found in the environment or "
            "the AWS config files (access key, secret or profile); check them."
        )
    if isinstance(error, (BotoConnectionError, HTTPClientError)):
        return RemoteUnreachableError(
            f"Could not reach the store {description} (no answer after several tries); "
            "check the endpoint and the network, then sync again."
        )
    status = _status(error)
    if status is not None and status >= 500:
        return RemoteStorageError(
            f"The store {description} kept answering with a server error ({status}) after "
            "several tries; nothing was lost, sync again later."
        )
    return RemoteStorageError(
        f"Could not {action} the store {description} ({code or type(error).__name__})."
    )


def _no_credentials(description: str) -> RemoteCredentialsError:
    return RemoteCredentialsError(
        f"No credentials for the store {description} were found: set AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or put them in ~/.aws/credentials."
    )


def _code(error: Exception) -> str:
    response: Any = getattr(error, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    return ""


def _status(error: Exception) -> int | None:
    response: Any = getattr(error, "response", None)
    if isinstance(response, dict):
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return int(status) if status is not None else None
    return None


def _client(
    endpoint: str | None, region: str | None, profile: str | None, attempts: int, connections: int
) -> S3Client:
    """A client whose credentials boto3 finds itself (environment, files, profile)."""
    # Imported here: boto3 takes a few tenths of a second to import, and only sync needs it.
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ProfileNotFound

    description = endpoint or "AWS S3"
    try:
        session = boto3.Session(profile_name=profile)
    except ProfileNotFound:
        raise RemoteCredentialsError(
            f"The AWS profile {profile} is not in ~/.aws/config or ~/.aws/credentials."
        ) from None
    if session.get_credentials() is None:
        raise _no_credentials(description)
    config = Config(
        retries={"mode": "standard", "total_max_attempts": attempts},
        connect_timeout=5,
        read_timeout=30,
        max_pool_connections=connections,
        # Most S3-compatible servers on a custom endpoint only answer path-style requests.
        s3={"addressing_style": "path"} if endpoint else None,
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    try:
        return session.client(
            "s3",
            endpoint_url=endpoint,
            region_name=region or session.region_name or "us-east-1",
            config=config,
        )
    except ValueError:
        raise RemoteError(
            f"The endpoint {endpoint} is not a URL the store can be reached at "
            "(for example http://127.0.0.1:8333)."
        ) from None
