"""The records every layer shares: what parsers return and what the library hands out.

Plain frozen dataclasses with no database handles inside, so that ingest, storage, the
engines and both front ends speak one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

ItemKind = Literal["headline", "article"]
SourceKind = Literal["file", "feed", "site"]


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body: a paragraph or a section heading."""

    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """A headline or an article as found in an input, already cleaned."""

    kind: ItemKind
    title: str
    title_derived: bool = False
    blocks: tuple[Block, ...] = ()
    author: str | None = None
    # Timezone-aware when the input said so; naive dates are taken as UTC by storage.
    published: datetime | None = None
    url: str | None = None
    # Feed GUID or other stable identifier given by the input, when there is one.
    guid: str | None = None
    # What a backup (reader's own export) remembers; other inputs leave the defaults.
    source: str | None = None
    """The item's own source name, over the document's."""
    tags: tuple[str, ...] = ()
    read: bool = False
    starred: bool = False
    imported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FeedRef:
    """A subscription found in an OPML file."""

    title: str
    url: str
    site_url: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Everything one input file yields."""

    items: tuple[ParsedItem, ...] = ()
    # Name the input gives itself (feed title, site name); None means "use the file name".
    source_name: str | None = None
    source_kind: SourceKind = "file"
    source_url: str | None = None
    feeds: tuple[FeedRef, ...] = field(default=())
    dropped_lines: int = 0
    """Lines of a plain-text input left out as page furniture (menus, buttons, credits)."""
    notes: tuple[str, ...] = ()
    """What the user should know about how the input was read (shown after its path)."""


# ---------------------------------------------------------------- stored records
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
class StoredDocument:
    """What the library stored of a document: the counts, and the new items' ids (for
    the search index and the story engine, which the import service runs next)."""

    counts: ImportCounts
    new_item_ids: list[int]


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


# ---------------------------------------------------------------- stories


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
