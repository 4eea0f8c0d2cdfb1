"""The app's writer thread, without the app: order, retries on a busy library, errors."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from reader.library import Library, NotFoundError
from reader.model import ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.ui.writer import LibraryWriter, Write, WriteDone


def _library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        items = tuple(ParsedItem("headline", f"Harbour news number {n}") for n in range(3))
        store_document(library, ParsedDocument(items=items), source_name="Wire",
                       source_kind="file", origin=None)  # fmt: skip
    return path


def test_writes_run_in_order_and_report_what_they_touched(tmp_path: Path) -> None:
    path = _library(tmp_path)
    done: list[WriteDone] = []
    writer = LibraryWriter(path, done.append)
    writer.submit(Write(lambda lib: lib.set_starred([1]), (1,), lambda: "starred"))
    writer.submit(Write(lambda lib: lib.set_starred([1], False), (1,)))
    assert writer.wait_idle(10)
    writer.close()
    assert done == [
        WriteDone((1,), note="starred", refilters=True),
        WriteDone((1,), refilters=True),
    ]
    with Library.open(path) as library:
        assert not library.get_item(1).starred


def test_a_busy_library_is_waited_for_not_given_up(tmp_path: Path) -> None:
    path = _library(tmp_path)
    done: list[WriteDone] = []
    writer = LibraryWriter(path, done.append)
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    # Past the connection's own busy timeout (10 s): the writer retries until released.
    release = threading.Timer(11.0, lambda: blocker.execute("COMMIT"))
    release.start()
    writer.submit(Write(lambda lib: lib.tag([2], ["later"]), (2,)))
    assert writer.wait_idle(60)
    writer.close()
    release.join()
    blocker.close()
    assert done == [WriteDone((2,), refilters=True)]
    with Library.open(path) as library:
        assert library.get_item(2).tags == ("later",)


def test_a_failed_write_is_reported_and_the_next_one_still_runs(tmp_path: Path) -> None:
    path = _library(tmp_path)
    done: list[WriteDone] = []
    writer = LibraryWriter(path, done.append)

    def broken(_library: Library) -> list[int]:
        raise ValueError("not a list")

    writer.submit(Write(lambda lib: lib.set_read([99]), (99,)))
    writer.submit(Write(broken, (1,)))
    writer.submit(Write(lambda lib: lib.set_read([3]), (3,)))
    assert writer.wait_idle(10)
    writer.close()
    assert done[0].error == str(NotFoundError("no item with id 99"))
    assert done[1].error is not None and "ValueError: not a list" in done[1].error
    assert done[2] == WriteDone((3,), refilters=True)
