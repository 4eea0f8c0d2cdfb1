"""Search relevance, spans, cancellation and reuse over our own fixture library."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.library import Library
from reader.model import Block, ParsedDocument, ParsedItem
from reader.search.engine import CancelToken, SearchCancelled, Searcher, SearchHit
from reader.search.query import QueryError
from reader.services.importing import store_document

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "search" / "items.json"


@dataclass(frozen=True)
class Fixture:
    searcher: Searcher
    library: Library
    ids: dict[str, int]

    def keys(self, query: str, limit: int = 50) -> list[str]:
        by_id = {item_id: key for key, item_id in self.ids.items()}
        return [by_id[hit.id] for hit in self.searcher.search(query, limit=limit).hits]

    def hit(self, query: str, key: str) -> SearchHit:
        for hit in self.searcher.search(query).hits:
            if hit.id == self.ids[key]:
                return hit
        raise AssertionError(f"{key} not found by {query!r}")


def store_fixtures(library: Library) -> dict[str, int]:
    entries = json.loads(FIXTURES.read_text(encoding="utf-8"))["items"]
    ids: dict[str, int] = {}
    for entry in entries:
        item = ParsedItem(
            entry["kind"],
            entry["title"],
            blocks=tuple(Block(text) for text in entry.get("body", ())),
            published=datetime.fromisoformat(entry["date"]),
        )
        store_document(
            library,
            ParsedDocument(items=(item,)),
            source_name=entry["source"],
            source_kind="feed",
            origin=None,
            tags=entry.get("tags", ()),
        )
        ids[entry["key"]] = max(summary.id for summary in library.list_items())
        if entry.get("read"):
            library.set_read([ids[entry["key"]]])
    return ids


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fixture]:
    path = tmp_path_factory.mktemp("search") / "library.sqlite3"
    with Library.open(path) as library:
        ids = store_fixtures(library)
        # One story holding both Kim Jong-un items (stories have no API yet).
        db = library.connection
        # Imports group items into stories: start from none so id 7 is free.
        db.execute("UPDATE items SET story_id = NULL")
        db.execute("DELETE FROM stories")
        db.execute(
            "INSERT INTO stories (id, label, created_at, updated_at) VALUES (7, 'k', '', '')"
        )
        db.execute("UPDATE items SET story_id = 7 WHERE id IN (?, ?)", (ids["kim"], ids["kim_en"]))
        with Searcher.open(path) as searcher:
            yield Fixture(searcher, library, ids)


@dataclass(frozen=True)
class Case:
    query: str
    first: tuple[str, ...]  # these come first, in any order
    then: tuple[str, ...] = ()  # right after them, in any order
    absent: tuple[str, ...] = ()
    only: bool = False  # nothing else may match


RELEVANCE = [
    # accents, case and punctuation
    Case("kante fenerbahce", ("kante",), ("kante_body",), only=True),
    Case("KANTÉ FENERBAHÇE", ("kante",), ("kante_body",), only=True),
    Case("jong un", ("kim", "kim_en"), only=True),
    Case("kim jong-un", ("kim", "kim_en"), only=True),
    Case("oeuvre", ("oeuvre",), ("oeuvres_body",), only=True),
    Case("saint germain", ("psg",), only=True),
    Case("orsay", ("oeuvre",), only=True),
    # word order, typos, unfinished words
    Case("fenerbahce kante", ("kante",), ("kante_body",)),
    Case("fenerbache", ("kante",), ("kante_body",), only=True),
    Case("fenerb", ("kante",), ("kante_body",), only=True),
    Case("poutin", ("poutine",), only=True),
    Case("montcliar", ("montclair",), only=True),
    Case("stade montcl", ("montclair",), only=True),
    Case("kim jo", ("kim", "kim_en"), only=True),
    # plurals and feminines
    Case("election", ("election_en", "elections_fr"), only=True),
    Case("élections", ("election_en", "elections_fr"), only=True),
    Case("joueur", ("joueur",), ("joueuse",), only=True),
    Case("joueuses", ("joueuse",), ("joueur",), only=True),
    Case("cheval", ("chevaux",), only=True),
    Case("sportif", ("sportives",), only=True),
    Case("œuvres", ("oeuvres_body", "oeuvre"), only=True),
    # operators
    Case("'joueur", ("joueur",), only=True),
    Case('"kim jong"', ("kim", "kim_en"), only=True),
    Case('"jong kim"', (), only=True),
    Case("^brest", ("brest_start",), only=True),
    Case("brest$", ("brest_end",), only=True),
    Case("^la tempete", ("brest_end",), only=True),
    Case("kim !missiles", ("kim_en",), only=True),
    Case("kante !turquie", ("kante",), only=True),
    Case("poutine | fenerbahce", ("poutine", "kante"), ("kante_body",), only=True),
    Case("greve cheminots | aeriens", ("greve_old", "greve_new"), only=True),
    Case('"pointe du raz"', ("storm",), only=True),
    Case("kind:article !fenerbahce", ("storm", "oeuvres_body", "budget"), only=True),
    Case("!kim !jong tag:later", ("rail_strike",), only=True),
    Case("!brest$ port", ("brest_start",), only=True),
    # filters, alone and with text
    Case("tag:later", ("rail_strike",), only=True),
    Case("tag:LATER strike", ("rail_strike",), only=True),
    Case("kind:article fenerbahce", ("kante_body",), only=True),
    Case("kind:headline fenerbahce", ("kante",), only=True),
    Case("source:courrier kante", ("kante",), only=True),
    Case("source:harbour kim", ("kim_en",), only=True),
    Case("after:2024-11-01 greve", ("greve_new",), only=True),
    Case("before:2024-11-01 greve", ("greve_old",), only=True),
    Case("is:read greve", ("greve_old",), only=True),
    Case("is:unread greve", ("greve_new",), only=True),
    Case("story:7", ("kim", "kim_en"), only=True),
    Case("story:7 missiles", ("kim",), only=True),
    Case("after:2024-11 before:2024-11-10", ("kante", "kante_body", "storm"), only=True),
    Case(
        "kind:headline is:unread after:2024-11 greve | strike",
        ("greve_new", "rail_strike"),
        only=True,
    ),
    # bodies: title hits first, body-only hits after
    Case("pointe du raz", ("storm",), only=True),
    Case("istanbul", ("kante_body",), only=True),
    Case("musee", ("oeuvre", "oeuvres_body"), only=True),
    # must not match
    Case("xylophone", (), only=True),
    Case("zzz", (), only=True),
    Case("kante tempete", (), only=True),
    Case("kim !jong", (), only=True),
    Case("tag:nosuchtag", (), only=True),
    Case("source:nowhere kim", (), only=True),
]


@pytest.mark.parametrize("case", RELEVANCE, ids=[case.query for case in RELEVANCE])
def test_relevance(fx: Fixture, case: Case) -> None:
    keys = fx.keys(case.query)
    head = len(case.first)
    assert set(keys[:head]) == set(case.first), keys
    assert set(keys[head : head + len(case.then)]) == set(case.then), keys
    assert not set(keys) & set(case.absent), keys
    if case.only:
        assert len(keys) == head + len(case.then), keys


def test_title_hits_rank_above_body_only_hits(fx: Fixture) -> None:
    hits = fx.searcher.search("fenerbahce").hits
    assert [hit.in_title for hit in hits] == [True, False]
    assert hits[0].score > hits[1].score


def test_ties_go_to_the_newest(fx: Fixture) -> None:
    assert fx.keys("flood warning")[:2] == ["warning_new", "warning_old"]


def test_exact_word_ranks_above_prefix_and_forms(fx: Fixture) -> None:
    assert fx.keys("joueur") == ["joueur", "joueuse"]


def test_title_spans_are_in_original_coordinates(fx: Fixture) -> None:
    hit = fx.hit("kante fenerb", "kante")
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["Kanté", "Fenerb"]
    hit = fx.hit("oeuvre", "oeuvre")
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["œuvre"]
    hit = fx.hit("jong un", "kim")
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["Jong-un", "un"]  # "un" of "une"
    hit = fx.hit('"kim jong"', "kim_en")
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["Kim Jong"]


def test_snippet_shows_the_body_match(fx: Fixture) -> None:
    hit = fx.hit("fenerbahce", "kante_body")
    assert "Fenerbahçe" in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["Fenerbahçe"]
    hit = fx.hit("oeuvres", "oeuvres_body")
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["œuvres"]


def test_results_without_snippets_rank_and_highlight_the_same(fx: Fixture) -> None:
    full = fx.searcher.search("fenerbahce", limit=20).hits
    bare = fx.searcher.search("fenerbahce", limit=20, snippets=False).hits
    assert [(h.id, h.title_spans) for h in bare] == [(h.id, h.title_spans) for h in full]
    assert any(h.snippet for h in full)  # the body match has a snippet...
    assert all((h.snippet, h.snippet_spans) == ("", ()) for h in bare)  # ...unless asked not


def test_headline_has_no_snippet(fx: Fixture) -> None:
    hit = fx.hit("kante", "kante")
    assert (hit.snippet, hit.snippet_spans) == ("", ())


def test_hit_carries_item_fields(fx: Fixture) -> None:
    hit = fx.hit("storm ciaran", "storm")
    assert (hit.source, hit.kind, hit.read) == ("Harbour Times", "article", False)
    assert hit.published is not None and hit.published.startswith("2024-11-03")
    assert set(hit.to_dict()) == {
        "id", "title", "score", "source", "kind", "published", "title_spans", "snippet",
        "snippet_spans",
    }  # fmt: skip


def test_limit_is_respected(fx: Fixture) -> None:
    assert len(fx.searcher.search("l", limit=3).hits) == 3


def test_a_filter_only_query_says_when_it_found_everything(fx: Fixture) -> None:
    """Shown as "1" in a saved search's count, not "1+", when there is only one."""
    found = fx.searcher.search("tag:later", limit=5)
    assert len(found.hits) == 1 and found.complete
    assert not fx.searcher.search("is:unread", limit=2).complete


