"""The search index: kept in step on import, built on upgrade from v1, rebuilt on format change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.library import Library, LibraryError
from reader.library.schema import LATEST_VERSION, MIGRATIONS
from reader.model import Block, ParsedDocument, ParsedItem
from reader.search import index
from reader.search.engine import Searcher
from reader.services.importing import store_document
from tests.conftest import StoreFn, article, headline


def titles(searcher: Searcher, query: str) -> list[str]:
    return [hit.title for hit in searcher.search(query).hits]


def test_import_indexes_new_items_in_the_same_transaction(
    library: Library, library_path: Path, store: StoreFn
) -> None:
    store(headline("Kanté rejoint Fenerbahçe"))
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "fenerbahce") == ["Kanté rejoint Fenerbahçe"]
        # A later import (another connection) is seen by the open searcher.
        store(article("Mercato", "Le milieu a signé à Fenerbahçe.", "Il arrive jeudi."))
        assert titles(searcher, "fenerbahce") == ["Kanté rejoint Fenerbahçe", "Mercato"]
        assert titles(searcher, "jeudi") == ["Mercato"]
    state = dict(library.connection.execute("SELECT key, value FROM search_state").fetchall())
    assert state == {"format": index.INDEX_FORMAT}


def test_a_failed_import_leaves_no_index_rows(library: Library, library_path: Path) -> None:
    bad = ParsedDocument(items=(headline("Orage sur Brest"),))
    with pytest.raises(LibraryError):
        store_document(library, bad, source_name="x", source_kind="file", origin=None, tags=("",))
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "orage") == []
    count = library.connection.execute("SELECT count(*) FROM search_terms").fetchone()[0]
    assert count == 0


def test_duplicates_are_not_indexed_twice(library: Library, store: StoreFn) -> None:
    store(headline("Orage sur Brest"))
    store(headline("Orage sur Brest"))
    rows = library.connection.execute(
        "SELECT count(*) FROM search_index WHERE search_index MATCH 'orage'"
    ).fetchone()[0]
    assert rows == 1


def test_vocabulary_and_stems_are_recorded(library: Library, store: StoreFn) -> None:
    store(headline("Les joueuses de Nantes"))
    db = library.connection
    terms = {row[0] for row in db.execute("SELECT term FROM search_terms")}
    assert terms == {"les", "joueuses", "de", "nantes"}
    stems = set(db.execute("SELECT stem, term FROM search_stems WHERE term = 'joueuses'"))
    assert ("joueur", "joueuses") in stems


def test_remove_takes_items_out_of_the_index(
    library: Library, library_path: Path, store: StoreFn
) -> None:
    ids = store(headline("Orage sur Brest"), article("Tempête", "Brest sous la pluie."))
    with library.transaction() as db:
        index.remove(db, ids)
        db.execute("DELETE FROM items WHERE id IN (?, ?)", ids)
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "brest") == []
    store(headline("Brest rouvre son port"))
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "brest") == ["Brest rouvre son port"]


def make_v1_library(path: Path) -> None:
    """A library as reader wrote it before search existed (schema version 1)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO sources (id, name, key, kind, created_at) VALUES (1, 'a', 'a', 'file', '')"
    )
    rows = [
        (1, "headline", "Kim Jong-un inspecte une usine", "[]"),
        (2, "article", "Budget adopté", '["Les œuvres du musée sont à l’abri.", {"h": "Suite"}]'),
    ]
    db.executemany(
        "INSERT INTO items (id, source_id, kind, title, body, content_hash, imported_at,"
        " sort_date) VALUES (?, 1, ?, ?, ?, ?, '2024-01-01', '2024-01-01')",
        [(*row, f"h{row[0]}") for row in rows],
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_library_from_v1_gets_its_index_on_upgrade(library_path: Path) -> None:
    make_v1_library(library_path)
    announced: list[int] = []
    with Searcher.open(library_path, on_build=announced.append) as searcher:
        assert announced == [2]
        assert titles(searcher, "jong un") == ["Kim Jong-un inspecte une usine"]
        assert titles(searcher, "oeuvres") == ["Budget adopté"]
        assert titles(searcher, "suite") == ["Budget adopté"]  # headings count as body
    with Library.open(library_path) as library:
        assert library.schema_version == LATEST_VERSION
    with Searcher.open(library_path, on_build=announced.append):
        assert announced == [2]  # built once


def test_first_import_after_upgrade_also_builds_the_index(library_path: Path) -> None:
    make_v1_library(library_path)
    with Library.open(library_path) as library:
        store_document(library, ParsedDocument(items=(ParsedItem("headline", "Orage sur Brest"),)),
            source_name="b", source_kind="file", origin=None,
        )  # fmt: skip
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "usine") == ["Kim Jong-un inspecte une usine"]
        assert titles(searcher, "brest") == ["Orage sur Brest"]


