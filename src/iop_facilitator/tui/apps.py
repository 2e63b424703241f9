"""How the apps reach each other: the runner's start screen opens review over the same
unlocked vault, and the agenda studio on today's copy of the agenda. Composed here (and by the
CLI), so that `tui.runner`, `tui.review` and `tui.studio` never import each other.

Review and the studio (their apps, screens and library) are imported when the facilitator opens
them, not when the runner starts: the runner's first frame does not wait for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App

    from iop_facilitator.vault import Vault


def review_from_runner(vault: Vault, signer: str) -> App[None]:
    """The review app over the runner's vault; quitting it goes back to the session's start."""
    from iop_facilitator.review.library import Library
    from iop_facilitator.tui.review.app import ReviewApp

    return ReviewApp(Library(vault), signer=signer, back_to="the session's start")


def studio_from_runner(copy: Path) -> None:
    """The agenda studio on today's copy of the agenda at `copy`; quitting it goes back to the
    session's start."""
    from iop_facilitator.tui.studio.app import StudioApp

    notice = (
        "Today's copy of the agenda: what you save here is used for this session only; "
        "the template stays as it was. Ctrl+Q goes back to the session's start."
    )
    StudioApp(copy, copy.read_text(encoding="utf-8"), notice=notice).run()
