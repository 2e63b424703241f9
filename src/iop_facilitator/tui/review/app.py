"""The review app (placeholder while its views are built)."""

from __future__ import annotations

from textual.app import App

from iop_facilitator.review.library import Library


class ReviewApp(App[None]):
    """Review past sessions."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
