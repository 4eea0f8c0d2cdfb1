"""The sidebar's story lists: sizes for row badges, the biggest current stories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.library import Library
from reader.model import ParsedDocument, ParsedItem
from reader.services import stories as story_service
from reader.services.importing import store_document

NOW = datetime(2026, 11, 10, 9, tzinfo=UTC)


def _store(library: Library, title: str, source: str, when: datetime) -> int:
    item = ParsedItem("headline", title, published=when)
    store_document(
        library, ParsedDocument(items=(item,)), source_name=source, source_kind="file", origin=None
    )
    return max(i.id for i in library.list_items())


def test_sizes_and_current_stories(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        # The same title from several outlets is one story (a duplicate set).
        fresh = [_store(library, "Floods close the northern rail line", s, NOW) for s in "ABC"]
        old_when = NOW - timedelta(days=30)
        old = [_store(library, "Dockers vote to end the long port strike", s, old_when)
               for s in "ABDE"]  # fmt: skip
        _store(library, "A lone headline about nothing else", "A", NOW)
        stories = {library.get_item(i).story_id for i in fresh}
        assert len(stories) == 1
        (fresh_story,) = stories
        (old_story,) = {library.get_item(i).story_id for i in old}
        sizes = story_service.story_sizes(library)
        assert sizes == {fresh_story: 3, old_story: 4}  # single-item stories left out
        # The old strike is bigger but a month older than the newest item: not current.
        assert [s.id for s in story_service.current_stories(library)] == [fresh_story]
        assert [s.id for s in story_service.current_stories(library, days=45)] == [
            old_story,
            fresh_story,
        ]
        assert story_service.current_stories(library)[0].sources == ("A", "B", "C")
