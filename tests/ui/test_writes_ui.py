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


async def test_tagging_while_a_real_import_runs_loses_nothing(
    app_factory: AppFactory, library_file: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    from benchmarks.stress import ROOT, write_feeds

    folder = tmp_path / "feeds"
    write_feeds(folder, files=6, per_file=500, prefix="busy")
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        items = screen.query_one("#items", HeadlineList)
        importer = subprocess.Popen(
            [sys.executable, "-m", "reader", "--library", str(library_file), "import",
             str(folder)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        starred = []
        overlapped = False
        try:
            for _ in range(6):  # star six items while the import stores and groups
                current = items.current_id
                assert current is not None
                starred.append(current)
                await pilot.press("s", "j")
                overlapped |= importer.poll() is None
                await pilot.pause(0.2)
        finally:
            _, err = importer.communicate(timeout=120)
        assert importer.returncode == 0 and "locked" not in err, err
        assert overlapped  # the keys were pressed while the import ran
        assert await asyncio.to_thread(screen.writer.wait_idle, 60)
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == []
    with Library.open(library_file) as library:
        assert all(library.get_item(item_id).starred for item_id in starred)
        assert library.count_items() == 12 + 3000  # the fixture's items and the import's
