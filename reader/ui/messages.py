"""Messages for results of app-level work done in workers."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

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
