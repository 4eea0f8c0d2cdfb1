"""The story view (C): timeline, coverage, agreement and conflicts, and fixing the
grouping from it (x split, M move, J merge) through the app's writer."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from reader.config import Config
from reader.library import Library
from reader.model import Block, ItemFilter, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.services.stories import move_to_story
from reader.ui.app import ReaderApp
from reader.ui.screens.dialogs import StoryPickDialog
from reader.ui.screens.story import StoryScreen

DATA = Path(__file__).resolve().parents[1] / "data" / "stories" / "accounts.json"


@pytest.fixture
def storm_library(tmp_path: Path) -> tuple[Path, int]:
    """The storm story of the accounts fixture as one story, plus an unrelated item."""
    story = next(s for s in json.loads(DATA.read_text())["stories"] if s["name"] == "storm-kerys")
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        for account in story["accounts"]:
            parsed = ParsedItem("article", account["title"], blocks=(Block(account["text"]),),
                                published=datetime.fromisoformat(account["date"]))  # fmt: skip
            store_document(library, ParsedDocument(items=(parsed,)), source_name=account["source"],
                           source_kind="feed", origin=None)  # fmt: skip
        store_document(library, ParsedDocument(items=(ParsedItem("headline", "Tram fares rise in Lyon"),)),
                       source_name="City Wire", source_kind="feed", origin=None)  # fmt: skip
        items = library.list_items()
        storm = [item for item in items if item.source != "City Wire"]
        story_id = storm[0].story_id
        assert story_id is not None
        for item in storm:
            move_to_story(library, item.id, story_id)
    return path, story_id


async def _until(pilot: Pilot[Any], condition: Callable[[], bool]) -> bool:
    for _ in range(200):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


def _rows(screen: StoryScreen) -> int:
    return screen.query_one("#timeline", OptionList).option_count


def _text(screen: StoryScreen, widget: str) -> str:
    return str(screen.query_one(widget, Static).render())


async def test_story_view_shows_who_said_what_and_fixes_the_grouping(
    storm_library: tuple[Path, int], tmp_path: Path
) -> None:
    path, story_id = storm_library
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(160, 50)) as pilot:
        await app.workers.wait_for_complete()
        items = app.screen.query_one("#items")
        while items.current is not None and items.current.story_id != story_id:  # type: ignore[attr-defined]
            await pilot.press("j")
        await pilot.press("C")
        assert await _until(pilot, lambda: isinstance(app.screen, StoryScreen))
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert await _until(pilot, lambda: _rows(screen) == 5)
        timeline = screen.query_one("#timeline", OptionList)
        first = str(timeline.get_option_at_index(0).prompt)
        assert "Western Courier" in first and "first report" in first  # the earliest report
        coverage = _text(screen, "#coverage")
        assert "Atlantic Observer" in coverage and "█" in coverage
        assert "161 km/h" in _text(screen, "#agree")
        differ = _text(screen, "#differ")
        assert "240,000" in differ and "250 000" in differ and "La Dépêche" in differ
        assert "96,000" not in differ and "120,000" not in differ  # other moments

        # x: the highlighted item leaves the story for one of its own.
        timeline.highlighted = 4
        leaving = int(timeline.get_option_at_index(4).id or 0)
        await pilot.press("x")
        assert await _until(pilot, lambda: _rows(screen) == 4)
        with Library.open(path) as library:
            alone = library.get_item(leaving).story_id
            assert alone != story_id

        # J: merge that story back in, picked by typing words of its label.
        await pilot.press("J")
        assert await _until(pilot, lambda: isinstance(app.screen, StoryPickDialog))
        picker = app.screen
        label = next(
            s for s in json.loads(DATA.read_text())["stories"] if s["name"] == "storm-kerys"
        )
        title_words = next(a["title"] for a in label["accounts"] if a["id"] == 5).split()[:2]
        picker.query_one(Input).value = " ".join(title_words)
        await pilot.pause()
        assert picker.query_one(OptionList).option_count >= 1
        await pilot.press("enter")
        assert await _until(
            pilot, lambda: isinstance(app.screen, StoryScreen) and _rows(screen) == 5
        )

        # M: move the highlighted item to the unrelated story.
        with Library.open(path) as library:
            (tram,) = [i for i in library.list_items() if i.source == "City Wire"]
        await pilot.press("M")
        assert await _until(pilot, lambda: isinstance(app.screen, StoryPickDialog))
        app.screen.query_one(Input).value = "tram fares"
        await pilot.pause()
        await pilot.press("enter")
        assert await _until(pilot, lambda: _rows(screen) == 4)
    with Library.open(path) as library:
        assert len(library.list_items(ItemFilter(story_id=tram.story_id))) == 2
        assert len(library.list_items(ItemFilter(story_id=story_id))) == 4
