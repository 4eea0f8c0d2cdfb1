"""c on an article: its story side by side, shared and unique sentences marked."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.library import Library
from reader.model import Block, ItemFilter, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp
from reader.ui.screens.compare import ArticleColumn, CompareScreen, columns_for
from reader.ui.screens.reader import ReaderScreen

SHARED = "The Kestrel Bay ferry terminal closed on Tuesday after a crane collapsed onto the pier."
WHEN = datetime(2026, 11, 3, 9, tzinfo=UTC)


def _article(title: str, source: str, *sentences: str) -> tuple[str, ParsedItem]:
    body = (Block(" ".join(sentences)),)
    item = ParsedItem("article", title, blocks=body, published=WHEN, url=None)
    return source, item


STORY = (
    _article("Crane collapse shuts Kestrel Bay ferry terminal", "Harbour Post", SHARED,
             "Harbour master Elin Varga said 14 sailings were cancelled.",
             "Engineers will inspect the pier on Thursday."),
    _article("Kestrel Bay: ferry terminal closed after crane falls", "Coast Wire", SHARED,
             "Nobody was hurt, according to the port authority.",
             "Engineers will inspect the pier on Thursday."),
    ("Evening Lamp", ParsedItem("headline", "Kestrel Bay ferries halted after crane collapse",
                                published=WHEN)),
)  # fmt: skip


@pytest.fixture
def story_library(tmp_path: Path) -> Path:
    path = tmp_path / "story.sqlite3"
    with Library.open(path) as library:
        for source, item in STORY:
            store_document(
                library,
                ParsedDocument(items=(item,)),
                source_name=source,
                source_kind="file",
                origin=None,
            )
    return path


def _app(path: Path, tmp_path: Path) -> ReaderApp:
    return ReaderApp(path, config=Config(), state_path=tmp_path / "state.json")


async def _open_compare(app: ReaderApp, pilot: Pilot[Any]) -> CompareScreen:
    await app.workers.wait_for_complete()
    await pilot.press("slash", *"kind:article crane collapse", "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("c")
    await _settle(app, pilot)
    assert isinstance(app.screen, CompareScreen)
    return app.screen


async def _settle(app: ReaderApp, pilot: Pilot[Any]) -> None:
    """Let `c` load its story in a worker, push the screen and compare in another."""
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_compare_marks_shared_and_unique(story_library: Path, tmp_path: Path) -> None:
    app = _app(story_library, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await _open_compare(app, pilot)
        header = str(screen.query_one("#story-header").render())
        assert "Kestrel Bay ferries halted after crane collapse" in header  # the headline
        assert "(Evening Lamp)" in header
        columns = list(screen.query(ArticleColumn))
        assert len(columns) == 2
        # Each column starts with its number, the one the "= N" marks refer to.
        firsts = [column.text.splitlines()[0] for column in columns]
        assert [first.split(" ", 1)[0] for first in firsts] == ["1", "2"]
        texts = {
            first.split(" ", 1)[1].strip(): c.text for first, c in zip(firsts, columns, strict=True)
        }
        post = texts["Crane collapse shuts Kestrel Bay ferry terminal"]
        assert "= 2 " + SHARED in post  # shared with article 2
        assert "▌ Harbour master Elin Varga said 14 sailings were cancelled." in post
        assert "1 only here" in post and "2 shared" in post
        wire = texts["Kestrel Bay: ferry terminal closed after crane falls"]
        assert "▌ Nobody was hurt, according to the port authority." in wire
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_columns_scroll_together_or_apart(story_library: Path, tmp_path: Path) -> None:
    app = _app(story_library, tmp_path)
    async with app.run_test(size=(80, 14)) as pilot:  # small: the columns must scroll
        screen = await _open_compare(app, pilot)
        first, second = screen.query(ArticleColumn)
        await pilot.press("j", "j")
        await pilot.pause()
        assert first.scroll_offset.y == second.scroll_offset.y == 2
        await pilot.press("s", "tab")  # apart; tab puts the focus on a column
        await pilot.pause()
        focused = screen.focused
        assert focused in (first, second)
        other = second if focused is first else first
        await pilot.press("j")
        await pilot.pause()
        assert focused.scroll_offset.y == 3 and other.scroll_offset.y == 2


def test_column_count_follows_the_width() -> None:
    assert [columns_for(width) for width in (60, 80, 120, 160, 250)] == [1, 2, 3, 4, 4]


async def test_compare_needs_two_articles(story_library: Path, tmp_path: Path) -> None:
    app = _app(story_library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"kind:headline crane", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        with Library.open(story_library) as library:
            headline = library.list_items()[0]
            assert headline.story_id is not None
        await pilot.press("c")
        await _settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)  # its story has two articles


@pytest.mark.parametrize("size", [(160, 45), (80, 24)], ids=["wide", "small"])
def test_compare_screen_snapshot(
    snap_compare: Any, story_library: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def open_it(pilot: Pilot[Any]) -> None:
        await _open_compare(pilot.app, pilot)  # type: ignore[arg-type]

    assert snap_compare(_app(story_library, tmp_path), terminal_size=size, run_before=open_it)


async def test_select_a_whole_story_and_tag_it(story_library: Path, tmp_path: Path) -> None:
    app = _app(story_library, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"kind:headline crane", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("V", "t", *"kestrel", "enter")
        await pilot.pause()
    with Library.open(story_library) as library:
        tagged = library.list_items(ItemFilter(tag="kestrel"))
        assert len(tagged) == 3  # the headline and both articles of its story


async def test_compare_leaves_a_running_imports_items_to_the_import(
    story_library: Path, tmp_path: Path
) -> None:
    """c while an import has stored items it has not grouped yet: compare opens on the
    story as it is, and the app does not group the import's items on its event loop."""
    app = _app(story_library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"kind:article crane collapse", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        with Library.open(story_library) as importer:
            late = ParsedItem("headline", "Kestrel Bay crane: inquiry opens", published=WHEN)
            store_document(
                importer,
                ParsedDocument(items=(late,)),
                source_name="Late Wire",
                source_kind="file",
                origin=None,
                group_stories=False,
            )
        # The import is between two slices of its grouping: it holds the write lock.
        blocker = sqlite3.connect(story_library, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("c")
            await _settle(app, pilot)
            assert isinstance(app.screen, CompareScreen)  # opened without the lock
        finally:
            blocker.execute("COMMIT")
            blocker.close()
    with Library.open(story_library) as library:
        (late_row,) = [i for i in library.list_items() if i.source == "Late Wire"]
        assert late_row.story_id is None  # still the import's to group
