"""The app's one writer: every change the user makes goes through a queue to a thread
with its own library connection, so the event loop never waits for the write lock.

An import holds that lock for about two seconds per slice; a keystroke's write then
waits on this thread while the app keeps answering keys. Writes run one at a time in
the order they were asked, so a toggle pressed twice toggles twice. A write that meets
a busy library is retried until it goes through (or `GIVE_UP_SECONDS` pass); any other
failure is reported, never dropped.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.library import Library, LibraryError

GIVE_UP_SECONDS = 120.0
"""How long a write keeps waiting for a busy library: an import's grouping of 100k new
items takes about a minute, in two-second slices that let us in between."""
RETRY_PAUSE_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class Write:
    """One change: `change` runs on the writer thread with the writer's library and
    returns the ids it wrote (duplicates included); `note`, asked once it is done, is
    what to tell the user."""

    change: Callable[[Library], list[int]]
    item_ids: tuple[int, ...]
    note: Callable[[], str | None] = field(default=lambda: None)
    refilters: bool = True
    """Whether the change can take items in or out of a search's results (a tag, a
    flag the user set); opening an item, which marks it read, does not: it stays."""


@dataclass(frozen=True, slots=True)
class WriteDone:
    """What a write did: the ids it touched (for the rows to refresh), the message to
    show, or the error that stopped it."""

    item_ids: tuple[int, ...]
    note: str | None = None
    error: str | None = None
    refilters: bool = False


def _is_busy(error: LibraryError) -> bool:
    reason = str(error)
    return "locked" in reason or "busy" in reason


class LibraryWriter:
    """A queue of writes and the thread that applies them, in order."""

    def __init__(self, library_path: Path, on_done: Callable[[WriteDone], None]) -> None:
        self._path = library_path
        self._on_done = on_done
        self._queue: queue.Queue[Write | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def submit(self, write: Write) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="library-writer", daemon=True)
            self._thread.start()
        self._queue.put(write)

    @property
    def pending(self) -> int:
        """Writes asked for and not finished yet."""
        return self._queue.unfinished_tasks

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every submitted write is done; False if `timeout` passed first."""
        done = self._queue.all_tasks_done
        with done:
            return done.wait_for(lambda: not self._queue.unfinished_tasks, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Finish the queued writes (up to `timeout`), then stop the thread."""
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join(timeout)
        self._thread = None

    def _run(self) -> None:
        library: Library | None = None
        try:
            while (write := self._queue.get()) is not None:
                try:
                    if library is None:
                        library = Library.open(self._path)
                    self._on_done(self._apply(library, write))
                except LibraryError as error:
                    self._on_done(WriteDone(write.item_ids, error=str(error)))
                except Exception as error:  # a bug must not kill the writer silently
                    reason = f"the change was not saved ({type(error).__name__}: {error})"
                    self._on_done(WriteDone(write.item_ids, error=reason))
                finally:
                    self._queue.task_done()
            self._queue.task_done()
        finally:
            if library is not None:
                library.close()

    @staticmethod
    def _apply(library: Library, write: Write) -> WriteDone:
        deadline = time.monotonic() + GIVE_UP_SECONDS
        while True:
            try:
                result = write.change(library)
            except LibraryError as error:
                if _is_busy(error) and time.monotonic() < deadline:
                    time.sleep(RETRY_PAUSE_SECONDS)
                    continue
                raise
            ids = tuple(dict.fromkeys((*write.item_ids, *result)))
            return WriteDone(ids, note=write.note(), refilters=write.refilters)