def test_empty_and_unfinished_queries_do_not_fail(fx: Fixture) -> None:
    for text in ("", "   ", "!", "^", "'", "|", "kim |", '"kim jo', "kim !", "$"):
        fx.searcher.search(text)
    assert fx.keys('"kim jo') == fx.keys('"kim jong"')


def test_malformed_filter_raises(fx: Fixture) -> None:
    with pytest.raises(QueryError, match="kind:"):
        fx.searcher.search("kind:video kim")


def test_cancelled_token_stops_the_search(fx: Fixture) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(SearchCancelled):
        fx.searcher.search("kim", cancel=token)
    assert fx.keys("kim jong") != []  # the searcher is still usable


class _CancelDuringQuery(CancelToken):
    """Becomes cancelled after SQLite's progress handler has looked at it a few times."""

    def __init__(self) -> None:
        super().__init__()
        self.looks = 0

    @property
    def cancelled(self) -> bool:
        self.looks += 1
        return self.looks > 2


def test_cancel_interrupts_a_running_query(fx: Fixture) -> None:
    token = _CancelDuringQuery()
    with pytest.raises(SearchCancelled):
        fx.searcher.search("l | d | e | a", cancel=token)
    assert token.looks > 2


def test_extending_the_query_reuses_candidates(fx: Fixture) -> None:
    searcher = fx.searcher
    searcher.search("grev")
    extended = searcher.search("greve")
    assert extended.reused
    with Searcher.open(fx.library.path) as fresh:
        again = fresh.search("greve")
    assert [h.id for h in extended.hits] == [h.id for h in again.hits]
    # A new word narrows further and still reuses; a changed word does not.
    assert searcher.search("greve cont").reused
    assert not searcher.search("greve chem").reused


def test_date_filters_leave_undated_items_out_and_is_undated_finds_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        dated = ParsedItem("headline", "Harbour strike ends after ten days",
                           published=datetime(2024, 11, 12, tzinfo=UTC))  # fmt: skip
        undated = ParsedItem("headline", "Harbour strike: what the deal says")
        store_document(library, ParsedDocument(items=(dated, undated)), source_name="Wire",
                       source_kind="file", origin=None)  # fmt: skip
    with Searcher.open(path) as searcher:

        def titles(query: str) -> list[str]:
            return [hit.title for hit in searcher.search(query).hits]

        # The undated item was imported today, after 2024-11: it must not pass for it.
        assert titles("harbour after:2024-11") == ["Harbour strike ends after ten days"]
        assert titles("harbour is:undated") == ["Harbour strike: what the deal says"]
        assert titles("is:dated") == ["Harbour strike ends after ten days"]
