"""Messages for results of app-level work done in workers."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from reader.model import StoryDetail
from reader.ui.views import NavEntry

Spans = tuple[tuple[int, int], ...]


@dataclass
class SearchFinished(Message):
    """Results of one query; stale ones are ignored by comparing `query`."""

    query: str
    item_ids: list[int] = field(default_factory=list)
    spans: dict[int, Spans] = field(default_factory=dict)
    error: str | None = None
    elapsed_ms: float = 0.0
    more: bool = False

    def can_replace(self, message: Message) -> bool:  # the newest result wins in the queue
        return isinstance(message, SearchFinished)


@dataclass
class LibraryChanged(Message):
    """The library changed: our own write finished (`item_ids` are the rows it touched,
    `note` what to tell the user, `error` why it failed), or another process wrote to
    it (no ids: reload lists and counts)."""

    item_ids: tuple[int, ...] = ()
    note: str | None = None
    error: str | None = None
    refilters: bool = False
    """The write may have taken items in or out of a search (`Write.refilters`)."""


@dataclass
class NavCounted(Message):
    """Fresh counts for the navigation pane, computed in a worker."""

    sections: list[tuple[str, list[NavEntry]]]
    story_sizes: dict[int, int]


@dataclass
class CompareReady(Message):
    """A story loaded in a worker, ready to compare from `focus_item`."""

    story: StoryDetail
    focus_item: int
