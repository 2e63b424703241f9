"""The studio's keys: one list, shown behind F1 and copied into docs/agenda.md."""

from __future__ import annotations

from pathlib import Path

from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.studio.keys import reference, reference_markdown
from tests.studio.studio_testing import studio_on

DOCS = Path(__file__).resolve().parents[2] / "docs" / "agenda.md"


def test_the_docs_key_table_is_the_studios_key_list() -> None:
    assert reference_markdown() in DOCS.read_text(encoding="utf-8")


def test_every_key_says_what_it_does() -> None:
    assert all(key and what for key, what in reference())


async def test_f1_lists_every_key(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("", encoding="utf-8")
    app = studio_on(path)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        assert app.screen.keys == reference()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, KeysScreen)
