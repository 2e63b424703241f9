"""Driving the review app over the fixture vault (see `review_vault`)."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.pilot import Pilot

from iop_facilitator.review.library import Library
from iop_facilitator.tui.review.app import ReviewApp
from iop_facilitator.vault import Vault

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def review_app(vault: Vault) -> ReviewApp:
    """The app over `vault`, with a fixed clock and a fixed signer."""
    return ReviewApp(Library(vault), now=lambda: NOW, signer="Dr. Rivera")


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the app's workers (loading, saving) have finished and the screen redrew."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
