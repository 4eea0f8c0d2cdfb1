"""Stories as both front ends use them: grouping what waits, listing stories, one story
with its duplicate sets, and the user's fixes (move an item, split it off).

Each call opens the library's transaction where it writes; the SQL is the story
engine's own (`reader.stories.store`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reader.library import Library, NotFoundError
from reader.model import ItemFilter, StoryDetail, StorySummary
from reader.stories import store

__all__ = [
    "GROUP_SLICE",
    "StoryCommandError",
    "current_stories",
    "ensure_grouped",
    "group_new_items",
    "grouping_state",
    "list_stories",
    "move_to_story",
    "rebuild_stories",
    "split_from_story",
    "story",
    "story_sizes",
    "with_duplicates",
]

GROUP_SLICE = 2000
"""Items grouped per transaction by `group_new_items`: 1.9-2.4 s a slice in a 100k-item
library (4,000 took 3.5-4.4 s; 11,399 new items took 12.3 s in slices of 2,000 and 11.6 s
in slices of 4,000), so another writer waits about two seconds at most."""


FEED_FROM = 30_000
"""A first grouping of this many items or more takes its features from helpers working
ahead (store.SignatureFeed). Measured on 2 cores: 60,000 items 90.0 s without, 65.0 s
with; 20,000 items 10.7 s without, 13.1 s with (the helpers then cost more than they
save)."""


class StoryCommandError(Exception):
    """A story request that cannot run as asked; `usage` marks bad usage (exit 2)."""

    def __init__(self, text: str, *, usage: bool = False) -> None:
        super().__init__(text)
        self.usage = usage


def grouping_state(library: Library) -> store.StateCache:
    """The grouping state this library keeps between imports."""
    return library.cached("stories", store.StateCache)


def group_new_items(library: Library, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Put every item stored without a story into one; returns how many were grouped.

    Runs a slice of `GROUP_SLICE` items per transaction, so that another process (the
    app tagging, a second import) waits about two seconds, not for the whole grouping;
    the slices give the stories of one batch, and a kill costs one slice at most.
    `on_progress(done, total)` follows the slices.
    """
    done = 0
    total = None
    # A library's first grouping (its first import) is as big as they get: its features
    # are extracted ahead, in helper processes, while the slices are grouped.
    big_first = store.first_grouping(library.connection) and (
        store.pending_count(library.connection) >= FEED_FROM
    )
    feed = store.SignatureFeed(library.connection) if big_first else None
    try:
        while True:
            with library.transaction() as connection:
                attached = store.attach_new_items(
                    connection,
                    limit=GROUP_SLICE,
                    on_progress=on_progress,
                    cache=grouping_state(library),
                    feed=feed,
                )
            done += attached.grouped
            if total is None:
                total = attached.grouped + attached.remaining
            if on_progress is not None and total:
                on_progress(min(done, total), total)
            if not attached.remaining or not attached.grouped:
                return done
    finally:
        if feed is not None:
            feed.close()


def ensure_grouped(library: Library, *, pending: bool = True) -> None:
    """Group what has no story yet: a library from before stories existed, and with
    `pending` the items an import stored and has not grouped yet (or left behind when
    it was stopped). Paths the app takes on every keystroke or refresh pass
    `pending=False`: grouping a running import's items there would hold the write lock
    for as long as the import's own grouping would."""
    connection = library.connection
    if store.needs_rebuild(connection) or (pending and store.pending_count(connection)):
        group_new_items(library)


def rebuild_stories(library: Library, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Regroup every item from scratch, manual fixes kept; returns the item count."""
    with library.transaction() as connection:
        return store.rebuild(connection, on_progress)


def list_stories(
    library: Library, *, min_size: int = 1, limit: int | None = None
) -> list[StorySummary]:
    """Stories with at least `min_size` items, most recently updated first."""
    ensure_grouped(library)
    rows = store.story_rows(library.connection, min_size=min_size, limit=limit)
    return [store.story_summary(row) for row in rows]


def story_sizes(library: Library, *, min_size: int = 2) -> dict[int, int]:
    """Story id → item count for stories of at least `min_size` items, for row badges
    (`list_stories` also gathers labels, dates and sources: 20 times the cost)."""
    ensure_grouped(library, pending=False)
    return store.story_sizes(library.connection, min_size)


def current_stories(library: Library, *, limit: int = 12, days: float = 7.0) -> list[StorySummary]:
    """The biggest stories of 2+ items that had news within `days` of the newest item
    (the newest item, not today: a library of old saved news still has its events)."""
    ensure_grouped(library, pending=False)
    connection = library.connection
    ids = store.biggest_recent_stories(connection, limit=limit, days=days)
    rows = (store.story_row(connection, story_id) for story_id in ids)
    return [store.story_summary(row) for row in rows if row is not None]


def story(library: Library, story_id: int, *, group_pending: bool = True) -> StoryDetail:
    """One story with its items (oldest first) and duplicate sets.

    With `group_pending` (the CLI), items an import stored but has not grouped yet are
    grouped first. The app passes False: grouping a running import's items would hold
    the write lock for as long as the import's own grouping."""
    ensure_grouped(library, pending=group_pending)
    connection = library.connection
    row = store.story_row(connection, story_id)
    if row is None:
        raise NotFoundError(f"no story with id {story_id}")
    items = library.list_items(ItemFilter(story_id=story_id))
    items.sort(key=lambda item: (item.published or item.imported_at, item.id))
    summary = store.story_summary(row)
    members = {item.id for item in items}
    return StoryDetail(
        id=summary.id,
        label=summary.label,
        size=summary.size,
        sources=summary.sources,
        first=summary.first,
        last=summary.last,
        items=tuple(items),
        duplicate_sets=tuple(store.duplicate_groups(connection, story_id)),
        pinned=tuple(sorted(item for item in store.fixes(connection) if item in members)),
    )


def move_to_story(library: Library, item_id: int, story_id: int) -> bool:
    """Put an item in another story for good (kept by imports and rebuilds).

    Returns False when the item is already there.
    """
    library.require_items([item_id])
    with library.transaction() as connection:
        try:
            return store.move_item(connection, item_id, story_id)
        except store.StoryFixError as error:
            raise NotFoundError(str(error)) from error


def copies_from_other_sources(library: Library, after_item: int) -> int:
    """How many items above `after_item` copy an item another source already gave."""
    return store.copies_from_other_sources(library.connection, after_item)


def merge_stories(library: Library, story_id: int, into_id: int) -> int:
    """Move every item of one story into another, for good, in one transaction; the
    emptied story goes. Returns how many items moved."""
    if story_id == into_id:
        raise StoryCommandError(f"story {story_id} cannot be merged into itself", usage=True)
    with library.transaction() as connection:
        for wanted in (story_id, into_id):
            if store.story_row(connection, wanted) is None:
                raise NotFoundError(f"no story with id {wanted}")
        members = [item.id for item in library.list_items(ItemFilter(story_id=story_id))]
        try:
            return sum(store.move_item(connection, item_id, into_id) for item_id in members)
        except store.StoryFixError as error:
            raise NotFoundError(str(error)) from error


def split_from_story(library: Library, item_id: int) -> int:
    """Give an item a story of its own for good; returns that story's id."""
    library.require_items([item_id])
    with library.transaction() as connection:
        return store.split_item(connection, item_id)


def with_duplicates(library: Library, item_ids: Iterable[int]) -> list[int]:
    """The items followed by their duplicates (same story, same duplicate set).

    Call inside `library.transaction()` to act on the set in the same step.
    """
    ensure_grouped(library, pending=False)
    return store.duplicates_of(library.connection, library.require_items(item_ids))
