"""Search as you type in the app: results filter the list, matches are highlighted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from reader.config import Config
from reader.library import Library
from reader.model import ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.app import ReaderApp
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.headline_list import HeadlineList

TITLES = (
    "Foot : Kanté rejoint Fenerbahçe pour deux saisons",
    "Tempête Ophélie : vigilance rouge dans le Finistère",
    "Kim Jong-un reçoit le ministre russe à Pyongyang",
    "Markets: Paris and London close higher",
)


async def test_typing_filters_and_highlights(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        items = tuple(ParsedItem("headline", title) for title in TITLES)
        store_document(
            library,
            ParsedDocument(items=items),
            source_name="wire",
            source_kind="file",
            origin=None,
        )
        library.tag([library.list_items()[-1].id], ["later"])
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(140, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("slash")
        assert screen.query_one("#search", Input).has_focus
        for key in "kante fenerb":
            await pilot.press("space" if key == " " else key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = screen.query_one(HeadlineList)
        assert listing.count == 1
        assert not listing.show_horizontal_scrollbar  # rows are cut to the width
        assert listing.current is not None and "Fenerbahçe" in listing.current.title
        line = listing.render_line(0)
        styled = [segment.text for segment in line if segment.style and segment.style.underline]
        assert "Kanté" in styled and "Fenerb" in styled  # the matched characters
        await pilot.pause(0.1)  # the status line comes after the list's frame
        status = str(screen.query_one("#status").render())
        assert "kante fenerb" in status and "1 result" in status and "searching" not in status
        await pilot.pause(0.1)  # the first result is in the reader pane
        assert "Fenerbahçe" in screen.reader.text
        await pilot.press("enter")  # to the list
        assert listing.has_focus
        await pilot.press("slash", "escape")  # esc clears the search
        await pilot.pause()
        assert listing.count == 4
        await pilot.press("slash", *"tag:later")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert listing.count == 1
        assert listing.current is not None and listing.current.title == TITLES[0]


async def _until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Whether `condition` holds within `seconds` of the app's own time (a loaded CI
    machine runs timers late)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_no_results_and_bad_syntax_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        store_document(
            library,
            ParsedDocument(items=(ParsedItem("headline", TITLES[3]),)),
            source_name="wire",
            source_kind="file",
            origin=None,
        )
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(140, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("slash", *"zzzqqq")
        # The status and the empty message follow the results a frame later (a timer).
        assert await _until(pilot, lambda: "Nothing matches “zzzqqq”" in screen.reader.text)
        screen.query_one("#search", Input).value = "after:yesterday"
        assert await _until(
            pilot, lambda: "expects a date" in str(screen.query_one("#status").render())
        )


async def test_untagging_inside_a_tag_search_takes_the_item_out(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        items = tuple(ParsedItem("headline", title) for title in TITLES)
        store_document(library, ParsedDocument(items=items), source_name="wire",
                       source_kind="file", origin=None)  # fmt: skip
        library.tag([item.id for item in library.list_items()[:2]], ["foot"])
    app = ReaderApp(path, config=Config(), state_path=tmp_path / "state.json")
    async with app.run_test(size=(140, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await pilot.press("slash", *"tag:foot", "enter")
        listing = screen.query_one(HeadlineList)
        assert await _until(pilot, lambda: listing.count == 2)
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("enter")  # the only tag, "foot"
        assert await _until(pilot, lambda: listing.count == 1)
        assert await _until(pilot, lambda: "1 result" in str(screen.query_one("#status").render()))
