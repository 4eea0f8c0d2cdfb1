"""Feed import: RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed, malformed and hostile feeds.

Every test runs twice: with the lxml fast path (reader.ingest.fastfeed), which reads the
well-formed feeds here, and with feedparser alone.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from reader.ingest.feed_file import parse_feed
from reader.ingest.feeds import FeedError, html_to_blocks, html_to_text
from reader.model import Block, ParsedDocument, ParsedItem

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


@pytest.fixture(scope="module", autouse=True, params=["fast path", "feedparser only"])
def reader_path(request: pytest.FixtureRequest) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "feedparser only":
            patch.setattr(
                "reader.ingest.fastfeed.parse_well_formed", lambda data, *, fallback_name: None
            )
        yield request.param


def parse_fixture(name: str) -> ParsedDocument:
    return parse_feed((FEEDS / name).read_bytes(), fallback_name=name)


def all_text(document: ParsedDocument) -> str:
    return "\n".join(
        [item.title for item in document.items]
        + [block.text for item in document.items for block in item.blocks]
    )


def rss(items: str, channel_title: str = "<title>Test channel</title>") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"{channel_title}<link>https://test.example/</link>{items}</channel></rss>"
    ).encode()


# --- RSS 2.0 ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def courrier(reader_path: str) -> ParsedDocument:
    return parse_fixture("rss2-courrier.xml")


def test_rss2_source(courrier: ParsedDocument) -> None:
    assert courrier.source_name == "Le Courrier du Lac"
    assert courrier.source_kind == "feed"
    assert courrier.source_url == "https://courrier-du-lac.example/"
    assert courrier.feeds == ()
    assert len(courrier.items) == 5


def test_rss2_content_encoded_becomes_article(courrier: ParsedDocument) -> None:
    item = courrier.items[0]
    assert item.kind == "article"
    assert item.title == "Le bac de Vernoux reprend du service après l’hiver"
    assert not item.title_derived
    assert item.author == "Solène Garnier"
    assert item.published == datetime(2025, 4, 12, 7, 15, tzinfo=UTC)
    assert item.url == "https://courrier-du-lac.example/2025/04/bac-vernoux"
    assert item.guid == "courrier-2025-0412"
    assert item.blocks == (
        Block(
            "Le petit bac à chaîne qui relie Vernoux à la presqu’île des Saules a repris ses "
            "traversées samedi matin, après quatre mois d’arrêt pour l’entretien annuel "
            "de sa coque."
        ),
        Block("Une coque repeinte & un moteur neuf", heading=True),
        Block(
            "Les agents du syndicat du lac ont profité de la pause pour remplacer le moteur "
            "électrique, plus silencieux, et repeindre la coque délavée par les crues de novembre."
        ),
        Block("Première traversée : 7 h 30"),
        Block("Dernière traversée : 20 h 15"),
        Block("Le passeur, Bastien, connaît chaque rafale du lac."),
        Block("« Cette année, on a même ajouté un abri pour les vélos », sourit-il."),
        Block(
            "Le tarif reste inchangé : 1,50 € l’aller simple, gratuit pour les moins de douze ans."
        ),
    )


def test_rss2_scripts_styles_and_iframes_are_dropped(courrier: ParsedDocument) -> None:
    text = all_text(courrier)
    for leftover in ("trackRead", "color: red", "Vidéo indisponible", "<", "&eacute;"):
        assert leftover not in text


def test_rss2_summary_only_is_a_headline_with_its_summary(courrier: ParsedDocument) -> None:
    item = courrier.items[1]
    assert item.kind == "headline"
    assert item.title == "Fermeture provisoire de la route des crêtes"
    assert item.author == "La rédaction"  # from "address (Name)"
    assert item.published == datetime(2025, 4, 11, 17, 40, tzinfo=UTC)
    assert item.blocks == (
        Block(
            "Un éboulement a coupé la départementale entre Saint-Aubrac et le col des Biches. "
            "Une déviation est en place."
        ),
    )


def test_rss2_markup_like_title_is_literal_and_relative_link_resolved(
    courrier: ParsedDocument,
) -> None:
    item = courrier.items[2]
    assert item.kind == "headline"
    assert item.title == "[bold]Alerte[/bold] : la fête du lac avancée d’une semaine"
    assert item.blocks == ()
    assert item.author is None
    assert item.url == "https://courrier-du-lac.example/2025/04/fete-du-lac"


def test_rss2_missing_title_is_derived_and_invalid_date_is_none(courrier: ParsedDocument) -> None:
    item = courrier.items[3]
    assert item.title_derived
    assert item.title == (
        "Les pêcheurs de la baie des Joncs signalent des brochets d’une taille inhabituelle "
        "depuis le début…"
    )
    assert len(item.title) <= 100
    assert item.published is None  # "Wed, 45 Apr 2025"
    assert item.kind == "headline"


def test_rss2_html_title_becomes_text_and_long_single_paragraph_is_article(
    courrier: ParsedDocument,
) -> None:
    item = courrier.items[4]
    assert item.title == "Portrait : la dernière vannière de Vernoux"
    assert item.kind == "article"
    assert len(item.blocks) == 1
    assert item.blocks[0].text.startswith("Dans son atelier au bord de l’eau, entre deux bottes")
    assert item.blocks[0].text.endswith("qui ne jurent que par le travail fait main.")


def test_short_content_is_a_headline_not_an_article() -> None:
    data = rss(
        "<item><title>Short one</title>"
        '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<![CDATA[<p>Only a line of text.</p>]]></content:encoded></item>"
    )
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.kind == "headline"
    assert item.blocks == (Block("Only a line of text."),)


def test_summary_repeating_the_title_is_dropped() -> None:
    data = rss("<item><title>Same words</title><description>Same words</description></item>")
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.blocks == ()


def test_long_summary_is_shortened_to_one_block() -> None:
    paragraph = "Word " * 90
    data = rss(
        f"<item><title>Long summary</title><description>&lt;p&gt;{paragraph}&lt;/p&gt;"
        f"&lt;p&gt;{paragraph}&lt;/p&gt;</description></item>"
    )
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.kind == "headline"
    assert len(item.blocks) == 1
    assert len(item.blocks[0].text) <= 600
    assert item.blocks[0].text.endswith("Word…")


def test_whole_article_in_the_description_is_an_article() -> None:
    paragraphs = [
        f"Paragraph {n} of the harbour report, with enough words to read like a real one, "
        "naming the quay, the crane operators and the tide tables they work around." * 2
        for n in range(1, 5)
    ]
    html = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paragraphs)
    data = rss(
        f"<item><title>Cranes idle at the harbour</title><description>{html}</description></item>"
    )
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.kind == "article"
    assert [block.text for block in item.blocks] == paragraphs


def test_author_forms() -> None:
    data = rss(
        "<item><title>a</title><author>Ada Brook &lt;ada@test.example&gt;</author></item>"
        "<item><title>b</title><author>desk@test.example</author></item>"
    )
    first, second = parse_feed(data, fallback_name="x").items
    assert first.author == "Ada Brook"
    assert second.author == "desk@test.example"


def test_missing_channel_title_uses_fallback_name() -> None:
    data = rss("<item><title>Lonely</title></item>", channel_title="")
    assert parse_feed(data, fallback_name="lonely.xml").source_name == "lonely.xml"


def test_entry_with_nothing_is_skipped_and_link_only_entry_uses_its_url() -> None:
    data = rss("<item></item><item><link>https://test.example/only-link</link></item>")
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.title == "https://test.example/only-link"
    assert item.title_derived


def test_non_web_links_are_dropped() -> None:
    data = rss("<item><title>js</title><link>javascript:alert(1)</link></item>")
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.url is None


def test_first_sentence_skips_abbreviations() -> None:
    data = rss(
        "<item><description>M. Durand inaugure le pont. La fanfare joue.</description></item>"
    )
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.title == "M. Durand inaugure le pont"


def test_empty_but_valid_feed() -> None:
    document = parse_feed(rss(""), fallback_name="x")
    assert document.items == ()
    assert document.source_name == "Test channel"


def test_rss091_with_public_doctype_is_accepted() -> None:
    data = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Old school</title><link>https://old.example/</link>'
        b"<item><title>Still here</title><link>https://old.example/1</link></item>"
        b"</channel></rss>"
    )
    document = parse_feed(data, fallback_name="x")
    assert document.source_name == "Old school"
    assert [item.title for item in document.items] == ["Still here"]


def test_utf16_feed() -> None:
    text = (
        '<?xml version="1.0" encoding="utf-16"?>'
        + rss("<item><title>Été indien à Brest</title></item>").decode().split("?>", 1)[1]
    )
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.title == "Été indien à Brest"


# --- control characters and escapes ---------------------------------------------------


def test_ansi_escapes_in_xml_fields_are_stripped_brackets_kept() -> None:
    # Raw ESC bytes are not even allowed in XML: this goes through the lenient parser.
    data = rss(
        "<item><title>\x1b[31m[red]Flash[/red]\x1b[0m info \x07sur le port</title>"
        "<author>\x1b]0;pwned\x07Lise Marek</author>"
        "<description>Texte \x1b[2Kavec \x9b1m codes.</description></item>",
        channel_title="<title>\x1b[1mRadio\x1b[0m Phare</title>",
    )
    document = parse_feed(data, fallback_name="x")
    assert document.source_name == "Radio Phare"
    (item,) = document.items
    assert item.title == "[red]Flash[/red] info sur le port"
    assert item.author == "Lise Marek"
    assert "\x1b" not in all_text(document)
    assert "\x9b" not in all_text(document)


def test_escapes_in_json_feed_are_stripped() -> None:
    data = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "title": "Ops\u001b[2J desk",
            "items": [
                {
                    "id": "1",
                    "title": "[b]Bold?[/b]\u001b[5m blink\u202e",
                    "author": {"name": "\u001b[31mRed Ink"},
                    "content_text": "Line\u0000 one.",
                }
            ],
        }
    ).encode()
    document = parse_feed(data, fallback_name="x")
    assert document.source_name == "Ops desk"
    (item,) = document.items
    assert item.title == "[b]Bold?[/b] blink"
    assert item.author == "Red Ink"
    assert item.blocks == (Block("Line one."),)


# --- RSS 1.0 / RDF ---------------------------------------------------------------------


def test_rdf_feed() -> None:
    document = parse_fixture("rdf-observatory.rdf")
    assert document.source_name == "Hollowmere Observatory Bulletin"
    assert document.source_url == "https://hollowmere-observatory.example/"
    first, second = document.items
    assert first == ParsedItem(
        kind="headline",
        title="Comet Vessy brightens ahead of schedule",
        blocks=(
            Block(
                "Volunteers logged the comet at magnitude seven on Saturday night, "
                "two weeks earlier than forecast."
            ),
        ),
        author="Imogen Thrale",
        published=datetime(2024, 9, 21, 21, 10, tzinfo=UTC),
        url="https://hollowmere-observatory.example/notes/comet-vessy",
        guid="https://hollowmere-observatory.example/notes/comet-vessy",
    )
    assert second.title == "Dome shutter repaired"
    assert second.published == datetime(2024, 9, 18, tzinfo=UTC)
    assert second.author is None
    assert second.blocks == ()


# --- Atom ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workshop(reader_path: str) -> ParsedDocument:
    return parse_fixture("atom-workshop.atom")


def test_atom_source(workshop: ParsedDocument) -> None:
    assert workshop.source_name == "The Bramblecote Workshop Journal"
    assert workshop.source_url == "https://bramblecote.example/journal/"
    assert len(workshop.items) == 4


def test_atom_html_content_article(workshop: ParsedDocument) -> None:
    item = workshop.items[0]
    assert item.kind == "article"
    assert item.title == "Restoring a 1930s wireless set"
    assert item.author == "Harriet Vane-Moss, Osric Penhallow"
    # published wins over updated
    assert item.published == datetime(2024, 6, 1, 12, 30, tzinfo=UTC)
    assert item.url == "https://bramblecote.example/journal/wireless"
    assert item.guid == "tag:bramblecote.example,2024:wireless"
    assert item.blocks[0].text.startswith("The set arrived in a cardboard box")
    assert item.blocks[1] == Block("Replacing the capacitors", heading=True)
    assert item.blocks[-1].text == (
        "After a slow warm-up on a variable supply, the set picked up a late-night music "
        "programme on its first evening."
    )
    assert len(item.blocks) == 4


def test_atom_summary_only_inherits_feed_author(workshop: ParsedDocument) -> None:
    item = workshop.items[1]
    assert item.kind == "headline"
    assert item.title == "Open evening moved to Thursday"
    assert item.author == "Bramblecote Cooperative"
    assert item.published == datetime(2024, 5, 28, 9, 0, tzinfo=UTC)
    assert item.blocks == (
        Block("The monthly open evening moves to Thursday because of the village fete."),
    )


def test_atom_xhtml_title_and_content(workshop: ParsedDocument) -> None:
    item = workshop.items[2]
    assert item.title == "Notes on sharpening chisels"
    assert item.kind == "article"
    assert item.blocks == (
        Block("Start on the coarse stone and keep the bevel flat."),
        Block("Finish on the leather strop until the edge shaves end grain cleanly."),
    )


def test_atom_invalid_date_and_non_web_id(workshop: ParsedDocument) -> None:
    item = workshop.items[3]
    assert item.title == "Bad date entry"
    assert item.published is None  # 2024-13-45, which feedparser would roll over
    assert item.url is None  # only a tag: id, no link
    assert item.guid == "tag:bramblecote.example,2024:bad-date"


# --- JSON Feed -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def harbour(reader_path: str) -> ParsedDocument:
    return parse_fixture("jsonfeed-harbour.json")


def test_json_feed_source(harbour: ParsedDocument) -> None:
    assert harbour.source_name == "Harbour Lights Weekly"
    assert harbour.source_kind == "feed"
    assert harbour.source_url == "https://harbour-lights.example/"
    assert len(harbour.items) == 3  # a string and an empty object are skipped


def test_json_feed_html_article(harbour: ParsedDocument) -> None:
    item = harbour.items[0]
    assert item.kind == "article"
    assert item.title == "Fish market gets a new roof"
    assert item.author == "Marguerite Ollivant"
    assert item.published == datetime(2025, 3, 7, 6, 0, tzinfo=UTC)
    assert item.guid == "hl-2025-031"
    assert item.blocks[1] == Block("Built by local hands", heading=True)
    assert item.blocks[-1].text.startswith("Three carpenters from the boatyard")


def test_json_feed_summary_headline(harbour: ParsedDocument) -> None:
    item = harbour.items[1]
    assert item.kind == "headline"
    assert item.author == "Harbour Lights Desk"  # inherited from the feed
    assert item.blocks == (Block("Free copies are at the harbour office."),)
    assert item.published == datetime(2025, 3, 5, 12, 0, tzinfo=UTC)


def test_json_feed_text_content_with_derived_title(harbour: ParsedDocument) -> None:
    item = harbour.items[2]
    assert item.kind == "article"
    assert item.title_derived
    assert item.title.endswith("…")
    assert item.title.startswith("Volunteers counted four hundred and twelve herring gulls")
    assert len(item.title) <= 100
    assert item.guid == "29"
    assert item.published is None
    assert item.blocks[-1] == Block("Organisers thank the bakery for the coffee.")


def test_json_feed_1_0_author_object() -> None:
    data = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "title": "Old JSON",
            "author": {"name": "Feed Person"},
            "items": [{"id": "a", "title": "One", "date_published": "2024-02-29T23:30:00-02:00"}],
        }
    ).encode()
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.author == "Feed Person"
    assert item.published == datetime(2024, 3, 1, 1, 30, tzinfo=UTC)


def test_json_that_is_not_a_feed() -> None:
    with pytest.raises(FeedError, match="not a valid"):
        parse_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": [', fallback_name="x")
    with pytest.raises(FeedError, match="not a valid"):
        parse_feed(b'{"name": "something else"}', fallback_name="x")


# --- malformed and non-feeds -----------------------------------------------------------


def test_malformed_feed_is_read_leniently() -> None:
    document = parse_fixture("malformed-rss.xml")
    assert document.source_name == "Fenwick Parish Notes & News"
    assert document.items[0].title == "Bell ringers practise on Wednesday"
    assert document.items[0].blocks == (Block("Practice starts at seven & visitors are welcome."),)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><head><title>A page</title></head><body><p>Hello</p></body></html>",
        b"just some words\nand more words",
        b'<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>',
        b"<rss><channel><item><title>",
        b"",
    ],
)
def test_not_a_feed(data: bytes) -> None:
    with pytest.raises(FeedError, match=r"^not a valid RSS/Atom feed: "):
        parse_feed(data, fallback_name="x")


def test_invalid_feed_reason_is_readable() -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(b"<rss><channel>\n<item><title>", fallback_name="x")
    assert str(info.value) == "not a valid RSS/Atom feed: no element found"


def test_truncated_feed_keeps_what_it_has() -> None:
    data = b"<rss><channel><item><title>Cut short</title><li"
    document = parse_feed(data, fallback_name="cut.xml")
    assert document.source_name == "cut.xml"
    assert [item.title for item in document.items] == ["Cut short"]


def test_a_path_given_as_bytes_is_not_opened(tmp_path: Path) -> None:
    feed_file = tmp_path / "real.xml"
    feed_file.write_bytes(rss("<item><title>Secret</title></item>"))
    with pytest.raises(FeedError):
        parse_feed(str(feed_file).encode(), fallback_name="x")


# --- hostile feeds ---------------------------------------------------------------------


@pytest.fixture
def parsers_see_no_declaration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if an XML reader is handed a document that declares entities."""
    import feedparser

    from reader.ingest import fastfeed

    real_feedparser, real_fast = feedparser.parse, fastfeed.parse_well_formed

    def checked(data: bytes) -> None:
        assert b"<!entity" not in data.lower(), "a parser saw the entity declarations"

    def guarded_feedparser(stream: Any, *args: Any, **kwargs: Any) -> Any:
        checked(stream.getvalue())
        return real_feedparser(stream, *args, **kwargs)

    def guarded_fast(data: bytes, *, fallback_name: str) -> Any:
        checked(data)
        return real_fast(data, fallback_name=fallback_name)

    monkeypatch.setattr(feedparser, "parse", guarded_feedparser)
    if fastfeed.parse_well_formed.__module__ == fastfeed.__name__:  # not the "feedparser only" stub
        monkeypatch.setattr(fastfeed, "parse_well_formed", guarded_fast)


