"""`iop-facilitator share`: the group's view of the running session, from a second terminal."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from iop_facilitator.cli.vault_options import unlock_vault, vault_options

if TYPE_CHECKING:
    from iop_facilitator.session import SessionWatch


@click.command()
@click.option(
    "--browser",
    is_flag=True,
    help="Serve the view as a web page on 127.0.0.1 (random port and token) instead.",
)
@click.option("--session", "session_id", help="The session to follow, if several are running.")
@vault_options
def share(
    browser: bool,
    session_id: str | None,
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Show the group's view of the session running in another terminal, safe to share.

    It reads the session read-only while the runner holds it, and shows only what the agenda
    lets the group see: never names, airtime, notes, flags or check-in ratings. With --browser
    it prints an address to open in a browser on this computer; the page follows the session
    and the server stops when the session ends (or on Ctrl+C).
    """
    from iop_facilitator.session import SessionWatch, SystemClock, running_session

    vault = unlock_vault(vault_path, passphrase_file)
    watch = SessionWatch(vault, running_session(vault, session_id), SystemClock())
    if browser:
        _serve(watch)
        return
    from iop_facilitator.tui.share.app import ShareApp

    ShareApp(watch).run()


def _serve(watch: SessionWatch) -> None:
    from iop_facilitator.share.follow import follow
    from iop_facilitator.share.server import ShareServer

    server = ShareServer()
    # The first slide is in place before the address is given, so no tab sees a blank page.
    watch.refresh()
    first = watch.view()
    if first is not None:
        server.show(first)
    server.start()
    click.echo("The group's view is at this address (this computer only; keep it private):")
    click.echo(f"  {server.url}")
    click.echo("Open it in a browser and share that window. Ctrl+C stops it.")
    freeze = Freeze()
    if sys.stdin.isatty():
        click.echo("Enter here freezes the page on its slide; Enter again follows the session.")
        threading.Thread(target=freeze.toggle_on_enter, name="share-freeze", daemon=True).start()
    try:
        follow(watch, server, frozen=freeze.is_set)
        click.echo("The session is no longer running; the page is no longer served.")
    except KeyboardInterrupt:
        click.echo("Stopped; the page is no longer served.")
    finally:
        server.stop()


class Freeze(threading.Event):
    """Whether the page stays on its slide; each Enter in the terminal toggles it."""

    def toggle_on_enter(self) -> None:
        """Read lines until the end of input, toggling at each (on a thread of its own)."""
        for _line in sys.stdin:
            if self.is_set():
                self.clear()
                click.echo("Following the session.")
            else:
                self.set()
                click.echo("Frozen on this slide (Enter follows the session again).")
