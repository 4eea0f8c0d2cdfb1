"""D collapses copies of one item from several sources; actions follow the copies."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.config import Config
from reader.library import Library
from reader.model import ItemFilter, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp
from reader.ui.widgets.headline_list import HeadlineList

WHEN = datetime(2026, 11, 3, 9, tzinfo=UTC)
COPY = "Harbour cranes idle as dockers walk out in Kestrel Bay"


@pytest.fixture
def copies_library(tmp_path: Path) -> Path:
    path = tmp_path / "copies.sqlite3"
    with Library.open(path) as library:
        for source in ("Harbour Post", "Coast Wire", "Evening Lamp"):
            item = ParsedItem("headline", COPY, published=WHEN, url="https://news.example/dock")
            store_document(
                library,
                ParsedDocument(items=(item,)),
                source_name=source,
                source_kind="file",
                origin=None,
            )
        other = ParsedItem("headline", "Library opens a reading room for night owls",
                           published=WHEN)  # fmt: skip
        store_document(
            library,
            ParsedDocument(items=(other,)),
            source_name="Coast Wire",
            source_kind="file",
            origin=None,
        )
    return path


def _rows(app: ReaderApp) -> list[str]:
    items = app.screen.query_one(HeadlineList)
    return [items.line_text(index) for index in range(items.count)]


@pytest.mark.parametrize("follow", [True, False])
async def test_collapse_copies_and_tag_the_set(
    copies_library: Path, tmp_path: Path, follow: bool
) -> None:
    app = ReaderApp(copies_library, config=Config(duplicates_follow=follow),
                    state_path=tmp_path / "state.json")  # fmt: skip
    async with app.run_test(size=(160, 30)) as pilot:
        items = app.screen.query_one(HeadlineList)
        assert items.count == 4
        await pilot.press("D")
        await pilot.pause()
        assert items.count == 2  # one row for the three copies, one for the other item
        copy_row = next(row for row in _rows(app) if "Harbour cranes" in row)
        assert "+2 src" in copy_row  # "+2 sources" where the list is wider than 70
        while items.current is not None and items.current.title != COPY:
            await pilot.press("j")
        await pilot.press("s")  # star the row: the whole set when following copies
        await pilot.pause()
        await pilot.press("D")  # every copy again
        await pilot.pause()
        assert items.count == 4
    with Library.open(copies_library) as library:
        starred = library.list_items(ItemFilter(starred=True))
    assert len(starred) == (3 if follow else 1)
    assert app.state.collapse_duplicates is False


async def test_search_results_collapse_copies_with_d(copies_library: Path, tmp_path: Path) -> None:
    app = ReaderApp(copies_library, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(160, 30)) as pilot:
        items = app.screen.query_one(HeadlineList)
        await pilot.press("slash", *"cranes", "enter")
        for _ in range(100):
            if items.count == 3:
                break
            await pilot.pause(0.02)
        assert items.count == 3  # every copy while D is off
        await pilot.press("D")
        for _ in range(100):
            if items.count == 1:
                break
            await pilot.pause(0.02)
        assert items.count == 1
        assert "+2 src" in _rows(app)[0]  # "+2 sources", or "+2 src" in a narrow list
        await pilot.press("D")
        for _ in range(100):
            if items.count == 3:
                break
            await pilot.pause(0.02)
        assert items.count == 3