@pytest.mark.usefixtures("parsers_see_no_declaration")
def test_billion_laughs_is_refused_before_any_expansion() -> None:
    # Its only entry is made of the entity: without it nothing is left to import.
    with pytest.raises(FeedError, match="refuses DTD entity declarations"):
        parse_fixture("billion-laughs.xml")


@pytest.mark.usefixtures("parsers_see_no_declaration")
def test_xxe_entries_are_read_without_the_entity_and_without_reading_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = (FEEDS / "xxe.xml").read_bytes()

    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("no file may be opened")

    monkeypatch.setattr("builtins.open", no_open)
    document = parse_feed(data, fallback_name="x")
    assert [item.title for item in document.items] == ["Read this"]
    assert document.source_name == "Innocent looking feed"
    assert "root:" not in all_text(document) and "xxe" not in all_text(document)
    assert document.notes == ("left out its DTD entity declarations (never expanded)",)


@pytest.mark.usefixtures("parsers_see_no_declaration")
def test_entries_of_a_malformed_feed_with_declarations_are_read_without_them() -> None:
    data = (
        b'<!DOCTYPE rss [<!ENTITY a "aaaa"> <!-- ]> in a comment --> <!ENTITY b SYSTEM "]>">]>'
        b'<rss version="2.0"><channel><title>Site &a;</title>'
        b"<item><title>First &b;entry</title></item><item><title>Second</title>"
    )
    document = parse_feed(data, fallback_name="x")
    assert [item.title for item in document.items] == ["First entry", "Second"]
    assert "aaaa" not in all_text(document)


