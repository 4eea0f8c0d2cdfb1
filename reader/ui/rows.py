"""Where the headline list gets its rows: a library filter, or a fixed list of ids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from reader.library import Library
from reader.model import ItemFilter, ItemSummary

Spans = tuple[tuple[int, int], ...]


class RowSource(Protocol):
    """A list of items the HeadlineList can page through without loading it all."""

    def count(self) -> int: ...

    def page(self, offset: int, limit: int) -> list[ItemSummary]: ...

    def title_spans(self, item_id: int) -> Spans: ...


@dataclass
class FilterRows:
    """Items matching a library filter, newest first, fetched page by page."""

    library: Library
    item_filter: ItemFilter

    def count(self) -> int:
        return self.library.count_items(self.item_filter)

    def page(self, offset: int, limit: int) -> list[ItemSummary]:
        return self.library.list_items(self.item_filter, limit=limit, offset=offset)

    def title_spans(self, item_id: int) -> Spans:
        return ()


@dataclass
class IdRows:
    """A ranked list of ids (search results), with the matched title spans of each, and
    for collapsed results how many copies each row stands for."""

    library: Library
    item_ids: Sequence[int]
    spans: Mapping[int, Spans] = field(default_factory=dict)
    copies: Mapping[int, int] = field(default_factory=dict)

    @classmethod
    def collapsed(cls, library: Library, item_ids: Sequence[int],
                  spans: Mapping[int, Spans]) -> IdRows:  # fmt: skip
        """One row per duplicate set, at its best-ranked member, counting the others."""
        roots = library.duplicate_roots(item_ids)
        shown: dict[int, int] = {}  # root -> the row that stands for its set
        copies: dict[int, int] = {}
        for item_id in item_ids:
            row = shown.setdefault(roots[item_id], item_id)
            if row != item_id:
                copies[row] = copies.get(row, 0) + 1
        return cls(library, list(shown.values()), spans, copies)

    def count(self) -> int:
        return len(self.item_ids)

    def page(self, offset: int, limit: int) -> list[ItemSummary]:
        rows = self.library.summaries(self.item_ids[offset : offset + limit])
        if not self.copies:
            return rows
        return [replace(row, duplicates=self.copies.get(row.id, 0)) for row in rows]

    def title_spans(self, item_id: int) -> Spans:
        return self.spans.get(item_id, ())
