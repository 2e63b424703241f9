"""Serving the group's view to a browser on this computer only.

The standard library's `http.server.ThreadingHTTPServer`: the page is one small document and
a JSON slide polled twice a second by one or two browser tabs, which needs no framework, and
a server that ships with Python adds no dependency to audit or keep up to date (see
docs/share.md). What keeps it private:

- it binds to 127.0.0.1 only, on a port the system picks at random, and answers a client from
  another address (which should be impossible) with 403;
- the address holds a random token (`secrets.token_urlsafe`, 192 bits), compared in constant
  time (`hmac.compare_digest`); without it every request gets 404 with no content;
- a `Host` header other than 127.0.0.1 or localhost at the server's port gets 403 (a page
  elsewhere cannot reach it through a DNS name pointed at 127.0.0.1);
- it only reads: GET (and HEAD); every other method gets 405 with no content; no request is
  logged, and every answer says `no-store`, `no-referrer` and a strict content security policy.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from typing import Any

from iop_facilitator.session import GroupView, Slide
from iop_facilitator.share.page import CONTENT_SECURITY_POLICY, render_page, slide_json

LOOPBACK = "127.0.0.1"
WAITING = GroupView(Slide.WELCOME, "Group view", "Waiting for the session…")


class ShareServer:
    """The group's view on http://127.0.0.1:PORT/TOKEN/ until `stop()`."""

    def __init__(self, *, token: str | None = None) -> None:
        self.token = token or secrets.token_urlsafe(24)
        self._view = WAITING
        self._ended = False
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((LOOPBACK, 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def address(self) -> tuple[str, int]:
        """Where the server listens (always 127.0.0.1)."""
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        """The page's address, token included: the only way in."""
        return f"http://{LOOPBACK}:{self.port}/{self.token}/"

    def show(self, view: GroupView, *, ended: bool = False) -> None:
        """What the page shows from now on (`ended`: the page stops asking)."""
        with self._lock:
            self._view, self._ended = view, ended

    def current(self) -> tuple[GroupView, bool]:
        with self._lock:
            return self._view, self._ended

    def start(self) -> None:
        """Serve on a thread of its own."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="share-server", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the port."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def allows(self, given: str) -> bool:
        """Whether `given` is the token, compared in constant time."""
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))


def _handler_for(server: ShareServer) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        share = server

    return Handler


class _Handler(BaseHTTPRequestHandler):
    share: ShareServer
    server_version = "iop-facilitator-share"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, *, body: bool) -> None:
        if not ip_address(self.client_address[0]).is_loopback or not self._host_is_ours():
            self._empty(HTTPStatus.FORBIDDEN)
            return
        path = self.path.split("?", 1)[0]
        parts = path.split("/")
        if len(parts) < 2 or not self.share.allows(parts[1]):
            self._empty(HTTPStatus.NOT_FOUND)
            return
        rest = parts[2:]
        view, ended = self.share.current()
        if rest == []:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", f"/{self.share.token}/")
            self.send_header("Content-Length", "0")
            self._private_headers()
            self.end_headers()
        elif rest == [""]:
            self._send(render_page(view), "text/html; charset=utf-8", body)
        elif rest == ["slide.json"]:
            self._send(slide_json(view, ended=ended), "application/json; charset=utf-8", body)
        else:
            self._empty(HTTPStatus.NOT_FOUND)

    def _host_is_ours(self) -> bool:
        port = self.share.port
        return self.headers.get("Host", "") in (f"{LOOPBACK}:{port}", f"localhost:{port}")

    def _send(self, text: str, content_type: str, body: bool) -> None:
        data = text.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self._private_headers()
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _private_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)

    def _empty(self, status: HTTPStatus) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self._private_headers()
        self.end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Malformed requests and unknown methods: the status alone, never a page.
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def do_POST(self) -> None:
        self._empty(HTTPStatus.METHOD_NOT_ALLOWED)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        # Nothing is logged: an address holds the token.
        return
