"""How the two apps reach each other: the runner's start screen opens review over the same
unlocked vault. Composed here (and by the CLI), so that `tui.runner` and `tui.review` never
import each other."""

from __future__ import annotations

from textual.app import App

from iop_facilitator.review.library import Library
from iop_facilitator.tui.review.app import ReviewApp
from iop_facilitator.vault import Vault


def review_from_runner(vault: Vault, signer: str) -> App[None]:
    """The review app over the runner's vault; quitting it goes back to the session's start."""
    return ReviewApp(Library(vault), signer=signer, back_to="the session's start")
