"""A story's timeline and coverage: time order, first reports, undated items kept apart."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.model import ItemSummary
from reader.stories.coverage import bar, coverage, timeline

SAVED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # when the user imported everything


def _item(item_id: int, source: str, day: int | None, kind: str = "headline") -> ItemSummary:
    published = datetime(2026, 11, day, 8, 0, tzinfo=UTC) if day else None
    return ItemSummary(item_id, kind, f"Title {item_id}", False, None, published, None,  # type: ignore[arg-type]
                       source, SAVED, False, False, 1, ())  # fmt: skip


ITEMS = [
    _item(1, "Wire", 5),
    _item(2, "Gazette", 4, "article"),
    _item(3, "Wire", 3),
    _item(4, "Digest", None),
    _item(5, "Gazette", 6),
    _item(6, "Wire", None),
]


def test_timeline_is_in_time_order_with_undated_items_last() -> None:
    entries = timeline(ITEMS)
    assert [entry.item_id for entry in entries] == [3, 2, 1, 5, 4, 6]
    assert [entry.item_id for entry in entries if entry.first_from_source] == [3, 2]
    assert entries[-1].published is None and entries[-1].to_dict()["published"] is None


def test_coverage_gives_each_source_its_first_and_last_report() -> None:
    rows = {row.source: row for row in coverage(ITEMS)}
    assert [row.source for row in coverage(ITEMS)] == ["Wire", "Gazette", "Digest"]
    wire = rows["Wire"]
    assert (wire.items, wire.undated) == (3, 1)
    assert (wire.first, wire.last) == (ITEMS[2].published, ITEMS[0].published)
    # Only undated items: no first report, and never the import date instead.
    assert (rows["Digest"].first, rows["Digest"].last) == (None, None)
    assert sum(row.items for row in rows.values()) == len(ITEMS)


def test_bars_scale_to_the_widest_source() -> None:
    assert bar(3, 3, width=12) == "█" * 12
    assert bar(1, 3, width=12) == "█" * 4
    assert bar(1, 400, width=12) == "█"  # a source with one item still shows
    assert bar(0, 3) == ""
