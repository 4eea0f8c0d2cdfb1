"""The first version of the app: it opens on a library, shows items literally, quits with q."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from reader.config import Config
from reader.ingest.parsed import Block, ParsedDocument, ParsedItem
from reader.library import Library
from reader.ui.app import ReaderApp

EVIL = "Storm [@click=app.quit]wins[/] [b]x[/b] [type=x, v={'a[0]'}] \x1b[31mred"


def _library_with(path: Path, *items: ParsedItem) -> Path:
    with Library.open(path) as library:
        library.store_document(ParsedDocument(items=items), source_name="wire",
                               source_kind="file", origin=None)  # fmt: skip
    return path


async def test_app_lists_items_and_quits_with_q(tmp_path: Path) -> None:
    path = _library_with(
        tmp_path / "lib.sqlite3",
        ParsedItem("article", "Dam inspection finds cracks", blocks=(Block("Engineers said."),)),
        ParsedItem("headline", "Ferry timetable changes"),
    )
    app = ReaderApp(path, config=Config())
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.query_one("#items", OptionList)
        assert options.option_count == 2
        await pilot.press("j")
        await pilot.pause()
        assert "Engineers said." in str(app.query_one("#article", Static).render())
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_markup_in_titles_is_shown_literally(tmp_path: Path) -> None:
    path = _library_with(tmp_path / "lib.sqlite3", ParsedItem("headline", EVIL))
    app = ReaderApp(path, config=Config())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        await pilot.click("#items")
        await pilot.pause()
        assert app.is_running  # the [@click=app.quit] in the title did nothing
        shown = str(app.query_one("#article", Static).render())
        assert "[@click=app.quit]wins[/] [b]x[/b]" in shown
        assert "\x1b" not in shown


async def test_empty_library_says_how_to_import(tmp_path: Path) -> None:
    app = ReaderApp(tmp_path / "empty.sqlite3", config=Config())
    async with app.run_test(size=(100, 30)):
        assert "reader import PATH" in str(app.query_one("#article", Static).render())
