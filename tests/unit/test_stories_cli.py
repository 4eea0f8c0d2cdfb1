"""`reader stories`, `reader story` (show, move, split) and `reader compare`, with errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reader.library import Library
from reader.model import Block, ParsedDocument, ParsedItem
from reader.services.importing import store_document
from tests.cli_harness import Cli

DATA = Path(__file__).resolve().parent.parent / "data" / "stories"


def _store(library: Library, source: str, item: ParsedItem) -> None:
    store_document(
        library, ParsedDocument(items=(item,)), source_name=source, source_kind="feed", origin=None
    )


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    """A library holding the comparison fixture story and the grouping fixtures."""
    path = tmp_path / "library.sqlite3"
    compare_data = json.loads((DATA / "fixtures_compare.json").read_text(encoding="utf-8"))
    with Library.open(path) as library:
        for article in compare_data["articles"]:
            blocks = tuple(Block(part) for part in article["text"].split("\n\n"))
            item = ParsedItem(
                "article", article["title"], blocks=blocks,
                published=datetime.fromisoformat(article["date"]),
            )  # fmt: skip
            _store(library, article["source"], item)
        for headline in compare_data["headlines"]:
            item = ParsedItem(
                "headline", headline["title"], published=datetime.fromisoformat(headline["date"])
            )
            _store(library, headline["source"], item)
        for line in (DATA / "fixtures.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = row["text"]
            item = ParsedItem(
                "article", row["title"], blocks=(Block(text),),
                published=datetime.fromisoformat(row["date"]), url=row.get("url"),
            )  # fmt: skip
            _store(library, row["source"], item)
    yield Cli(path, capsys)


def _story_of(cli: Cli, title: str) -> int:
    items = cli.json("list")
    story: int = next(item["story"] for item in items if item["title"].startswith(title))
    return story


def _item(cli: Cli, title: str) -> int:
    items = cli.json("list")
    item_id: int = next(item["id"] for item in items if item["title"].startswith(title))
    return item_id


def test_stories_lists_labels_sizes_and_sources(cli: Cli) -> None:
    status, out, _ = cli("stories", "--min-size", "2")
    assert status == 0
    kessel = next(line for line in out.splitlines() if "Kessel" in line)
    assert "  5  " in kessel and "Capital Wire" in kessel
    data = cli.json("stories", "--min-size", "5")
    assert [story["size"] for story in data] == [5]
    story = data[0]
    assert set(story) == {"id", "label", "size", "sources", "first", "last", "items"}
    assert {item["kind"] for item in story["items"]} == {"article", "headline"}
    assert set(story["items"][0]) == {"id", "title", "source", "kind"}
    assert story["label"] in {item["title"] for item in story["items"]}
    assert len(cli.json("stories", "--limit", "1")) == 1


def test_stories_rebuild_and_empty_library(cli: Cli, tmp_path: Path) -> None:
    before = cli.json("stories")
    status, _, err = cli("stories", "--rebuild")
    assert status == 0 and "regrouped 36 items" in err
    assert cli.json("stories") == before
    empty = Cli(tmp_path / "empty.sqlite3", cli.capsys)
    status, out, err = empty("stories")
    assert status == 0 and out == "" and "no stories" in err
    assert empty.json("stories") == []


def test_story_shows_items_and_collapses_duplicates(cli: Cli) -> None:
    story = _story_of(cli, "Ferry crews at Port Ellen")
    status, out, _ = cli("story", str(story))
    assert status == 0
    assert out.splitlines()[0].startswith(f"story {story}: ")
    assert "(duplicate of" in out
    status, collapsed, _ = cli("story", str(story), "--collapse")
    rows = collapsed.split("\n\ncoverage:")[0].splitlines()[2:]
    assert len(rows) == 2  # the wire copy set, and the reworded report
    assert "+2 sources" in collapsed
    data = cli.json("story", str(story))
    assert data["id"] == story and len(data["duplicate_sets"]) == 1
    assert len(data["duplicate_sets"][0]) == 3
    copies = [item for item in data["items"] if item["duplicate_of"] is not None]
    assert len(copies) == 2


def test_story_gives_its_timeline_and_coverage(cli: Cli, tmp_path: Path) -> None:
    story = _story_of(cli, "Ferry crews at Port Ellen")
    with Library.open(cli.library) as library:  # a copy saved without a date, from a digest
        _store(
            library, "Morning Digest", ParsedItem("headline", "Ferry crews at Port Ellen walk out")
        )
    undated = next(item for item in cli.json("list") if item["source"] == "Morning Digest")
    cli("story", "move", str(undated["id"]), str(story))
    data = cli.json("story", str(story))
    timeline = data["timeline"]
    assert [entry["id"] for entry in timeline][-1] == undated["id"]
    assert timeline[-1]["published"] is None and not timeline[-1]["first_from_source"]
    dated = [entry["published"] for entry in timeline if entry["published"]]
    assert dated == sorted(dated) and len(dated) == len(timeline) - 1
    coverage = {row["source"]: row for row in data["coverage"]}
    assert sum(row["items"] for row in coverage.values()) == data["size"]
    assert coverage["Morning Digest"] == {"source": "Morning Digest", "items": 1, "undated": 1,
                                          "first": None, "last": None}  # fmt: skip
    firsts = {
        entry["source"]: entry["published"] for entry in timeline if entry["first_from_source"]
    }
    assert all(coverage[source]["first"] == first for source, first in firsts.items())
    _status, out, _ = cli("story", str(story))
    row = next(line for line in out.splitlines() if line.startswith(f"{undated['id']:>6} "))
    assert " no date " in row  # not the day it was imported
    block = out.split("\ncoverage:\n")[1].split("\n\n")[0].splitlines()
    assert len(block) == len(coverage) and "█" in block[0]
    assert any(line.split()[0] == "Morning" and line.endswith("no date") for line in block)
    # Split out, the undated copy is a story without dates, not one dated today.
    alone = cli.json("story", "split", str(undated["id"]))["story"]
    listed = next(entry for entry in cli.json("stories") if entry["id"] == alone)
    assert (listed["first"], listed["last"]) == (None, None)
    assert data["first"] == min(dated) and data["last"] == max(dated)


@pytest.mark.parametrize(
    ("args", "status", "text"),
    [
        (["story", "999"], 1, "no story with id 999"),
        (["story", "abc"], 2, "invalid story id 'abc'"),
        (["story"], 2, "required"),
        (["story", "1", "2"], 2, "usage: reader story ID"),
        (["story", "move", "1"], 2, "usage: reader story move ITEM_ID STORY_ID"),
        (["story", "split"], 2, "usage: reader story split ITEM_ID"),
        (["story", "move", "x", "1"], 2, "invalid item id 'x'"),
        (["story", "move", "999", "1"], 1, "no item with id 999"),
        (["story", "move", "1", "999"], 1, "no story with id 999"),
        (["story", "split", "999"], 1, "no item with id 999"),
        (["story", "merge", "1"], 2, "usage: reader story merge STORY_ID INTO_STORY_ID"),
        (["story", "merge", "999", "1"], 1, "no story with id 999"),
        (["story", "merge", "1", "1"], 2, "cannot be merged into itself"),
        (["compare", "999"], 1, "no story with id 999"),
        (["compare", "0"], 2, "must be positive"),
    ],
)
def test_story_command_errors(cli: Cli, args: list[str], status: int, text: str) -> None:
    got, out, err = cli(*args)
    assert got == status
    assert out == ""
    assert text in err and len(err.strip().splitlines()) == 1


def test_story_move_and_split(cli: Cli) -> None:
    quake = _item(cli, "Magnitude 6.2 earthquake")
    target = _story_of(cli, "Park Min Jun opens")
    status, _, err = cli("story", "move", str(quake), str(target))
    assert status == 0 and f"item {quake} moved to story {target}" in err
    status, _, err = cli("story", "move", str(quake), str(target))
    assert status == 0 and "already in story" in err
    assert cli.json("story", "move", str(quake), str(target)) == {
        "item": quake, "story": target, "changed": False,
    }  # fmt: skip
    assert quake in cli.json("story", str(target))["pinned"]
    status, _, err = cli("story", "split", str(quake))
    assert status == 0 and "to itself" in err
    own = _story_of(cli, "Magnitude 6.2 earthquake")
    assert own != target
    status, _, _ = cli("stories", "--rebuild")
    assert _story_of(cli, "Magnitude 6.2 earthquake") == own


def test_story_merge_keeps_through_a_rebuild(cli: Cli) -> None:
    bridge = _story_of(cli, "Kessel bridge closed")
    quake = _story_of(cli, "Magnitude 6.2 earthquake")
    quake_items = [item["id"] for item in cli.json("story", str(quake))["items"]]
    status, _, err = cli("story", "merge", str(quake), str(bridge))
    assert status == 0
    assert f"story {quake} merged into story {bridge} ({len(quake_items)} items moved)" in err
    merged = cli.json("story", str(bridge))
    assert set(quake_items) <= {item["id"] for item in merged["items"]}
    assert set(quake_items) <= set(merged["pinned"])
    assert cli("story", str(quake))[0] == 1  # the emptied story is gone
    cli("stories", "--rebuild")
    assert _story_of(cli, "Magnitude 6.2 earthquake") == bridge


def test_compare_columns_and_headlines(cli: Cli) -> None:
    story = _story_of(cli, "Kessel bridge closed")
    status, out, _ = cli("compare", str(story), "--width", "110")
    assert status == 0
    assert "headlines:" in out
    assert "- Kessel bridge shut after cracks found in two piers (Metro Bulletin)" in out
    assert "[3] Le Courrier du Matin" in out
    assert "{Paul Rees}" in out and "\x1b[" not in out  # not a terminal: no colour
    assert all(len(line) <= 112 for line in out.splitlines())


def test_compare_json(cli: Cli) -> None:
    story = _story_of(cli, "Kessel bridge closed")
    data = cli.json("compare", str(story))
    assert data["story"] == story
    assert {h["source"] for h in data["headlines"]} == {"Metro Bulletin", "Info Garonne"}
    assert len(data["articles"]) == 3
    first = data["articles"][0]
    assert first["unique_quotes"] == ["We will not reopen it until it is safe"]
    assert [len(a["shared"]) for a in data["articles"]] == [2, 2, 2]


def test_compare_items_option(cli: Cli) -> None:
    story = _story_of(cli, "Kessel bridge closed")
    articles = [a["id"] for a in cli.json("compare", str(story))["articles"]]
    data = cli.json("compare", str(story), "--items", f"{articles[0]},{articles[2]}")
    assert [a["id"] for a in data["articles"]] == [articles[0], articles[2]]
    status, _, err = cli("compare", str(story), "--items", str(articles[0]))
    assert status == 2 and "2 to 8 items" in err
    status, _, err = cli("compare", str(story), "--items", "1,x")
    assert status == 2 and "invalid item id 'x'" in err
    other = _item(cli, "Magnitude 6.2 earthquake")
    status, _, err = cli("compare", str(story), "--items", f"{articles[0]},{other}")
    assert status == 1 and f"item {other} is not in story {story}" in err


def test_compare_needs_two_articles_and_at_most_eight(cli: Cli, tmp_path: Path) -> None:
    alone = _story_of(cli, "Varga unveils plan")
    status, _, err = cli("compare", str(alone))
    assert status in (0, 1)
    single = _story_of(cli, "Sollac : Henri Dorval")
    if len(cli.json("story", str(single))["items"]) < 2:
        status, _, err = cli("compare", str(single))
        assert status == 1 and "it needs 2" in err
    path = tmp_path / "big.sqlite3"
    with Library.open(path) as library:
        for number in range(10):
            item = ParsedItem(
                "article", f"Kessel bridge closed after cracks, report {number}",
                blocks=(Block(f"The Kessel bridge was closed. Note number {number} here."),),
                published=datetime.fromisoformat("2026-09-14T08:00:00+00:00"),
            )  # fmt: skip
            _store(library, f"Outlet {number}", item)
    big = Cli(path, cli.capsys)
    story = big.json("stories")[0]
    assert story["size"] == 10
    status, _, err = big("compare", str(story["id"]))
    assert status == 2 and "pick 2 to 8 with --items" in err
