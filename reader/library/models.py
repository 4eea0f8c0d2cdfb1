"""Records the library hands out: frozen dataclasses, no database handles inside."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reader.ingest.parsed import Block, ItemKind, SourceKind

LATER_TAG = "later"
"""The tag that makes the read-later list."""


@dataclass(frozen=True, slots=True)
class ItemSummary:
    """What a list row needs: everything but the body."""

    id: int
    kind: ItemKind
    title: str
    title_derived: bool
    author: str | None
    published: datetime | None
    url: str | None
    source: str
    imported_at: datetime
    read: bool
    starred: bool
    story_id: int | None
    tags: tuple[str, ...]
    # Keyword-only so `Item` can still add fields without defaults after it.
    duplicates: int = field(default=0, kw_only=True)
    """Other items of this row's duplicate set that the row stands for (see
    `ItemFilter.collapse_duplicates`); 0 when the list is not collapsed."""


@dataclass(frozen=True, slots=True)
class Item(ItemSummary):
    """A full item, body included."""

    blocks: tuple[Block, ...]
    guid: str | None

    @property
    def body_text(self) -> str:
        """The body as plain text: paragraphs separated by blank lines."""
        return "\n\n".join(block.text for block in self.blocks)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: int
    name: str
    kind: SourceKind
    origin: str | None
    items: int
    unread: int


@dataclass(frozen=True, slots=True)
class TagCount:
    name: str
    items: int


@dataclass(frozen=True, slots=True)
class ItemFilter:
    """Which items a list, export or count covers; None means no constraint."""

    tag: str | None = None
    source: str | None = None
    kind: ItemKind | None = None
    unread: bool = False
    starred: bool = False
    story_id: int | None = None
    collapse_duplicates: bool = False
    """One row per duplicate set (copies of one item from several sources): the set's
    oldest item among those the other constraints match, with `ItemSummary.duplicates`
    counting the matching copies it stands for."""


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What storing one parsed document did."""

    added: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class LibraryStats:
    items: int
    headlines: int
    articles: int
    unread: int
    starred: int
    later: int
    sources: int
    tags: int
    stories: int
    oldest: datetime | None
    newest: datetime | None


# Stories (issue 5) ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as lists show it: its label, size, sources and time span."""

    id: int
    label: str
    size: int
    sources: tuple[str, ...]
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True, slots=True)
class StoryDetail(StorySummary):
    """A story with its items (oldest first) and its duplicate sets."""

    items: tuple[ItemSummary, ...]
    duplicate_sets: tuple[tuple[int, ...], ...]
    """Items that are copies of one another (link, GUID, title or text); sets of 2+."""
    pinned: tuple[int, ...]
    """Items placed here by hand (`reader story move`), which regrouping keeps here."""