def test_format_change_rebuilds_the_index(
    library: Library, library_path: Path, store: StoreFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    store(headline("Orage sur Brest"), article("Port", "Les ferries restent à quai."))
    monkeypatch.setattr(index, "INDEX_FORMAT", index.INDEX_FORMAT + 1)
    assert index.pending(library.connection) == 2
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "ferries") == ["Port"]
        assert titles(searcher, "brest") == ["Orage sur Brest"]
    rows = library.connection.execute("SELECT count(*) FROM search_index").fetchone()[0]
    assert rows == 2


def test_body_text_reads_stored_blocks() -> None:
    assert index.body_text('["Un", {"h": "Deux"}, "Trois"]') == "Un\nDeux\nTrois"
    assert index.body_text("not json") == ""
    long_body = '["' + "x" * (index.MAX_BODY_CHARS + 10) + '"]'
    assert len(index.body_text(long_body)) == index.MAX_BODY_CHARS


def test_headings_and_paragraphs_are_searchable(library_path: Path, store: StoreFn) -> None:
    store(
        ParsedItem(
            "article",
            "Bilan",
            blocks=(Block("Contexte", heading=True), Block("La saison des pluies.")),
        )
    )
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "contexte pluies") == ["Bilan"]


def test_titles_and_bodies_have_tables_of_their_own(library: Library, store: StoreFn) -> None:
    store(headline("Orage sur Brest"), article("Port", "Les ferries restent à quai."))
    db = library.connection
    titles = db.execute("SELECT count(*) FROM search_titles WHERE search_titles MATCH 'fe*'")
    assert titles.fetchone()[0] == 0  # bodies stay out of the title table
    anywhere = db.execute("SELECT count(*) FROM search_index WHERE search_index MATCH 'ferr*'")
    assert anywhere.fetchone()[0] == 1


def test_exclusions_look_at_bodies_in_the_title_tier(library_path: Path, store: StoreFn) -> None:
    store(article("Orage sur Brest", "Le port est fermé."), headline("Orage sur Nantes"))
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "orage !port") == ["Orage sur Nantes"]


def test_short_unfinished_words_are_whole_words_in_bodies(
    library_path: Path, store: StoreFn
) -> None:
    store(
        article("Orage sur Brest", "Le port est fermé."),
        article("Orage au Havre", "Les quais sont portés disparus."),
        headline("Orage portuaire"),
    )
    with Searcher.open(library_path) as searcher:
        # Titles: a prefix from the first letter; bodies: a whole word under 4 letters,
        # a prefix from 4.
        assert titles(searcher, "orage por") == ["Orage portuaire"]
        found = titles(searcher, "orage port")
        assert found[0] == "Orage portuaire"
        assert sorted(found[1:]) == ["Orage au Havre", "Orage sur Brest"]
        assert titles(searcher, "orage est")[0] == "Orage sur Brest"


def test_a_library_indexed_in_format_1_gets_the_new_tables(
    library: Library, library_path: Path, store: StoreFn
) -> None:
    store(headline("Orage sur Brest"), article("Port", "Les ferries restent à quai."))
    with library.transaction() as db:  # the layout of format 1: one table, prefixes on bodies
        db.execute("DROP TABLE search_titles")
        db.execute("DROP TABLE search_index")
        db.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5"
            " (title, body, content = '', tokenize = 'ascii', prefix = '1 2 3 4')"
        )
        db.execute("UPDATE search_state SET value = 1 WHERE key = 'format'")
    with Searcher.open(library_path) as searcher:
        assert titles(searcher, "bre") == ["Orage sur Brest"]
        assert titles(searcher, "ferries") == ["Port"]
