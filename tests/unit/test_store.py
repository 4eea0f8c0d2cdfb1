"""The storage layer: schema, migrations, dedupe, tags, flags, transactions, concurrency."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.library import Library, LibraryError, NewerSchemaError, NotFoundError
from reader.library.schema import LATEST_VERSION
from reader.model import Block, Item, ItemFilter, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from tests.conftest import StoreFn, article, headline


def test_new_library_is_migrated_to_latest_with_wal(library: Library) -> None:
    assert library.schema_version == LATEST_VERSION
    mode = library.connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert library.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert library.is_empty()


def test_reopening_keeps_data_and_version(library_path: Path) -> None:
    with Library.open(library_path) as library:
        store_document(library, ParsedDocument(items=(headline("Storm reaches the coast"),)),
            source_name="a.txt", source_kind="file", origin=None,
        )  # fmt: skip
    with Library.open(library_path) as library:
        assert library.schema_version == LATEST_VERSION
        assert [item.title for item in library.list_items()] == ["Storm reaches the coast"]


def test_library_from_newer_reader_is_refused_and_untouched(library_path: Path) -> None:
    library_path.parent.mkdir(parents=True)
    connection = sqlite3.connect(library_path)
    connection.execute("CREATE TABLE future (x)")
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    connection.commit()
    connection.close()
    before = hashlib.sha256(library_path.read_bytes()).hexdigest()
    with pytest.raises(NewerSchemaError, match="newer reader"):
        Library.open(library_path)
    assert hashlib.sha256(library_path.read_bytes()).hexdigest() == before
    assert not Path(str(library_path) + "-wal").exists()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("these are not the bytes of a database\n" * 100)
    with pytest.raises(LibraryError, match="not an SQLite database"):
        Library.open(bogus)


def test_unwritable_location_names_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    with pytest.raises(LibraryError, match="file-not-dir"):
        Library.open(blocker / "library.sqlite3")


def test_exact_duplicate_headline_in_one_source_is_stored_once(library: Library) -> None:
    document = ParsedDocument(
        items=(headline("Markets close higher"), headline("Markets  close higher"), headline("X"))
    )
    counts = store_document(library, document, source_name="a", source_kind="file", origin=None)
    assert (counts.added, counts.duplicates) == (2, 1)
    again = store_document(library, document, source_name="a", source_kind="file", origin=None)
    assert (again.added, again.duplicates) == (0, 3)
    other = store_document(library, document, source_name="b", source_kind="file", origin=None)
    assert other.added == 2  # another source's copy is its own item
    assert library.count_items() == 4


def test_a_headline_in_other_case_is_another_line_of_the_list(library: Library) -> None:
    # Lists repeat a headline in title case and sentence case; both lines are kept.
    document = ParsedDocument(
        items=(headline("Olympics ratings plummet"), headline("Olympics Ratings Plummet"))
    )
    counts = store_document(library, document, source_name="a", source_kind="file", origin=None)
    assert (counts.added, counts.duplicates) == (2, 0)


def test_feed_entry_with_same_guid_is_not_duplicated_when_edited(library: Library) -> None:
    first = ParsedItem("headline", "Bridge closed", guid="urn:x:1")
    edited = ParsedItem("headline", "Bridge closed after crack found", guid="urn:x:1")
    store_document(
        library, ParsedDocument(items=(first,)), source_name="f", source_kind="feed", origin=None
    )
    counts = store_document(
        library, ParsedDocument(items=(edited,)), source_name="f", source_kind="feed", origin=None
    )
    assert counts.duplicates == 1
    assert library.count_items() == 1


def test_store_round_trips_every_field(library: Library) -> None:
    published = datetime(2026, 11, 4, 9, 30, tzinfo=UTC)
    parsed = ParsedItem(
        "article",
        "Derived title from the lead…",
        title_derived=True,
        blocks=(Block("Lead paragraph."), Block("a heading", heading=True), Block("Last one.")),
        author="Inès Roux",
        published=published,
        url="https://news.example/a",
        guid="g-1",
    )
    store_document(
        library,
        ParsedDocument(items=(parsed,)),
        source_name="Le Fil",
        source_kind="feed",
        origin="https://news.example/feed",
    )
    (summary,) = library.list_items()
    item = library.get_item(summary.id)
    assert isinstance(item, Item)
    assert (item.title, item.title_derived, item.author) == (parsed.title, True, "Inès Roux")
    assert item.published == published
    assert item.blocks == parsed.blocks
    assert (item.url, item.guid, item.source, item.kind) == (parsed.url, "g-1", "Le Fil", "article")
    assert item.body_text == "Lead paragraph.\n\na heading\n\nLast one."
    assert not item.read and not item.starred and item.story_id is not None  # grouped on import


def test_list_order_and_filters(library: Library, store: StoreFn) -> None:
    store(
        headline("old", published=datetime(2025, 1, 1)),
        article("new article", "body", published=datetime(2026, 6, 1)),
        source="one",
    )
    store(headline("middle", published=datetime(2025, 6, 1, tzinfo=UTC)), source="Two")
    assert [i.title for i in library.list_items()] == ["new article", "middle", "old"]
    assert library.list_items()[0].published == datetime(2026, 6, 1, tzinfo=UTC)
    assert [i.title for i in library.list_items(ItemFilter(source="two"))] == ["middle"]
    assert [i.title for i in library.list_items(ItemFilter(kind="article"))] == ["new article"]
    assert [i.title for i in library.list_items(limit=1, offset=1)] == ["middle"]
    old = library.list_items(ItemFilter(source="ONE", kind="headline"))[0]
    library.set_read([old.id])
    assert [i.title for i in library.list_items(ItemFilter(unread=True))] == ["new article",
                                                                                "middle"]  # fmt: skip
    assert library.count_items(ItemFilter(unread=True)) == 2


def test_tags_are_case_insensitive_and_counted(library: Library, store: StoreFn) -> None:
    first, second = store(headline("a"), headline("b"))
    library.tag([first], ["Ukraine", "later"])
    library.tag([second], ["ukraine", "#Later"])
    assert {(t.name, t.items) for t in library.tags()} == {("Ukraine", 2), ("later", 2)}
    assert library.get_item(first).tags == ("later", "Ukraine")
    assert library.count_items(ItemFilter(tag="UKRAINE")) == 2
    library.tag([first], ["ukraine"])  # again: no error, no second link
    assert library.count_items(ItemFilter(tag="ukraine")) == 2


def test_untag_removes_links_and_unused_tags_but_keeps_later(
    library: Library, store: StoreFn
) -> None:
    (only,) = store(headline("a"))
    library.tag([only], ["economy", "later"])
    assert library.untag([only], ["ECONOMY", "later"]) == 2
    assert library.get_item(only).tags == ()
    assert [t.name for t in library.tags()] == ["later"]
    with pytest.raises(NotFoundError, match="no tag named 'economy'"):
        library.untag([only], ["economy"])


def test_tagging_a_missing_item_changes_nothing(library: Library, store: StoreFn) -> None:
    (only,) = store(headline("a"))
    with pytest.raises(NotFoundError, match="no item with id 999"):
        library.tag([only, 999], ["x"])
    assert library.get_item(only).tags == ()
    assert library.tags() == []


@pytest.mark.parametrize("bad", ["", "   ", "#", "x" * 65])
def test_invalid_tags_are_refused(library: Library, store: StoreFn, bad: str) -> None:
    (only,) = store(headline("a"))
    with pytest.raises(LibraryError, match="invalid tag"):
        library.tag([only], [bad])


def test_import_tags_apply_to_new_and_already_known_items(library: Library) -> None:
    document = ParsedDocument(items=(headline("a"), headline("b")))
    store_document(library, document, source_name="s", source_kind="file", origin=None)
    store_document(
        library, document, source_name="s", source_kind="file", origin=None, tags=["later"]
    )
    assert library.count_items(ItemFilter(tag="later")) == 2


def test_a_failing_document_writes_nothing(library: Library) -> None:
    good = headline("fine")
    broken = ParsedItem("podcast", "not a kind we store")  # type: ignore[arg-type]
    with pytest.raises(LibraryError, match="CHECK constraint failed"):
        store_document(
            library,
            ParsedDocument(items=(good, broken)),
            source_name="bad.txt",
            source_kind="file",
            origin=None,
        )
    assert library.is_empty()
    assert library.sources() == []


def test_star_and_read_flags(library: Library, store: StoreFn) -> None:
    first, second = store(headline("a"), headline("b"))
    library.set_starred([first])
    library.set_read([first, second])
    library.set_read([second], False)
    assert library.count_items(ItemFilter(starred=True)) == 1
    assert [i.id for i in library.list_items(ItemFilter(unread=True))] == [second]
    stats = library.stats()
    assert (stats.items, stats.unread, stats.starred, stats.sources) == (2, 1, 1, 1)


def test_opml_feeds_become_sources(library: Library) -> None:
    from reader.model import FeedRef

    document = ParsedDocument(
        feeds=(FeedRef("Harbour Post", "https://harbour.example/rss"),
               FeedRef("", "https://nameless.example/feed")),
    )  # fmt: skip
    store_document(library, document, source_name="subs.opml", source_kind="file", origin=None)
    sources = {(s.name, s.kind, s.origin) for s in library.sources()}
    assert ("Harbour Post", "feed", "https://harbour.example/rss") in sources
    assert ("https://nameless.example/feed", "feed", "https://nameless.example/feed") in sources


def test_two_connections_tagging_concurrently_lose_nothing(library_path: Path) -> None:
    with Library.open(library_path) as library:
        items = tuple(headline(f"headline {n}") for n in range(60))
        store_document(
            library, ParsedDocument(items=items), source_name="s", source_kind="file", origin=None
        )
        ids = [item.id for item in library.list_items()]
    errors: list[BaseException] = []

    def tag_all(tag: str) -> None:
        try:
            with Library.open(library_path) as own:
                for item_id in ids:
                    own.tag([item_id], [tag])
                    own.set_read([item_id])
        except BaseException as error:  # surfaced below: a thread cannot fail the test itself
            errors.append(error)

    threads = [threading.Thread(target=tag_all, args=(tag,)) for tag in ("alpha", "beta")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Library.open(library_path) as library:
        assert {(t.name, t.items) for t in library.tags()} == {("alpha", 60), ("beta", 60)}
        assert library.count_items(ItemFilter(unread=True)) == 0
