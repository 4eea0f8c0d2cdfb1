"""Who covered a story and when: its timeline and its coverage per source.

Both read only what the items say of themselves. An item without a publication date
stays undated here: its import date tells when the user saved it, not when the source
reported the event, so it never counts as a first or last report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reader.model import ItemKind, ItemSummary

BAR_WIDTH = 20
"""Cells of the widest source's bar; the others are scaled to it."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One item of a story, in time order."""

    item_id: int
    title: str
    source: str
    kind: ItemKind
    published: datetime | None
    first_from_source: bool
    """The source's earliest dated report of the story (False for undated items)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "title": self.title,
            "source": self.source,
            "kind": self.kind,
            "published": self.published.isoformat() if self.published else None,
            "first_from_source": self.first_from_source,
        }


@dataclass(frozen=True, slots=True)
class SourceCoverage:
    """What one source published about a story."""

    source: str
    items: int
    undated: int
    first: datetime | None
    last: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "items": self.items,
            "undated": self.undated,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


def _when(moment: datetime | None) -> tuple[bool, float]:
    """Sort key: dated first, oldest first."""
    return (moment is None, moment.timestamp() if moment else 0.0)


def timeline(items: Sequence[ItemSummary]) -> list[TimelineEntry]:
    """Dated items oldest first (ties by id), then the undated ones by id."""
    ordered = sorted(items, key=lambda item: (*_when(item.published), item.id))
    seen: set[str] = set()
    entries = []
    for item in ordered:
        first = item.published is not None and item.source not in seen
        if first:
            seen.add(item.source)
        entries.append(TimelineEntry(item.id, item.title, item.source, item.kind,
                                     item.published, first))  # fmt: skip
    return entries


def coverage(items: Sequence[ItemSummary]) -> list[SourceCoverage]:
    """Each source with its items and first and last dated report; the source that
    reported first comes first, sources with only undated items last (by name)."""
    by_source: dict[str, list[ItemSummary]] = {}
    for item in items:
        by_source.setdefault(item.source, []).append(item)
    rows = []
    for source, members in by_source.items():
        dates = sorted(item.published for item in members if item.published is not None)
        rows.append(SourceCoverage(source, len(members), len(members) - len(dates),
                                   dates[0] if dates else None,
                                   dates[-1] if dates else None))  # fmt: skip
    rows.sort(key=lambda row: (*_when(row.first), -row.items, row.source.casefold()))
    return rows


def bar(count: int, widest: int, width: int = BAR_WIDTH) -> str:
    """A bar of whole cells for `count` against the largest count; at least one cell."""
    if count <= 0 or widest <= 0:
        return ""
    return "█" * max(1, round(width * count / widest))