@pytest.mark.usefixtures("parsers_see_no_declaration")
def test_entities_in_a_malformed_document_with_nothing_else_are_refused() -> None:
    data = b'<!DOCTYPE rss [<!ENTITY a "aaaa">]><rss version="2.0"><channel><title>&a;<item>'
    with pytest.raises(FeedError, match="refuses DTD entity declarations"):
        parse_feed(data, fallback_name="x")


@pytest.mark.usefixtures("parsers_see_no_declaration")
def test_entities_in_utf16_are_refused() -> None:
    text = '<!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel><title>&a;<item><title>T</title>'
    with pytest.raises(FeedError, match="refuses DTD entity declarations"):
        parse_feed(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), fallback_name="x")


@pytest.mark.usefixtures("parsers_see_no_declaration")
def test_an_entity_declared_outside_the_doctype_is_refused() -> None:
    data = (
        b'<!DOCTYPE rss [<!ENTITY a "x">]><rss version="2.0"><channel><title>T</title>'
        b'<!ENTITY b "y"><item><title>Entry</title></item></channel></rss>'
    )
    with pytest.raises(FeedError, match="refuses DTD entity declarations"):
        parse_feed(data, fallback_name="x")


# --- HTML fragments --------------------------------------------------------------------


def test_html_to_blocks_structure() -> None:
    blocks = html_to_blocks(
        "Intro text without a tag<h3>Section</h3><div>Block <b>bold</b> &amp; <i>it</i></div>"
        "<p>One<br>line<br/><br />Two</p><ol><li>First<ul><li>Nested</li></ul></li></ol>"
        "<noscript>enable js</noscript><!-- a comment --><pre>code\n\nmore</pre>"
    )
    assert blocks == (
        Block("Intro text without a tag"),
        Block("Section", heading=True),
        Block("Block bold & it"),
        Block("One line"),
        Block("Two"),
        Block("First"),
        Block("Nested"),
        Block("code"),
        Block("more"),
    )


