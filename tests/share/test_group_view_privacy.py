"""Nothing private reaches the group: no member's name, note, flag, check-in or own homework.

A scripted session holds every kind of private thing; at every slide of it, from before the
first phase to the end, the view's texts, its terminal rendering and its HTML page and JSON
are searched for each private word.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from textual.app import App

from iop_facilitator.session import FakeClock, GroupView, SessionEngine, group_view
from iop_facilitator.share.page import render_page, slide_json
from iop_facilitator.tui.common.group_view import GroupViewScreen
from tests.share.share_testing import GROUP_HOMEWORK, private_words, scripted_session


def _every_slide(engine: SessionEngine, clock: FakeClock) -> Iterator[GroupView]:
    """The slides the group sees as the scripted session goes on to its end."""
    yield group_view(engine.state, engine.now())
    engine.assign_homework(GROUP_HOMEWORK)
    while engine.state.next_planned_phase is not None:
        engine.next_phase()
        clock.advance(90)
        yield group_view(engine.state, engine.now())
        engine.pause()
        yield group_view(engine.state, engine.now())
        engine.resume_session()
    engine.end_session()
    yield group_view(engine.state, engine.now())


def _found(words: list[str], text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in words if word.lower() in lowered]


def test_no_private_word_in_any_slide_or_its_html() -> None:
    engine, _group, clock = scripted_session()
    words = private_words(engine)
    slides = list(_every_slide(engine, clock))
    assert {s.heading for s in slides} >= {"Check-in", "Break", "Closing"}
    for slide in slides:
        for text in ("\n".join(slide.lines()), render_page(slide), slide_json(slide)):
            assert _found(words, text) == [], slide.heading
    # The group's own homework is shown at the closing: the search would find a leak.
    closing = next(s for s in slides if s.heading == "Closing")
    assert GROUP_HOMEWORK in closing.items


def _screen_text(svg: str) -> str:
    """The characters on the screen, from its SVG screenshot, joined so that no segment
    boundary can split a word the search looks for."""
    text = html.unescape(re.sub(r"<[^>]+>", "", svg[svg.index("</style>") :]))
    return text.replace("\xa0", " ").replace("\n", "")


class _Host(App[None]):
    def __init__(self, slide: GroupView) -> None:
        super().__init__()
        self.slide = slide

    def on_mount(self) -> None:
        self.push_screen(GroupViewScreen(lambda: self.slide))


async def test_no_private_word_on_the_terminal_screen() -> None:
    engine, _group, clock = scripted_session()
    words = private_words(engine)
    for slide in _every_slide(engine, clock):
        app = _Host(slide)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = _screen_text(app.export_screenshot())
        assert slide.heading.split(":")[0] in screen
        assert _found(words, screen) == [], slide.heading
