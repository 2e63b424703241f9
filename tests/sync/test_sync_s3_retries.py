"""Throttling and server errors are retried with backoff; a conflict between two writers of
one key ends as 'already there'. A small scripted HTTP server plays the store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from iop_facilitator.sync.errors import RemoteStorageError
from iop_facilitator.sync.s3_store import S3Store

NAME = "ab" * 32


def _error(code: str) -> bytes:
    return f"<Error><Code>{code}</Code><Message>scripted</Message></Error>".encode()


class ScriptedStore:
    """Answers each request with the next (status, S3 error code) of a script, then 200."""

    def __init__(self, script: list[tuple[int, str]]) -> None:
        self.script = list(script)
        self.requests: list[str] = []
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_PUT(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                self.rfile.read(length)
                scripted.requests.append(self.headers.get("If-None-Match", ""))
                status, code = scripted.script.pop(0) if scripted.script else (200, "")
                body = _error(code) if code else b""
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                if status == 200:
                    self.send_header("ETag", '"e"')
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def scripted(request: pytest.FixtureRequest, aws_env: None) -> Iterator[ScriptedStore]:
    store = ScriptedStore(request.param)
    store.thread.start()
    yield store
    store.server.shutdown()
    store.server.server_close()


@pytest.mark.parametrize("scripted", [[(503, "SlowDown"), (503, "SlowDown")]], indirect=True)
def test_throttling_is_retried_until_the_write_goes_through(scripted: ScriptedStore) -> None:
    store = S3Store("sync-tests", endpoint=scripted.endpoint, attempts=3)
    assert store.put_new(NAME, b"x") is True
    assert scripted.requests == ["*", "*", "*"]


@pytest.mark.parametrize("scripted", [[(500, "InternalError")] * 10], indirect=True)
def test_a_server_error_that_lasts_is_one_sentence_after_the_retries(
    scripted: ScriptedStore,
) -> None:
    store = S3Store("sync-tests", endpoint=scripted.endpoint, attempts=2)
    with pytest.raises(RemoteStorageError, match=r"kept answering with a server error \(500\)"):
        store.put_new(NAME, b"x")
    assert len(scripted.requests) == 2


@pytest.mark.parametrize(
    "scripted", [[(409, "ConditionalRequestConflict"), (412, "PreconditionFailed")]], indirect=True
)
def test_two_writers_of_one_name_at_once_end_as_already_there(scripted: ScriptedStore) -> None:
    store = S3Store("sync-tests", endpoint=scripted.endpoint, attempts=2)
    assert store.put_new(NAME, b"x") is False
    assert len(scripted.requests) == 2
