"""Search: every note, check-in note, homework and flag, and what review added afterwards (the
clinical note as edited, addenda, flag handling), with the words highlighted."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from iop_facilitator.review.clinical_notes import ClinicalNote
from iop_facilitator.review.search import SearchHit, search
from iop_facilitator.review.text_search import excerpt
from iop_facilitator.tui.review import keys
from iop_facilitator.tui.review.screens.base import ReviewView
from iop_facilitator.tui.review.widgets import HitList
from iop_facilitator.wording import day

SHOWN = 200
EXCERPT = 66


def hit_text(hit: SearchHit) -> Text:
    """One hit: where it is from, then the text around the words, the words highlighted."""
    cut, spans = excerpt(hit.text, list(hit.spans), width=EXCERPT)
    body = Text(cut)
    for start, end in spans:
        body.stylize("bold reverse", start, end)
    who = f" · {hit.member_name}" if hit.member_name else ""
    head = Text(f"{day(hit.started)} {hit.group_name} · {hit.source}{who}\n", style="dim")
    return head + body


class SearchView(ReviewView):
    VIEW = "search"
    BINDINGS = keys.SEARCH

    def compose_view(self) -> ComposeResult:
        yield Input(
            placeholder="Search notes, check-ins, homework, flags (Esc: to the hits)", id="query"
        )
        yield Label("", id="count", classes="count")
        yield HitList(id="hits")

    def on_mount(self) -> None:
        self._notes: dict[str, ClinicalNote] | None = None
        self.query_one("#query", Input).focus()

    def refresh_view(self) -> None:
        self._notes = None  # a note may have been edited since: read them again
        self._search(self.query_one("#query", Input).value)

    def _saved_notes(self) -> dict[str, ClinicalNote]:
        # Read once per visit (each is decrypted), not once per keystroke.
        if self._notes is None:
            self._notes = self.review.library.saved_notes()
        return self._notes

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self.query_one("#hits", OptionList).focus()

    def _search(self, text: str) -> None:
        hits = (
            search(self.review.archive, text, limit=SHOWN, notes=self._saved_notes())
            if len(text.strip()) >= 2
            else []
        )
        options = self.query_one("#hits", OptionList)
        options.clear_options()
        options.add_options(
            [Option(hit_text(h), id=f"{n}:{h.session_id}") for n, h in enumerate(hits)]
        )
        more = "+" if len(hits) >= SHOWN else ""
        found = f"{len(hits)}{more} {'hit' if len(hits) == 1 and not more else 'hits'}"
        self.query_one("#count", Label).update(
            found if text.strip() else "Type at least two letters."
        )

    def action_leave_box(self) -> None:
        self.query_one("#hits", OptionList).focus()

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    @on(OptionList.OptionSelected, "#hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(str(event.option.id))

    def _open(self, option_id: str) -> None:
        from iop_facilitator.tui.review.screens.session_detail import SessionDetailScreen

        self.app.push_screen(SessionDetailScreen(option_id.split(":", 1)[1]))
