"""The browser's server: the token or nothing, loopback only, read-only, no content on refusal."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator

import pytest

from iop_facilitator.session import GroupView, Slide
from iop_facilitator.share.server import ShareServer

SLIDE = GroupView(
    Slide.PHASE, "Practice: paced breathing", countdown="4:00", countdown_words="left"
)


@pytest.fixture
def server() -> Iterator[ShareServer]:
    served = ShareServer()
    served.show(SLIDE)
    served.start()
    yield served
    served.stop()


def _get(
    server: ShareServer, path: str, *, method: str = "GET", host: str | None = None
) -> tuple[int, bytes, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Host": host} if host is not None else {}
    connection.request(method, path, headers=headers)
    answer = connection.getresponse()
    body = answer.read()
    connection.close()
    return answer.status, body, answer


def test_the_page_with_the_token_shows_the_slide(server: ShareServer) -> None:
    status, body, answer = _get(server, f"/{server.token}/")
    assert status == 200
    assert "Practice: paced breathing" in body.decode()
    assert answer.getheader("Cache-Control") == "no-store"
    assert "default-src 'none'" in (answer.getheader("Content-Security-Policy") or "")


@pytest.mark.parametrize(
    "path",
    ["/", "/slide.json", "/nope/", "/nope/slide.json", "/favicon.ico", "/../", "//"],
)
def test_without_the_token_nothing_is_shown(server: ShareServer, path: str) -> None:
    status, body, _answer = _get(server, path)
    assert (status, body) == (404, b"")


def test_a_token_almost_right_is_refused(server: ShareServer) -> None:
    status, body, _answer = _get(server, f"/{server.token[:-1]}/slide.json")
    assert (status, body) == (404, b"")


def test_another_host_name_is_refused_even_with_the_token(server: ShareServer) -> None:
    status, body, _answer = _get(server, f"/{server.token}/", host="evil.example:80")
    assert (status, body) == (403, b"")


def test_it_only_reads(server: ShareServer) -> None:
    status, body, _answer = _get(server, f"/{server.token}/slide.json", method="POST")
    assert (status, body) == (405, b"")


def test_it_listens_on_127_0_0_1_only(server: ShareServer) -> None:
    assert server.address[0] == "127.0.0.1"
    # A server on every address (0.0.0.0) would answer here too; one bound to 127.0.0.1
    # does not, nor on any other address of this machine.
    others = {"127.0.0.2"} | {
        str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    }
    for address in others - {"127.0.0.1"}:
        with pytest.raises(OSError), socket.create_connection((address, server.port), timeout=2):
            pass


def test_two_servers_get_different_tokens_and_ports() -> None:
    first, second = ShareServer(), ShareServer()
    try:
        assert first.token != second.token
        assert len(first.token) >= 32
        assert first.port != second.port
    finally:
        first.stop()
        second.stop()


def test_a_client_from_another_address_is_refused_even_with_the_token(
    server: ShareServer,
) -> None:
    # The bind makes this impossible; the handler refuses it all the same. The request comes
    # through a socket pair, named as if from another computer (no packet leaves this one).
    ours, theirs = socket.socketpair()
    with ours, theirs:
        request = f"GET /{server.token}/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n"
        theirs.sendall(request.encode())
        server._httpd.finish_request(ours, ("192.0.2.7", 40000))  # type: ignore[arg-type]
        ours.shutdown(socket.SHUT_WR)
        answer = theirs.recv(65536).decode()
    status_line, _, rest = answer.partition("\r\n")
    assert status_line.endswith("403 Forbidden")
    assert rest.endswith("\r\n\r\n")  # headers only, no content
