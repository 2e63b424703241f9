"""Where a vault syncs to: `s3://BUCKET/PREFIX` (with an endpoint for non-AWS stores) or a
folder, as the user typed it; and the check, once, that the store writes create-only."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from iop_facilitator.errors import UserError
from iop_facilitator.sync.envelope import ObjectKind, SyncKeys, seal
from iop_facilitator.sync.folder_store import FolderStore
from iop_facilitator.sync.memory import probe_name
from iop_facilitator.sync.s3_store import S3Store
from iop_facilitator.sync.store import ObjectStore, probe_create_only

_S3_URL = re.compile(r"s3://(?P<bucket>[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9])(?:/(?P<prefix>.*))?")


class Remote(BaseModel):
    """A remote as `vault remote set` keeps it: no credentials, ever (boto3 finds those)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str
    endpoint: str | None = None
    region: str | None = None
    profile: str | None = None

    @classmethod
    def parse(
        cls,
        url: str,
        *,
        endpoint: str | None = None,
        region: str | None = None,
        profile: str | None = None,
    ) -> Remote:
        """A remote from what the user typed; one sentence if it is not an S3 URL or folder."""
        if url.startswith("s3://"):
            if not _S3_URL.fullmatch(url.rstrip("/")):
                raise UserError(
                    f"{url} is not an S3 location: write s3://BUCKET or s3://BUCKET/PREFIX, "
                    "with a bucket name of 3 to 63 lowercase letters, digits, dots and dashes."
                )
        elif "://" in url:
            raise UserError(f"{url} is neither s3://BUCKET/PREFIX nor a folder.")
        elif endpoint or region or profile:
            raise UserError("--endpoint, --region and --profile are for s3:// remotes only.")
        else:
            url = str(Path(url).expanduser().absolute())  # the same folder from any directory
        if endpoint is not None:
            parts = urlsplit(endpoint)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise UserError(
                    f"The endpoint {endpoint} is not a URL the store can be reached at "
                    "(for example http://127.0.0.1:8333)."
                )
            if parts.username or parts.password:
                raise UserError(
                    "Credentials do not go in the endpoint: set AWS_ACCESS_KEY_ID and "
                    "AWS_SECRET_ACCESS_KEY, or use a profile of the AWS files."
                )
        return cls(url=url, endpoint=endpoint, region=region, profile=profile)

    def open(self, *, attempts: int | None = None) -> ObjectStore:
        """The store this remote names (a folder must exist; the bucket is checked on use)."""
        match = _S3_URL.fullmatch(self.url.rstrip("/"))
        if match is None:
            return FolderStore(Path(self.url).expanduser())
        extra = {"attempts": attempts} if attempts else {}
        return S3Store(
            match["bucket"],
            match["prefix"] or "",
            endpoint=self.endpoint,
            region=self.region,
            profile=self.profile,
            **extra,
        )


def check_create_only(store: ObjectStore, keys: SyncKeys) -> None:
    """Refuse a store that ignores create-only writes (`remote set` runs this once). The
    probe is a sealed envelope of kind PROBE under a random name: other devices skip it."""
    name = probe_name(keys)
    probe_create_only(store, name, seal(keys, name, ObjectKind.PROBE, secrets.token_bytes(16)))
