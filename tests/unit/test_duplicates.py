"""Copies of one item from several sources: collapsed lists, tags and flags that follow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.library import Library
from reader.model import Block, ItemFilter, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from reader.services.tagging import add_tags, mark_read, mark_starred, remove_tags

COLLAPSED = ItemFilter(collapse_duplicates=True)
FLOODS = "Floods close the northern rail line"
BRIDGE = "Kessel bridge closed after cracks found in piers"
TRAM = "City council approves the new tram line"
FLOODS_TEXT = (
    "Heavy rain overnight left the tracks between the two valley towns under water, and the"
    " operator suspended every service until at least Thursday while engineers inspect the"
    " embankments."
)


def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def _store(library: Library, source: str, item: ParsedItem) -> int:
    store_document(
        library, ParsedDocument(items=(item,)), source_name=source, source_kind="feed", origin=None
    )
    return library.list_items(ItemFilter(source=source), limit=1)[0].id


def _floods(source: str, hour: int) -> ParsedItem:
    """The same wire story as each outlet ran it: own title suffix and sign-off, one link."""
    return ParsedItem(
        "article",
        f"{FLOODS} ({source})",
        blocks=(Block(f"{FLOODS_TEXT} {source} staff report."),),
        url="https://wire.example/2026/03/floods-rail?utm_source=" + source.lower(),
        published=_at(1, hour),
    )


class Sample:
    """Ids of a library with two duplicate sets of three and one lone headline."""

    def __init__(self, library: Library) -> None:
        self.library = library
        # Stored out of date order so the oldest copy is not the first stored one.
        self.floods_post = _store(library, "Harbour Post", _floods("Harbour Post", 10))
        self.floods_wire = _store(library, "Continental Wire", _floods("Continental Wire", 8))
        self.floods_daily = _store(library, "Valley Daily", _floods("Valley Daily", 9))
        self.bridge = [
            _store(library, source, ParsedItem("headline", BRIDGE, published=_at(2, hour)))
            for hour, source in ((9, "Continental Wire"), (10, "Harbour Post"), (11, "Info"))
        ]
        self.tram = _store(
            library, "Continental Wire", ParsedItem("headline", TRAM, published=_at(3, 9))
        )
        self.floods = [self.floods_wire, self.floods_daily, self.floods_post]  # oldest first


@pytest.fixture
def sample(library: Library) -> Sample:
    return Sample(library)


def _rows(library: Library, item_filter: ItemFilter) -> dict[str, tuple[int, int]]:
    """Title start -> (id, duplicates) of each row of the list."""
    return {
        item.title.split(" (")[0]: (item.id, item.duplicates)
        for item in library.list_items(item_filter)
    }


def test_a_collapsed_list_shows_each_set_once_behind_its_oldest_copy(sample: Sample) -> None:
    library = sample.library
    assert len(library.list_items()) == 7
    assert all(item.duplicates == 0 for item in library.list_items())
    rows = _rows(library, COLLAPSED)
    # same link (tracking parameters aside): the earliest published copy stands for all
    assert rows[FLOODS] == (sample.floods_wire, 2)
    # same title from three outlets
    assert rows[BRIDGE] == (sample.bridge[0], 2)
    assert rows[TRAM] == (sample.tram, 0)
    assert len(library.list_items(COLLAPSED)) == 3
    assert library.count_items(COLLAPSED) == 3
    assert library.count_items() == 7
    assert library.hidden_duplicates([sample.floods_wire, sample.tram], COLLAPSED) == {
        sample.floods_wire: [sample.floods_daily, sample.floods_post],
        sample.tram: [],
    }


def test_collapsed_pages_cover_every_set_once(sample: Sample) -> None:
    whole = [item.id for item in sample.library.list_items(COLLAPSED)]
    pages = [
        item.id
        for offset in range(0, 4, 2)
        for item in sample.library.list_items(COLLAPSED, limit=2, offset=offset)
    ]
    assert pages == whole
    assert whole == [sample.tram, sample.bridge[0], sample.floods_wire]  # newest first


def test_filters_pick_the_row_among_the_matching_copies(sample: Sample) -> None:
    library = sample.library
    # A tag on the two later copies: the older of them stands for the other.
    library.tag([sample.floods_daily, sample.floods_post], ["rail"])
    rows = _rows(library, ItemFilter(tag="rail", collapse_duplicates=True))
    assert rows == {FLOODS: (sample.floods_daily, 1)}
    # One source: its own copy, alone.
    rows = _rows(library, ItemFilter(source="Harbour Post", collapse_duplicates=True))
    assert rows == {FLOODS: (sample.floods_post, 0), BRIDGE: (sample.bridge[1], 0)}
    assert library.count_items(ItemFilter(source="Harbour Post", collapse_duplicates=True)) == 2
    # Reading the oldest copy hands the unread row to the next one.
    library.set_read([sample.floods_wire])
    rows = _rows(library, ItemFilter(unread=True, kind="article", collapse_duplicates=True))
    assert rows == {FLOODS: (sample.floods_daily, 1)}
    assert library.hidden_duplicates(
        [sample.floods_daily], ItemFilter(unread=True, collapse_duplicates=True)
    ) == {sample.floods_daily: [sample.floods_post]}
    # The count of a collapsed list is its number of rows, whatever the filter.
    for item_filter in (
        ItemFilter(tag="rail", collapse_duplicates=True),
        ItemFilter(unread=True, collapse_duplicates=True),
        ItemFilter(kind="headline", collapse_duplicates=True),
        ItemFilter(source="Continental Wire", collapse_duplicates=True),
    ):
        assert library.count_items(item_filter) == len(library.list_items(item_filter))
    assert library.count_items(ItemFilter(unread=True, collapse_duplicates=True)) == 3


def test_tags_and_flags_follow_duplicates_only_when_asked(sample: Sample) -> None:
    library = sample.library
    assert library.tag([sample.floods_post], ["rail"]) == [sample.floods_post]
    assert [item.id for item in library.list_items(ItemFilter(tag="rail"))] == [sample.floods_post]
    tagged = add_tags(library, [sample.floods_daily], ["later"], follow_duplicates=True)
    assert tagged[0] == sample.floods_daily and sorted(tagged) == sorted(sample.floods)
    assert {item.id for item in library.list_items(ItemFilter(tag="later"))} == set(sample.floods)
    assert len(remove_tags(library, [sample.floods_wire], ["later"], follow_duplicates=True)) == 3
    assert library.list_items(ItemFilter(tag="later")) == []

    mark_read(library, [sample.bridge[1]], True, follow_duplicates=True)
    assert {item.id for item in library.list_items() if item.read} == set(sample.bridge)
    library.set_read([sample.bridge[2]], False)
    assert {item.id for item in library.list_items() if item.read} == set(sample.bridge[:2])
    mark_starred(library, [sample.tram, sample.floods_post], True, follow_duplicates=True)
    starred = {item.id for item in library.list_items(ItemFilter(starred=True))}
    assert starred == {sample.tram, *sample.floods}
