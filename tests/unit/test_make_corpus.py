"""The synthetic benchmark corpus: deterministic, complete, and shaped like real news."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from benchmarks import make_corpus
from benchmarks.make_corpus import CorpusSummary, generate

ITEMS = 2000
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

Item = dict[str, Any]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CorpusSummary]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate(ITEMS, out)


def _items(out: Path) -> list[Item]:
    with (out / "items.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _dump_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _dump_titles(out: Path) -> list[str]:
    titles: list[str] = []
    for path in sorted((out / "dumps").glob("headlines-*.txt")):
        titles += [line for line in _dump_lines(path) if line not in ("", "-")]
    return titles


def _feeds(out: Path) -> list[ET.Element]:
    return [ET.parse(path).getroot() for path in sorted((out / "feeds").glob("feed-*.xml"))]


def _tree(out: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def test_same_arguments_give_byte_identical_output(tmp_path: Path) -> None:
    generate(ITEMS, tmp_path / "a", seed=11)
    generate(ITEMS, tmp_path / "b", seed=11)
    generate(ITEMS, tmp_path / "c", seed=12)
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len(first) > 3
    assert first == second
    assert _tree(tmp_path / "c")["items.jsonl"] != first["items.jsonl"]


def test_summary_and_items_agree_on_counts(corpus: tuple[Path, CorpusSummary]) -> None:
    out, summary = corpus
    items = _items(out)
    kinds = Counter(item["kind"] for item in items)
    langs = Counter(item["lang"] for item in items)
    assert [item["id"] for item in items] == list(range(1, ITEMS + 1))
    assert summary.items == ITEMS
    assert (summary.headlines, summary.articles) == (kinds["headline"], kinds["article"])
    assert (summary.french, summary.english) == (langs["fr"], langs["en"])
    assert summary.duplicates == sum(item["duplicate_of"] is not None for item in items)
    assert summary.events == len({item["event"] for item in items})
    assert 0.25 < kinds["article"] / ITEMS < 0.35
    for item in items:
        assert set(item) == {
            "id",
            "kind",
            "title",
            "text",
            "lang",
            "source",
            "date",
            "event",
            "duplicate_of",
            "url",
        }
        assert (item["text"] == "") == (item["kind"] == "headline")
    assert f"{ITEMS} items" in summary.line()


def test_every_item_appears_once_in_dumps_or_feeds(corpus: tuple[Path, CorpusSummary]) -> None:
    out, summary = corpus
    items = _items(out)
    headlines = [item["title"] for item in items if item["kind"] == "headline"]
    articles = {item["url"]: item for item in items if item["kind"] == "article"}
    # Dumps keep id order, so the headline lines are exactly the headline titles in order.
    assert _dump_titles(out) == headlines
    feed_links = [entry.findtext("link") for feed in _feeds(out) for entry in feed.iter("item")]
    assert len(feed_links) == summary.articles
    assert sorted(link or "" for link in feed_links) == sorted(articles)
    assert len(headlines) + len(feed_links) == ITEMS


def test_feeds_are_single_source_rss_carrying_the_article(
    corpus: tuple[Path, CorpusSummary],
) -> None:
    out, summary = corpus
    by_url = {item["url"]: item for item in _items(out) if item["kind"] == "article"}
    feeds = _feeds(out)
    assert len(feeds) == summary.feed_files
    styles: Counter[str] = Counter()
    for feed in feeds:
        assert feed.tag == "rss" and feed.get("version") == "2.0"
        channel = feed.find("channel")
        assert channel is not None
        entries = channel.findall("item")
        assert 0 < len(entries) <= make_corpus.ARTICLES_PER_FEED
        for entry in entries:
            item = by_url[entry.findtext("link") or ""]
            assert item["source"] == channel.findtext("title")
            assert entry.findtext("title") == item["title"]
            published = parsedate_to_datetime(entry.findtext("pubDate") or "")
            assert published == datetime.fromisoformat(item["date"])
            paragraphs = item["text"].split("\n\n")
            assert 3 <= len(paragraphs) <= 8
            description = entry.findtext("description") or ""
            assert description.endswith(".") and paragraphs[0].startswith(description)
            # content:encoded is HTML whatever the outlet's escaping style; parse it back.
            html = ET.fromstring(f"<body>{entry.findtext(CONTENT)}</body>")
            assert [p.text for p in html.findall("p")] == paragraphs
            author, creator = entry.findtext("author"), entry.findtext(DC_CREATOR)
            assert (author is None) != (creator is None)
            styles["author" if author else "creator"] += 1
            guid = entry.find("guid")
            assert guid is not None and guid.text
            styles["permalink" if guid.get("isPermaLink") == "true" else "opaque"] += 1
    assert set(styles) == {"author", "creator", "permalink", "opaque"}
    raw = b"".join(path.read_bytes() for path in sorted((out / "feeds").iterdir()))
    # Both house styles for the body: CDATA and entity-escaped HTML.
    assert b"<![CDATA[<p>" in raw and b"&lt;p&gt;" in raw


def test_files_rotate_and_dumps_cycle_through_layouts(tmp_path: Path) -> None:
    summary = generate(ITEMS, tmp_path, headlines_per_file=100, articles_per_feed=20)
    dumps = sorted((tmp_path / "dumps").glob("headlines-*.txt"))
    assert len(dumps) == summary.dump_files == -(-summary.headlines // 100)
    for index, path in enumerate(dumps):
        lines = _dump_lines(path)
        titles = lines[::2] if index % 3 else lines
        expected = 100 if path != dumps[-1] else summary.headlines - 100 * (len(dumps) - 1)
        assert len(titles) == expected and "" not in titles and "-" not in titles
        if len(titles) > 1:
            separators = set(lines[1::2]) if index % 3 else set()
            assert separators == [set(), {"-"}, {""}][index % 3]
    feeds = _feeds(tmp_path)
    assert len(feeds) == summary.feed_files > 40
    for feed in feeds:
        assert 0 < len(feed.findall("channel/item")) <= 20


def test_events_are_covered_by_several_sources_with_reworded_titles(
    corpus: tuple[Path, CorpusSummary],
) -> None:
    events: defaultdict[int, list[Item]] = defaultdict(list)
    for item in _items(corpus[0]):
        events[item["event"]].append(item)
    assert list(events) == list(range(1, len(events) + 1))
    multi_source = 0
    for coverage in events.values():
        sources = [item["source"] for item in coverage]
        assert len(sources) == len(set(sources)), "one outlet covers an event once"
        originals = [item["title"] for item in coverage if item["duplicate_of"] is None]
        assert 1 <= len(originals) <= 8
        assert len(originals) == len(set(originals)), "titles are reworded per source"
        multi_source += len(sources) > 1
    assert multi_source / len(events) > 0.5
    assert max(len(coverage) for coverage in events.values()) >= 6
    bilingual = [c for c in events.values() if len({item["lang"] for item in c}) == 2]
    assert len(bilingual) > 20


def test_duplicates_copy_an_earlier_item_from_another_source(
    corpus: tuple[Path, CorpusSummary],
) -> None:
    items = _items(corpus[0])
    duplicates = [item for item in items if item["duplicate_of"] is not None]
    assert 0.015 < len(duplicates) / len(items) < 0.05
    for copy in duplicates:
        original = items[copy["duplicate_of"] - 1]
        assert original["id"] < copy["id"] and original["duplicate_of"] is None
        for key in ("title", "text", "kind", "lang", "event"):
            assert copy[key] == original[key]
        assert copy["source"] != original["source"]
        assert copy["date"] > original["date"]


def test_both_languages_with_a_realistic_vocabulary(corpus: tuple[Path, CorpusSummary]) -> None:
    words: dict[str, set[str]] = {"fr": set(), "en": set()}
    items = _items(corpus[0])
    for item in items:
        words[item["lang"]].update(re.findall(r"\w+", f"{item['title']} {item['text']}".lower()))
    langs = Counter(item["lang"] for item in items)
    assert min(langs["fr"], langs["en"]) > 0.35 * ITEMS
    assert len(words["fr"]) > 600 and len(words["en"]) > 600
    french = "".join(sorted(words["fr"]))
    assert all(letter in french for letter in "éèçœàêîô")
    assert {"élection", "tempête", "grève"} <= words["fr"]
    assert {"election", "storm", "strike", "profit"} <= words["en"]


def test_entities_recur_across_unrelated_events(corpus: tuple[Path, CorpusSummary]) -> None:
    # Hard negatives for story grouping: a shared name must not imply a shared story.
    team = re.compile("|".join(re.escape(name) for name in make_corpus.TEAMS))
    first = "|".join(map(re.escape, make_corpus.FR_FIRST + make_corpus.EN_FIRST))
    last = "|".join(map(re.escape, make_corpus.FR_LAST + make_corpus.EN_LAST))
    person = re.compile(rf"\b(?:{first}) (?:{last})\b")
    events_by_name: defaultdict[str, set[int]] = defaultdict(set)
    for item in _items(corpus[0]):
        for pattern in (team, person):
            for name in pattern.findall(item["title"]):
                events_by_name[name].add(item["event"])
    spread = sorted((len(events) for events in events_by_name.values()), reverse=True)
    assert spread[0] >= 10
    assert sum(count >= 3 for count in spread) >= 20
    assert any(re.search(r"[-’'][A-ZÉ]|[ëïÉÎ]", name) for name in events_by_name)


def test_dates_are_utc_minutes_across_the_year(corpus: tuple[Path, CorpusSummary]) -> None:
    items = _items(corpus[0])
    dates = [datetime.fromisoformat(item["date"]) for item in items]
    assert all(date.utcoffset() == timedelta(0) and date.second == 0 for date in dates)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    assert min(dates) >= start
    assert max(dates) - min(dates) > timedelta(days=300)
    assert max(dates) < start + timedelta(days=400)
    assert re.fullmatch(r"2026-\d\d-\d\dT\d\d:\d\d:00\+00:00", items[0]["date"])


def test_cli_matches_generate_and_reports_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert make_corpus.main(["--items", "120", "--out", str(tmp_path / "cli"), "--seed", "3"]) == 0
    err = capsys.readouterr().err
    assert "120 items" in err and err.count("\n") == 1
    generate(120, tmp_path / "api", seed=3)
    assert _tree(tmp_path / "cli") == _tree(tmp_path / "api")


def test_cli_rejects_non_positive_sizes(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        make_corpus.main(["--items", "0", "--out", str(tmp_path)])
    with pytest.raises(ValueError):
        generate(0, tmp_path)


def test_regenerating_a_smaller_corpus_leaves_no_stale_files(tmp_path: Path) -> None:
    generate(ITEMS, tmp_path)
    small = generate(150, tmp_path)
    assert len(_items(tmp_path)) == 150
    assert len(_dump_titles(tmp_path)) == small.headlines
    assert sum(len(feed.findall("channel/item")) for feed in _feeds(tmp_path)) == small.articles
    fresh = tmp_path.parent / f"{tmp_path.name}-fresh"
    generate(150, fresh)
    assert _tree(tmp_path) == _tree(fresh)
