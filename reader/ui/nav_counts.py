"""The sidebar's sections and counts, computed off the event loop (counting 100k items
takes a while) on a connection of the worker's own."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library
from reader.model import LATER_TAG
from reader.search.engine import Searcher
from reader.search.query import QueryError
from reader.services.stories import current_stories, story_sizes
from reader.ui.messages import NavCounted
from reader.ui.views import NavEntry, View

SAVED_SEARCH_LIMIT = 100  # as many as a search shows: its count is what its view shows


def count_sections(library_path: Path, saved_searches: dict[str, str]) -> NavCounted:
    """Views, saved searches, sources, tags and current stories, each with its count."""
    saved = _count_saved(library_path, saved_searches)
    with Library.open(library_path) as library:
        stats = library.stats()
        views = [
            NavEntry(View("all"), stats.items),
            NavEntry(View("unread"), stats.unread),
            NavEntry(View("later"), stats.later),
            NavEntry(View("starred"), stats.starred),
        ]
        sources = [
            NavEntry(View("source", s.name), s.items, s.unread)
            for s in library.sources()
            if s.items
        ]
        tags = [
            NavEntry(View("tag", t.name), t.items)
            for t in library.tags()
            if t.name.casefold() != LATER_TAG and t.items
        ]
        # Pending items are left to the import that stored them: grouping them here
        # would hold the write lock as long as the import's own grouping.
        sizes = story_sizes(library, min_size=2)
        stories = [NavEntry(View("story", str(story.id), story.label), story.size)
                   for story in current_stories(library, limit=12)]  # fmt: skip
    sections = [
        ("Views", views),
        ("Saved searches", saved),
        ("Sources", sources),
        ("Tags", tags),
        ("Stories", stories),
    ]
    return NavCounted(sections, sizes)


def _count_saved(library_path: Path, saved_searches: dict[str, str]) -> list[NavEntry]:
    """Each saved search with how many items it finds now, as its view shows them."""
    if not saved_searches:
        return []
    entries = []
    with Searcher.open(library_path) as searcher:
        for name, query in saved_searches.items():
            try:
                results = searcher.search(query, limit=SAVED_SEARCH_LIMIT, snippets=False)
            except QueryError:
                entries.append(NavEntry(View("saved", name), 0))
                continue
            entries.append(
                NavEntry(View("saved", name), len(results.hits), more=not results.complete)
            )
    return entries
