"""A 100k-item library: the app opens at once, renders only what is visible, counts later."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Config
from reader.library import Library
from reader.model import ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp
from reader.ui.widgets.headline_list import HeadlineList
from reader.ui.widgets.nav_pane import NavPane

SIZE = 100_000


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "library.sqlite3"
    items = tuple(
        ParsedItem("headline", f"Headline {n} about topic {n % 97} in city {n % 13}")
        for n in range(SIZE)
    )
    with Library.open(path) as library:
        store_document(
            library,
            ParsedDocument(items=items),
            source_name="bulk",
            source_kind="file",
            origin=None,
        )
    return path


async def test_opens_without_waiting_for_counts(big_library: Path, tmp_path: Path) -> None:
    app = ReaderApp(big_library, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(120, 40)) as pilot:
        items = app.screen.query_one(HeadlineList)
        assert items.count == SIZE
        assert items.render_line(0).text.strip()  # the first page is there already
        assert len(items.children) == 0  # no widget per row: lines are drawn on demand
        await pilot.press("G")
        assert items.cursor == SIZE - 1
        current = items.current
        assert current is not None and current.title.startswith("Headline 0 ")
        await app.workers.wait_for_complete()  # the sidebar counts arrive from a worker
        await pilot.pause()
        nav = app.screen.query_one(NavPane)
        assert nav.option_count > 4
        assert "100000" in str(nav.get_option("all").prompt)
