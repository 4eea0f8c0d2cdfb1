"""Which articles a story compares: the same for `reader compare` and the app's `c`."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.model import ItemKind, ItemSummary, StoryDetail
from reader.services.comparing import articles_to_compare

_AT = datetime(2026, 11, 3, tzinfo=UTC)


def _item(item_id: int, kind: ItemKind = "article") -> ItemSummary:
    return ItemSummary(
        item_id, kind, f"item {item_id}", False, None, _AT, None, "Wire", _AT, False, False, 1, ()
    )


def _story(order: list[int], sets: tuple[tuple[int, ...], ...]) -> StoryDetail:
    items = tuple(_item(i, "headline" if i >= 100 else "article") for i in order)
    return StoryDetail(1, "Storm", len(items), ("Wire",), _AT, _AT, items, sets, ())


def test_one_article_per_copy_set_its_oldest_unless_compare_was_opened_from_another() -> None:
    # Story order is oldest first: item 9 is the set's oldest copy, though its id is higher.
    story = _story([9, 4, 7, 100, 5], ((4, 9),))
    assert articles_to_compare(story) == ([9, 7, 5], [4])
    assert articles_to_compare(story, focus_item=4) == ([4, 7, 5], [9])
    assert articles_to_compare(story, focus_item=100) == ([9, 7, 5], [4])  # a headline