def test_html_to_text_and_empty_input() -> None:
    assert html_to_text("<b>Un</b> &eacute;t&eacute; <script>x()</script>chaud") == "Un été chaud"
    assert html_to_blocks("") == ()
    assert html_to_blocks("   \n ") == ()
    assert html_to_text("5 < 6 & [x]") == "5 < 6 & [x]"


def test_control_stripping_shortcut_changes_nothing() -> None:
    import random

    from reader.ingest.feeds import _strip_controls
    from reader.text.clean import strip_controls

    pieces = ["a", "é", " ", "\n", "\t", "\r", "\xa0", "\x1b[31m", "\x1b]0;t\x07", "\x9b1m", "\x00"]
    pieces += [
        "\x7f",
        "\x85",
        "\u200e",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\u2028",
        "<p>",
        "😀",
        "[31m",
    ]
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _strip_controls(text) == strip_controls(text), repr(text)


def test_entities_without_tags_are_decoded() -> None:
    assert html_to_text("Caf&eacute; &amp; cr&egrave;me") == "Café & crème"


def test_text_without_markup_is_one_paragraph() -> None:
    assert html_to_blocks("Plain words,\n  on two lines.") == (Block("Plain words, on two lines."),)
    assert html_to_blocks(" \x1b[31m \n") == ()


def test_leading_character_reference_to_a_control_keeps_the_text() -> None:
    # The escape sequence is stripped like any other; the paragraph is not lost with it.
    assert html_to_blocks("&#27;[31mRed alert<p>Second</p>") == (
        Block("Red alert"),
        Block("Second"),
    )


def test_an_article_never_converts_its_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.ingest.feeds as feeds

    converted: list[str] = []
    original = feeds.html_to_blocks

    def recording(markup: str) -> tuple[Block, ...]:
        converted.append(markup)
        return original(markup)

    monkeypatch.setattr(feeds, "html_to_blocks", recording)
    body = "".join(f"<p>Paragraph {n} has enough words to count as a body.</p>" for n in range(4))
    data = rss(
        "<item><title>Full story</title><description>&lt;p&gt;The teaser.&lt;/p&gt;</description>"
        '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<![CDATA[{body}]]></content:encoded></item>"
    )
    (item,) = parse_feed(data, fallback_name="x").items
    assert item.kind == "article"
    assert converted == [body]
