"""Saved HTML pages: main text only, headings kept, metadata, no boilerplate, no network."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reader.ingest.decode import DecodeError
from reader.ingest.html_page import PageError, parse_html_page
from reader.model import Block, ParsedDocument

HTML = Path(__file__).resolve().parents[1] / "data" / "html"

BOILERPLATE = (
    "cookie",
    "Tout accepter",
    "Paramétrer",
    "Vie des ports",
    "S’abonner",
    "lettre de la marée",
    "Inscrivez-vous",
    "Les plus lus",
    "baleine à bosse",
    "Mentions légales",
    "réseaux sociaux",
    "privacy",
    "Sign in",
    "Share on social media",
    "Morning Tide newsletter",
    "subscribe",
    "Related stories",
    "Harbour dredging",
    "Most read",
    "Storm warning",
    "All rights reserved",
    "Transport correspondent",
)


def parse_fixture(name: str) -> ParsedDocument:
    return parse_html_page((HTML / name).read_bytes(), fallback_name=name)


def body_of(paragraphs: int = 4) -> str:
    sentence = "The village baker rises at four every morning to light the wood-fired oven."
    return "".join(f"<p>Paragraph {i}. {sentence} {sentence}</p>" for i in range(paragraphs))


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the HTML importer must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def phare() -> ParsedDocument:
    return parse_fixture("article-page.html")


@pytest.fixture(scope="module")
def ferry() -> ParsedDocument:
    return parse_fixture("cluttered-page.html")


def test_french_page_metadata(phare: ParsedDocument) -> None:
    assert phare.source_name == "La Gazette des Embruns"
    assert phare.source_kind == "site"
    assert phare.source_url == "https://gazette-embruns.example/"
    (item,) = phare.items
    assert item.kind == "article"
    assert item.title == "Le phare de Kerbrat retrouve sa lumière"
    assert not item.title_derived
    assert item.author == "Maëlle Quéré"
    assert item.published == datetime(2025, 3, 14, 6, 45, tzinfo=UTC)
    assert item.url == "https://gazette-embruns.example/mer/phare-kerbrat-lumiere"
    assert item.guid is None


def test_french_page_body(phare: ParsedDocument) -> None:
    blocks = phare.items[0].blocks
    assert blocks[0] == Block(
        "Après dix-huit mois de travaux, le vieux phare de Kerbrat a rallumé sa lanterne jeudi "
        "soir, sous les applaudissements d’une centaine d’habitants réunis sur la jetée malgré "
        "un vent d’ouest soutenu."
    )
    assert blocks[-1] == Block(
        "Les réservations ouvriront le premier lundi du mois à la mairie, et les recettes "
        "financeront l’entretien de la lanterne pour les années à venir."
    )
    assert [b.text for b in blocks if b.heading] == [
        "Une optique restaurée à l’identique",
        "Des visites dès le printemps",
    ]
    assert len(blocks) == 8
    # The <h1> repeats the title and is not part of the body.
    assert all(b.text != "Le phare de Kerbrat retrouve sa lumière" for b in blocks)


def test_english_page_metadata_from_json_ld(ferry: ParsedDocument) -> None:
    assert ferry.source_name == "The Tidewater Courier"
    (item,) = ferry.items
    assert item.title == "Night ferry to Marrow Island returns after twelve years"
    assert item.author == "Theodore Ashgrove"
    assert item.published == datetime(2024, 11, 5, 23, 20, tzinfo=UTC)
    assert item.url is None  # neither canonical link nor og:url
    assert ferry.source_url is None


def test_english_page_body(ferry: ParsedDocument) -> None:
    blocks = ferry.items[0].blocks
    assert blocks[0].text.startswith("The overnight ferry linking the harbour town of Saltmere")
    assert blocks[2] == Block("Cabins, a galley and room for bicycles", heading=True)
    assert blocks[-1] == Block(
        "The first sailing is planned for the second Friday in June, weather permitting, "
        "and tickets go on sale at the harbour office next month."
    )
    assert len(blocks) == 6


@pytest.mark.parametrize("fixture", ["phare", "ferry"])
def test_no_boilerplate_in_any_block(fixture: str, request: pytest.FixtureRequest) -> None:
    document: ParsedDocument = request.getfixturevalue(fixture)
    text = "\n".join(block.text for block in document.items[0].blocks).casefold()
    for phrase in BOILERPLATE:
        assert phrase.casefold() not in text, phrase


def test_str_input_and_fallback_name() -> None:
    page = f"<html><head><title>Early bread</title></head><body><article>{body_of()}</article>"
    document = parse_html_page(page, fallback_name="bread.html")
    assert document.source_name == "bread.html"
    assert document.items[0].title == "Early bread"
    assert document.items[0].blocks[0].text.startswith("Paragraph 0. The village baker")


def test_lists_become_paragraphs() -> None:
    page = (
        "<html><head><title>Supplies</title></head><body><article>"
        f"{body_of(3)}<ul><li>Flour arrives from the mill on the hill every Monday.</li>"
        "<li>Salt comes from the marshes west of the estuary town.</li></ul></article></body>"
    )
    blocks = parse_html_page(page, fallback_name="x").items[0].blocks
    assert blocks[-2:] == (
        Block("Flour arrives from the mill on the hill every Monday."),
        Block("Salt comes from the marshes west of the estuary town."),
    )


def test_title_is_derived_when_the_page_has_none() -> None:
    item = parse_html_page(f"<html><body><div>{body_of()}</div></body></html>", fallback_name="x")
    (article,) = item.items
    assert article.title_derived
    assert article.title == (
        "Paragraph 0. The village baker rises at four every morning to light the wood-fired oven"
    )


def test_control_characters_in_title_are_stripped_brackets_kept() -> None:
    page = (
        "<html><head><title>\x1b[31m[red]Fresh[/red]\x1b[0m loaves\x07</title></head>"
        f"<body><article>{body_of()}</article></body></html>"
    )
    assert parse_html_page(page, fallback_name="x").items[0].title == "[red]Fresh[/red] loaves"


def test_declared_windows_1252_page() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Fête à Saint-Malo</title></head><body><article>"
        + "<p>Les marins fêtent l’été : « œuvres », 5 €, naïveté, et le port est en liesse.</p>" * 4
        + "</article></body></html>"
    ).encode("cp1252")
    (item,) = parse_html_page(page, fallback_name="x").items
    assert item.title == "Fête à Saint-Malo"
    assert item.blocks[0] == Block(
        "Les marins fêtent l’été : « œuvres », 5 €, naïveté, et le port est en liesse."
    )


def test_xhtml_with_xml_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Côte sauvage</title>'
        '<link rel="canonical" href="https://cote.example/sauvage"/></head>'
        f"<body><div>{body_of()}</div></body></html>"
    ).encode()
    document = parse_html_page(page, fallback_name="x")
    assert document.items[0].title == "Côte sauvage"
    assert document.items[0].url == "https://cote.example/sauvage"
    assert document.source_url == "https://cote.example/"


def test_page_without_main_text() -> None:
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body>"
    with pytest.raises(PageError, match="no main text"):
        parse_html_page(page, fallback_name="x")


def test_a_front_page_gives_its_headline_links() -> None:
    page = """<html><head><title>The Northern Ledger</title>
    <link rel="canonical" href="https://ledger.example/world/">
    <meta property="og:site_name" content="The Northern Ledger"></head><body>
    <header><a href="/">Home page of the Northern Ledger newspaper</a></header>
    <nav class="main-menu"><a href="/sport">Sport, football and rugby results</a></nav>
    <section><h2>Top stories</h2><ul>
    <li><a href="2026/03/farmers">Dutch farmers block motorways as nitrogen row deepens</a></li>
    <li><a href="/world/2026/03/swap">Ukraine and Russia swap 200 prisoners</a></li>
    <li><a href="https://other.example/boe">Bank of England holds rates at 4%</a></li>
    <li><a href="2026/03/farmers">Dutch farmers block motorways as nitrogen row deepens</a></li>
    <li><a href="/video">Watch</a> <a href="javascript:void(0)">Read more about this</a></li>
    </ul></section>
    <div class="share-bar"><a href="/share">Share this story with your friends</a></div>
    <footer><a href="/contact">Contact the newsroom and editors</a></footer></body></html>"""
    document = parse_html_page(page, fallback_name="front.html")
    assert [(item.kind, item.title, item.url) for item in document.items] == [
        ("headline", "Dutch farmers block motorways as nitrogen row deepens",
         "https://ledger.example/world/2026/03/farmers"),
        ("headline", "Ukraine and Russia swap 200 prisoners",
         "https://ledger.example/world/2026/03/swap"),
        ("headline", "Bank of England holds rates at 4%", "https://other.example/boe"),
    ]  # fmt: skip
    assert document.source_name == "The Northern Ledger"
    assert document.source_url == "https://ledger.example/"


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(DecodeError):
        parse_html_page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", fallback_name="x")


def test_page_error_is_a_value_error() -> None:
    assert issubclass(PageError, ValueError)


def test_importing_the_parsers_stays_cheap() -> None:
    """trafilatura and feedparser are imported on use, not with the modules."""
    code = (
        "import sys\n"
        "import reader.ingest.html_page, reader.ingest.feeds, reader.ingest.opml\n"
        "import reader.ingest.decode, reader.ingest.detect\n"
        "heavy = [m for m in ('trafilatura', 'feedparser', 'lxml', 'textual', 'rich')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_the_visible_by_line_beats_the_account_in_the_meta_author() -> None:
    page = (
        '<html><head><title>Early bread</title><meta name="author" content="Equipe Web">'
        '</head><body><article><h1>Early bread</h1><div class="article-author">Par '
        '<a href="/auteurs/ines-roux">Inès Roux</a>, à Quimper, le 3 mars 2026</div>'
        f"{body_of()}</article></body></html>"
    )
    assert parse_html_page(page, fallback_name="x").items[0].author == "Inès Roux"


@pytest.mark.parametrize(
    ("by_line", "name"),
    [
        ("By Ann Lee January 18, 2027 5:02 PM PST", "Ann Lee"),
        ("Par FRANCE 24 Suivre", "FRANCE 24"),
        ("By Tom Fell in Kyiv", "Tom Fell"),
    ],
)
def test_a_by_line_gives_the_name_without_its_date_place_or_button(by_line: str, name: str) -> None:
    page = (
        '<html><head><title>Early bread</title></head><body><article><p class="byline">'
        f"{by_line}</p>{body_of()}</article></body></html>"
    )
    assert parse_html_page(page, fallback_name="x").items[0].author == name


def test_a_column_name_or_the_site_address_is_no_author() -> None:
    page = (
        '<html><head><title>Early bread</title><meta name="author" content="bakers.example">'
        '<link rel="canonical" href="https://www.bakers.example/bread"></head><body><article>'
        '<p class="byline-column"><a href="/column/dough">Dough Diaries</a></p>'
        f"{body_of()}</article></body></html>"
    )
    assert parse_html_page(page, fallback_name="x").items[0].author is None


def test_galleries_video_players_and_a_closing_list_of_other_articles_are_left_out() -> None:
    teasers = "".join(
        f"<h3>Column {i}: the price of flour</h3><p>A short blurb about flour {i}.</p>"
        for i in range(4)
    )
    page = (
        "<html><head><title>Early bread</title></head><body><article>"
        f"{body_of(3)}"
        '<div class="full-gallery"><h2>1/30</h2><p>Harvest in the Beauce, photographed'
        " from the air at dawn last summer.</p></div>"
        '<div class="video-js"><p>This is a modal window. Press Escape to close it.</p></div>'
        f"{body_of(2)}<h2>Other columns</h2>{teasers}</article></body></html>"
    )
    blocks = parse_html_page(page, fallback_name="x").items[0].blocks
    body = "\n".join(block.text for block in blocks)
    for furniture in ("1/30", "Harvest in the Beauce", "modal window", "Other columns", "blurb"):
        assert furniture not in body
    assert body.count("The village baker") == 10
