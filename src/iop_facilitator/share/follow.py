"""Following a running session for the browser: read the journal, hand the slide to the page.

The page keeps showing the session until it ends (or its runner stops), then says so for a
few seconds and the server stops. While `frozen()` says so, the page stays on its slide (the
facilitator moves on); the end is shown all the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from iop_facilitator.session import SessionWatch
from iop_facilitator.share.server import ShareServer

POLL_SECONDS = 0.5
"""How often the journal is read again (well within the second the view promises)."""

LINGER_SECONDS = 3.0
"""How long the page says the session has ended before the server stops."""


def follow(
    watch: SessionWatch,
    server: ShareServer,
    *,
    poll_seconds: float = POLL_SECONDS,
    linger_seconds: float = LINGER_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
    frozen: Callable[[], bool] = lambda: False,
) -> None:
    """Show the session on `server` until it ends or its runner stops; returns then."""
    while True:
        watch.refresh()
        view = watch.view()
        running = watch.running
        if view is not None and (not running or not frozen()):
            server.show(view, ended=not running)
        if not running:
            sleep(linger_seconds)
            return
        sleep(poll_seconds)
