"""Searching for the app: one index connection, one search at a time, and a newer query
cancelling the one still running (called from worker threads, never the event loop)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.ui.messages import SearchFinished

if TYPE_CHECKING:
    from reader.search.engine import CancelToken, Searcher

SEARCH_LIMIT = 100  # ranking spans and snippets for 500 hits costs 5x more per keystroke


class SearchRunner:
    """Runs the app's searches on a `Searcher` opened on first use."""

    def __init__(self, library_path: Path) -> None:
        self._path = library_path
        self._lock = threading.Lock()
        self._token: CancelToken | None = None
        self._searcher: Searcher | None = None

    def _get_searcher(self) -> Searcher:
        if self._searcher is None:
            # The engine is imported in the worker that first searches (or warms up):
            # 75 ms of start-up otherwise.
            from reader.search.engine import Searcher

            self._searcher = Searcher.open(self._path)
        return self._searcher

    def warm_up(self) -> None:
        """Open the index and read its first pages while the app is idle: the first
        keystroke of a session otherwise paid 50-100 ms more at 100k items."""
        with self._lock:
            if self._token is None:  # nothing typed yet
                for letter in "aes":
                    self._get_searcher().search(letter, limit=SEARCH_LIMIT, snippets=False)

    def search(self, query: str) -> SearchFinished | None:
        """The results of `query`, or None when a newer query overtook it."""
        from reader.search.engine import CancelToken, SearchCancelled
        from reader.search.query import QueryError

        token = CancelToken()
        previous, self._token = self._token, token
        if previous is not None:
            previous.cancel()  # the running search stops at its next check
        with self._lock:
            if token.cancelled:
                return None
            try:
                results = self._get_searcher().search(
                    query, limit=SEARCH_LIMIT, cancel=token, snippets=False
                )
            except SearchCancelled:
                return None
            except QueryError as error:
                return SearchFinished(query, error=str(error))
        hits = results.hits
        return SearchFinished(
            query,
            [hit.id for hit in hits],
            {hit.id: hit.title_spans for hit in hits},
            elapsed_ms=results.elapsed_ms,
            more=not results.complete,
        )

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def close(self) -> None:
        self.cancel()
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
