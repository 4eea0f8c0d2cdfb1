"""Messages for results of app-level work done in workers."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from reader.ui.widgets.nav_pane import NavEntry

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
    """Another process (or our own write) changed the library: reload lists and counts."""


@dataclass
class NavCounted(Message):
    """Fresh counts for the navigation pane, computed in a worker."""

    sections: list[tuple[str, list[NavEntry]]]
    story_sizes: dict[int, int]
