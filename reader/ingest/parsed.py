"""What every parser returns: plain frozen records, independent of storage."""

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
