"""OPML subscription lists: nested folders, odd attribute spellings, hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.opml import OpmlError, parse_opml
from reader.model import FeedRef

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


def opml(body: str, head: str = "<head><title>Mes flux</title></head>") -> bytes:
    prolog = '<?xml version="1.0" encoding="utf-8"?><opml version="2.0">'
    return f"{prolog}{head}<body>{body}</body></opml>".encode()


def test_nested_folders() -> None:
    document = parse_opml((FEEDS / "subscriptions.opml").read_bytes(), fallback_name="subs.opml")
    assert document.source_name == "Abonnements de Clémence"
    assert document.items == ()
    assert document.feeds == (
        FeedRef(
            title="Le Courrier du Lac",
            url="https://courrier-du-lac.example/feed.xml",
            site_url="https://courrier-du-lac.example/",
        ),
        FeedRef(title="Harbour Lights Weekly", url="https://harbour-lights.example/feed.json"),
        FeedRef(
            title="Fenwick Parish Notes",  # title wins over text; lower-case xmlurl accepted
            url="https://fenwick-parish.example/rss",
            site_url="https://fenwick-parish.example/",
        ),
        FeedRef(
            title="Hollowmere Observatory",
            url="https://hollowmere-observatory.example/index.rdf",
            site_url="https://hollowmere-observatory.example/",
        ),
    )


def test_fallback_name_and_untitled_outline() -> None:
    document = parse_opml(
        opml('<outline xmlUrl="https://a.example/rss"/>', head="<head/>"), fallback_name="f.opml"
    )
    assert document.source_name == "f.opml"
    assert document.feeds == (FeedRef(title="https://a.example/rss", url="https://a.example/rss"),)


def test_folder_that_is_also_a_feed_keeps_its_children() -> None:
    document = parse_opml(
        opml(
            '<outline text="Parent" xmlUrl="https://p.example/rss">'
            '<outline text="Child" xmlUrl="https://c.example/rss"/></outline>'
        ),
        fallback_name="x",
    )
    assert [feed.title for feed in document.feeds] == ["Parent", "Child"]


def test_control_characters_in_titles() -> None:
    document = parse_opml(
        opml('<outline text="[b]Flux[/b] &#x9b;2J du port" xmlUrl="https://port.example/rss"/>'),
        fallback_name="x",
    )
    assert document.feeds[0].title == "[b]Flux[/b] du port"  # the CSI sequence is gone


def test_cp1252_file_wrongly_claiming_utf8() -> None:
    data = opml('<outline text="Météo côtière" xmlUrl="https://meteo.example/rss"/>')
    data = data.decode().encode("cp1252")
    document = parse_opml(data, fallback_name="x")
    assert document.feeds[0].title == "Météo côtière"


def test_no_feeds_is_an_empty_list() -> None:
    assert parse_opml(opml(""), fallback_name="x").feeds == ()


@pytest.mark.parametrize(
    "data",
    [
        b"<opml><body><outline text='unclosed'></body>",
        b"not xml at all",
        b"",
    ],
)
def test_malformed(data: bytes) -> None:
    with pytest.raises(OpmlError, match="malformed OPML"):
        parse_opml(data, fallback_name="x")


def test_not_opml() -> None:
    with pytest.raises(OpmlError, match="not an OPML document"):
        parse_opml(b'<?xml version="1.0"?><rss version="2.0"/>', fallback_name="x")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entity_declarations_are_refused(doctype: str) -> None:
    data = (
        f'<?xml version="1.0"?>{doctype}<opml version="2.0"><head><title>&xxe;&b;</title>'
        "</head><body/></opml>"
    ).encode()
    with pytest.raises(OpmlError, match="refuses DTD entity declarations"):
        parse_opml(data, fallback_name="x")


def test_opml_error_is_a_value_error() -> None:
    assert issubclass(OpmlError, ValueError)
