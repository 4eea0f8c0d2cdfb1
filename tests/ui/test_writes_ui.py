"""The app's writes go through its writer thread: keys are handled while another
process holds the library's write lock, and every write lands once it is released."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from reader.library import Library
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.headline_list import HeadlineList
from tests.ui.conftest import AppFactory


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another process's writer, as an import is between its BEGIN and COMMIT."""
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    return blocker


async def test_keys_are_handled_while_another_connection_holds_the_write_lock(
    app_factory: AppFactory, library_file: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        items = screen.query_one("#items", HeadlineList)
        first = items.current_id
        assert first is not None
        blocker = _hold_write_lock(library_file)
        try:
            await pilot.press("s")  # star: has to wait for the lock
            await pilot.press("l")  # and save for later, queued behind it
            await pilot.press("j")  # the event loop is free: the cursor moves at once
            await pilot.pause()
            assert items.current_id != first
            assert screen.writer.pending == 2  # both writes wait, neither is lost
            with Library.open(library_file) as library:
                assert not library.get_item(first).starred
        finally:
            blocker.execute("COMMIT")
            blocker.close()
        assert await asyncio.to_thread(screen.writer.wait_idle, 30)
        await pilot.pause()
        with Library.open(library_file) as library:
            written = library.get_item(first)
        assert written.starred and "later" in written.tags
        await pilot.press("k")
        await pilot.pause()
        current = items.current
        assert current is not None and current.id == first
        assert current.starred  # the row was refreshed from the library


async def test_a_toggle_pressed_twice_while_waiting_toggles_twice(
    app_factory: AppFactory, library_file: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        first = screen.query_one("#items", HeadlineList).current_id
        assert first is not None
        blocker = _hold_write_lock(library_file)
        try:
            await pilot.press("s", "s", "m")
            await pilot.pause()
        finally:
            blocker.execute("COMMIT")
            blocker.close()
        assert await asyncio.to_thread(screen.writer.wait_idle, 30)
    with Library.open(library_file) as library:
        item = library.get_item(first)
    assert not item.starred  # starred, then unstarred: the writes ran in order
    assert item.read


async def test_quitting_lands_the_writes_still_queued(
    app_factory: AppFactory, library_file: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        first = screen.query_one("#items", HeadlineList).current_id
        await pilot.press("s")
        await pilot.press("q")
    assert first is not None
    with Library.open(library_file) as library:
        assert library.get_item(first).starred
