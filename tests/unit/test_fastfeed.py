"""The lxml fast path for feeds gives exactly what feedparser gives, or declines.

Every comparison runs both readers through reader.ingest.feed_file.parse_feed: the fast path
(the default) and feedparser (use_fast_path=False). A comparison only means something
when the fast path actually read the document, so each test also checks that it did
(parse_well_formed did not return None) where it should.
"""

from __future__ import annotations

import codecs
import os
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from benchmarks.make_corpus import generate
from reader.ingest.fastfeed import parse_well_formed
from reader.ingest.feed_file import parse_feed
from reader.ingest.feeds import (
    FeedError,
    _parsed_fragment_blocks,
    _plain_fragment_blocks,
    date_is_strict,
)
from reader.model import ParsedDocument
from reader.text.clean import clean

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "feeds"
SAMPLES = ROOT / "sample_data" / "feeds"
XML_FEEDS = sorted(
    path for folder in (FIXTURES, SAMPLES) for path in folder.iterdir() if path.suffix != ".json"
)
# Fixtures only feedparser may read: not well-formed, hostile, or not a feed.
NOT_FOR_FAST_PATH = {"billion-laughs.xml", "malformed-rss.xml", "subscriptions.opml", "xxe.xml"}


def both_paths(data: bytes, name: str = "x") -> tuple[ParsedDocument | None, object]:
    """The fast path's document (None if it declined) and what feedparser makes of it."""
    fast = parse_well_formed(data, fallback_name=name)
    try:
        slow: object = parse_feed(data, fallback_name=name, use_fast_path=False)
    except FeedError as error:
        slow = error
    return fast, slow


def assert_same(data: bytes, name: str = "x") -> ParsedDocument | None:
    fast, slow = both_paths(data, name)
    if fast is not None:
        assert isinstance(slow, ParsedDocument), (
            f"feedparser refused what the fast path read: {slow}"
        )
        assert fast.source_name == slow.source_name
        assert fast.source_url == slow.source_url
        assert len(fast.items) == len(slow.items)
        for fast_item, slow_item in zip(fast.items, slow.items, strict=True):
            assert fast_item == slow_item
        assert fast == slow
        # The fast path's document is also what parse_feed returns by default.
        assert parse_feed(data, fallback_name=name) == fast
    return fast


# --- fixtures and samples --------------------------------------------------------------


@pytest.mark.parametrize("path", XML_FEEDS, ids=lambda path: path.name)
def test_fixture_feeds_read_the_same(path: Path) -> None:
    fast = assert_same(path.read_bytes(), path.name)
    if path.name in NOT_FOR_FAST_PATH:
        assert fast is None
    else:
        assert fast is not None, "the fast path should read this feed"
        assert fast.items


def test_generated_corpus_reads_the_same(tmp_path: Path) -> None:
    generate(300, tmp_path)
    paths = sorted((tmp_path / "feeds").glob("*.xml"))
    assert paths
    for path in paths:
        fast = assert_same(path.read_bytes(), path.name)
        assert fast is not None, f"the fast path should read {path.name}"
        assert all(item.kind == "article" for item in fast.items)


# --- generated feeds: random mixes of features, decline or agree ----------------------

CONTENT_NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
DC_NS = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
ATOM_NS_PREFIXED = 'xmlns:atom="http://www.w3.org/2005/Atom"'
MODULE_NS = [
    'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"',
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/"',
    'xmlns:slash="http://purl.org/rss/1.0/modules/slash/"',
    'xmlns:media="http://search.yahoo.com/mrss/"',
    'xmlns:foo="http://unknown.example/ns"',
]
# Odd bindings: a known namespace under another prefix, a known prefix for another one.
ODD_NS = [
    'xmlns:c="http://purl.org/rss/1.0/modules/content/"',
    'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
    'xmlns:xhtml="http://example.com/not-xhtml"',
]


PARAGRAPHS = [
    "Le petit bac à chaîne a repris ses traversées samedi matin, après quatre mois d’arrêt.",
    "The council confirmed on Monday that two lanes would close until March. Drivers face delays.",
    "« Cette année, on a même ajouté un abri pour les vélos », sourit-il. M. Durand approuve.",
    "Shares rose 4% & analysts said the outlook was “cautiously positive”. Dr. Who agreed.",
    "Emoji 😀 and combining accents: e\u0301te\u0301, and a non-breaking\u00a0space.",
    "Tabs\tand  double  spaces, a line\nbreak, and the end.",
]
TEXTS = [
    "Plain headline",
    "Marks &amp; Spencer results",
    "AT&amp;T &amp;amp; friends",
    "&lt;em&gt;Portrait&lt;/em&gt; : la vannière",
    "&lt;b&gt;Bold&lt;/b&gt; and &lt;custom&gt;odd&lt;/custom&gt;",
    "5 &lt; 6 &amp;&amp; 7 &gt; 3",
    "Caf&#233; cr&#232;me &#8211; dash",
    "&amp;eacute;t&amp;eacute; and &amp;nbsp; entity text",
    "<![CDATA[A <i>CDATA</i> title & more]]>",
    "  Spaced   out\n  title  ",
    "[bold]Markup[/bold] in brackets",
    "Unicode ’quotes’ and “more” — dashes",
    "Latin-1 only: été à Noël",
    "",
]
# Texts feedparser rewrites: the fast path must decline them.
REWRITTEN_TEXTS = ["Ã©tÃ© mojibake", "C1 &#150; dash", "raw C1 \x85 next line"]


def text(rng: random.Random) -> str:
    return rng.choice(REWRITTEN_TEXTS if rng.random() < 0.02 else TEXTS)


LINKS = [
    "https://site.example/a/b",
    "/relative/path",
    "relative/no-slash",
    "https://site.example/q?a=1&amp;b=2",
    "javascript:alert(1)",
    "  https://site.example/padded  ",
    "",
]
# Links feedparser rewrites.
REWRITTEN_LINKS = ["http:///extra.example/slashes", "https://site.example/q?a=1&amp;amp;b=2"]


def link(rng: random.Random) -> str:
    return rng.choice(REWRITTEN_LINKS if rng.random() < 0.03 else LINKS)


DATES_RFC = [
    "Sat, 12 Apr 2025 09:15:00 +0200",
    "Fri, 11 Apr 2025 17:40:00 GMT",
    "Wed, 45 Apr 2025 08:00:00 +0200",
    "12 Apr 2025 09:15 EST",
    "2024-06-01T14:30:00+02:00",
    "2024-13-45T99:00:00Z",
    "2024-09-18",
    "",
]
# Dates only feedparser's own parser reads.
LENIENT_DATES = ["yesterday at noon", "2024/09/18 10:00"]


def date(rng: random.Random, dates: list[str]) -> str:
    return rng.choice(LENIENT_DATES if rng.random() < 0.03 else dates)


DATES_ISO = ["2024-06-01T14:30:00+02:00", "2024-06-01T12:30:00Z", "2024-02-30", "2024-09-18T10:00"]
AUTHORS = [
    "desk@site.example (The Desk)",
    "Ada Brook &lt;ada@site.example&gt;",
    "plain@site.example",
    "Jane Doe",
    "",
]


def html_body(rng: random.Random, paragraphs: int) -> str:
    parts = [f"<p>{rng.choice(PARAGRAPHS)}</p>" for _ in range(paragraphs)]
    if rng.random() < 0.3:
        parts.insert(1, "<h2>A heading</h2><script>track()</script>")
    if rng.random() < 0.2:
        parts.append("<ul><li>One</li><li>Two<br><br>Three</li></ul><pre>a\n\nb</pre>")
    return "\n".join(parts)


def escaped(rng: random.Random, html: str) -> str:
    if rng.random() < 0.5:
        return f"<![CDATA[{html}]]>"
    return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def maybe(rng: random.Random, chance: float, text: str) -> str:
    return text if rng.random() < chance else ""


def rss_item(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.9:
        parts.append(f"<title>{text(rng)}</title>")
    if rng.random() < 0.8:
        parts.append(f"<link>{link(rng)}</link>")
    if rng.random() < 0.6:
        permalink = rng.choice(
            ["", ' isPermaLink="true"', ' isPermaLink="false"', ' isPermaLink="True"']
        )
        value = rng.choice(["https://site.example/guid/1", "tag:site.example,2025:1", link(rng)])
        parts.append(f"<guid{permalink}>{value}</guid>")
    author = rng.random()
    if author < 0.3:
        parts.append(f"<author>{rng.choice(AUTHORS)}</author>")
    elif author < 0.6:
        parts.append(f"<dc:creator>{rng.choice(AUTHORS)}</dc:creator>")
    elif author < 0.62:
        parts.append("<author>a@b.example (A)</author><dc:creator>B</dc:creator>")
    if rng.random() < 0.7:
        parts.append(f"<pubDate>{date(rng, DATES_RFC)}</pubDate>")
    if rng.random() < 0.3:
        parts.append(f"<dc:date>{date(rng, DATES_ISO)}</dc:date>")
    body = html_body(rng, rng.randint(1, 4))
    if rng.random() < 0.6:
        summary = rng.choice([body, "<p>A short summary.</p>", text(rng), "Plain text summary", ""])
        parts.append(f"<description>{escaped(rng, summary)}</description>")
    if rng.random() < 0.5:
        parts.append(f"<content:encoded>{escaped(rng, body)}</content:encoded>")
    harmless = [
        "<category>News</category>",
        '<category domain="x">Local</category>',
        '<enclosure url="https://site.example/a.mp3" length="1" type="audio/mpeg"/>',
        "<comments>https://site.example/c</comments>",
        '<source url="https://other.example/rss">Other</source>',
        "<dc:subject>Topic</dc:subject>",
        '<atom:link rel="related" href="https://site.example/r"/>',
        "<wfw:commentRss>https://site.example/c.rss</wfw:commentRss>",
        "<slash:comments>3</slash:comments>",
        "<!-- a comment -->",
    ]
    declined = [
        '<atom:link href="https://site.example/alt"/>',
        "<media:thumbnail url='https://site.example/t.jpg'/>",
        '<title type="html">Typed title</title>',
        "<description>Second description</description>",
        "<date>2024-01-01</date>",
        "<foo:bar>unknown</foo:bar>",
        '<lastBuildDate xml:base="https://base.example/">Sat, 12 Apr 2025 09:15:00 +0200</lastBuildDate>',
    ]
    parts += [extra for extra in harmless if rng.random() < 0.1]
    parts += [extra for extra in declined if rng.random() < 0.01]
    rng.shuffle(parts)
    attributes = maybe(rng, 0.03, ' xml:lang="fr"') + maybe(rng, 0.02, ' href="https://h.example/"')
    return f"<item{attributes}>" + "\n".join(parts) + "</item>"


def rss_feed(rng: random.Random) -> str:
    namespaces = [CONTENT_NS, DC_NS, ATOM_NS_PREFIXED, *MODULE_NS]
    namespaces += [ns for ns in ODD_NS if rng.random() < 0.05]
    if rng.random() < 0.03:
        namespaces[0] = 'xmlns:content="http://purl.org/dc/elements/1.1/"'
    channel = []
    if rng.random() < 0.9:
        channel.append(f"<title>{text(rng)}</title>")
    if rng.random() < 0.85:
        channel.append(f"<link>{link(rng)}</link>")
    extras = [
        "<description>About this channel</description>",
        "<language>fr</language>",
        "<managingEditor>ed@site.example (Editor)</managingEditor>",
        "<lastBuildDate>Sat, 12 Apr 2025 09:15:00 +0200</lastBuildDate>",
        '<atom:link rel="self" type="application/rss+xml" href="https://site.example/rss"/>',
        "<image><url>https://site.example/i.png</url><title>Image title</title>"
        "<link>https://site.example/</link></image>",
        "<textInput><title>Search</title><description>d</description><name>q</name>"
        "<link>https://site.example/s</link></textInput>",
        "<skipHours><hour>1</hour></skipHours>",
        "<sy:updatePeriod>hourly</sy:updatePeriod>",
        "<dc:creator>Channel Person</dc:creator>",
        '<atom:link rel="alternate" href="https://site.example/alt"/>',
        "<title>Second title</title>",
        "<unknownElement>x</unknownElement>",
        '<ttl xml:base="https://base.example/">5</ttl>',
        "<dc:title>DC title</dc:title>",
    ]
    for index, extra in enumerate(extras):
        if rng.random() < (0.3 if index < 10 else 0.03):
            channel.append(extra)
    channel += [rss_item(rng) for _ in range(rng.randint(0, 4))]
    rng.shuffle(channel)
    version = rng.choice(["2.0", "2.0", "0.91", "0.92", "", "3.0"])
    version_attribute = f' version="{version}"' if version else ""
    return (
        f"<rss{version_attribute} {' '.join(namespaces)}><channel>"
        + "\n".join(channel)
        + "</channel></rss>"
    )


def rdf_feed(rng: random.Random) -> str:
    rss_ns = rng.choice(
        ["http://purl.org/rss/1.0/"] * 5 + ["http://my.netscape.com/rdf/simple/0.9/"]
    )
    namespaces = [
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
        f'xmlns="{rss_ns}"',
        DC_NS,
        CONTENT_NS,
    ]
    if rng.random() < 0.05:
        namespaces.append(ATOM_NS_PREFIXED)
    channel = [
        f"<title>{text(rng)}</title>",
        f"<link>{link(rng)}</link>",
        "<description>RDF channel</description>",
    ]
    if rng.random() < 0.5:
        channel.append(
            '<items><rdf:Seq><rdf:li rdf:resource="https://site.example/1"/></rdf:Seq></items>'
        )
    if rng.random() < 0.3:
        channel.append('<image rdf:resource="https://site.example/i.png"/>')
    rng.shuffle(channel)
    items = []
    for index in range(rng.randint(0, 3)):
        parts = [f"<title>{text(rng)}</title>", f"<link>{link(rng)}</link>"]
        if rng.random() < 0.6:
            parts.append(f"<dc:creator>{rng.choice(AUTHORS)}</dc:creator>")
        if rng.random() < 0.6:
            parts.append(f"<dc:date>{date(rng, DATES_ISO + DATES_RFC)}</dc:date>")
        if rng.random() < 0.6:
            parts.append(
                f"<description>{escaped(rng, html_body(rng, rng.randint(1, 3)))}</description>"
            )
        if rng.random() < 0.3:
            parts.append(f"<content:encoded>{escaped(rng, html_body(rng, 3))}</content:encoded>")
        if rng.random() < 0.05:
            parts.append("<guid>https://site.example/g</guid>")
        rng.shuffle(parts)
        about = maybe(rng, 0.8, f' rdf:about="https://site.example/{index}"')
        items.append(f"<item{about}>" + "".join(parts) + "</item>")
    image = '<image rdf:about="https://site.example/i.png"><title>Image</title><url>https://site.example/i.png</url></image>'
    body = ["<channel rdf:about='https://site.example/'>" + "".join(channel) + "</channel>", *items]
    if rng.random() < 0.3:
        body.insert(rng.randint(0, len(body)), image)
    return f"<rdf:RDF {' '.join(namespaces)}>" + "\n".join(body) + "</rdf:RDF>"


def atom_text(rng: random.Random, tag: str, long: bool = False) -> str:
    kind = rng.random()
    html = (
        html_body(rng, rng.randint(2, 4))
        if long
        else rng.choice(["<b>Bold</b> words", "Plain words"])
    )
    if kind < 0.3:
        return f"<{tag}>{text(rng)}</{tag}>"
    if kind < 0.55:
        return f'<{tag} type="html">{escaped(rng, html)}</{tag}>'
    if kind < 0.92:
        wrapper = rng.choice(
            [
                '<div xmlns="http://www.w3.org/1999/xhtml">{}</div>',
                '  <div xmlns="http://www.w3.org/1999/xhtml" class="c">{}</div>\n',
                '<xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml">{}</xhtml:div>',
                '<div xmlns="http://www.w3.org/1999/xhtml">{}</div><div xmlns="http://www.w3.org/1999/xhtml">more</div>',
                'lead text <p xmlns="http://www.w3.org/1999/xhtml">{}</p>',
                '<div xmlns="http://www.w3.org/1999/xhtml"><!-- c -->{}<br/>tail &amp; more</div>',
            ]
        )
        inner = html.replace("&", "&amp;").replace("<br>", "<br/>")
        return f'<{tag} type="xhtml">{wrapper.format(inner)}</{tag}>'
    odd = rng.choice(
        [
            'type="text"',
            'type="TEXT"',
            'type="text/plain"',
            'type="text/html"',
            'type="application/octet-stream"',
            'type=""',
            'mode="escaped"',
            'src="https://x.example/"',
        ]
    )
    return f"<{tag} {odd}>{text(rng)}</{tag}>"


def atom_link(rng: random.Random) -> str:
    rel = rng.choice(
        ["", ' rel="alternate"', ' rel="self"', ' rel="edit"', ' rel="ALTERNATE"', ' rel=""']
    )
    kind = rng.choice(
        ["", ' type="text/html"', ' type="html"', ' type="application/atom+xml"', ' type=""']
    )
    href = rng.choice([link(rng), "https://site.example/alt&amp;x"])
    if rng.random() < 0.03:
        return f"<link{rel}>https://site.example/text-link</link>"
    return f'<link{rel}{kind} href="{href}"/>'


def atom_person(rng: random.Random, tag: str = "author") -> str:
    parts = []
    if rng.random() < 0.97:
        parts.append(f"<name>{rng.choice(['Harriet Vane', ' Osric  P. ', 'Ã©', ''])}</name>")
    if rng.random() < 0.4:
        parts.append("<email>h@site.example</email>")
    if rng.random() < 0.2:
        parts.append("<uri>https://site.example/h</uri>")
    rng.shuffle(parts)
    return f"<{tag}>" + "".join(parts) + f"</{tag}>"


def atom_entry(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.9:
        parts.append(atom_text(rng, "title"))
    if rng.random() < 0.85:
        parts.append(
            f"<id>{rng.choice(['tag:site.example,2024:1', 'https://site.example/id/1', link(rng), ''])}</id>"
        )
    parts += [atom_link(rng) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
    parts += [atom_person(rng) for _ in range(rng.choice([0, 0, 1, 2]))]
    if rng.random() < 0.6:
        parts.append(f"<published>{date(rng, DATES_ISO + DATES_RFC)}</published>")
    if rng.random() < 0.6:
        parts.append(f"<updated>{date(rng, DATES_ISO)}</updated>")
    if rng.random() < 0.5:
        parts.append(atom_text(rng, "summary"))
    if rng.random() < 0.6:
        parts.append(atom_text(rng, "content", long=True))
    extras = [
        '<category term="news"/>',
        atom_person(rng, "contributor"),
        "<rights>CC</rights>",
        "<source><title>Elsewhere</title></source>",
        "<summary>Second summary</summary>",
        '<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="x"/>',
        "<!-- comment -->",
    ]
    for extra in extras:
        if rng.random() < 0.05:
            parts.append(extra)
    rng.shuffle(parts)
    return "<entry>" + "\n".join(parts) + "</entry>"


def atom_feed(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.9:
        parts.append(atom_text(rng, "title"))
    parts += [atom_link(rng) for _ in range(rng.choice([0, 1, 2]))]
    if rng.random() < 0.7:
        parts.append(
            f"<id>{rng.choice(['tag:site.example,2024:feed', 'https://site.example/feed-id'])}</id>"
        )
    parts += [atom_person(rng) for _ in range(rng.choice([0, 1, 1, 2]))]
    extras = [
        "<updated>2024-06-02T10:00:00Z</updated>",
        "<subtitle>Sub</subtitle>",
        '<generator uri="https://g.example/">Gen</generator>',
        "<icon>/i.png</icon>",
        '<category term="x"/>',
        "<rights>R</rights>",
    ]
    parts += [extra for extra in extras if rng.random() < 0.3]
    parts += [atom_entry(rng) for _ in range(rng.randint(0, 4))]
    rng.shuffle(parts)
    namespaces = 'xmlns="http://www.w3.org/2005/Atom"'
    if rng.random() < 0.05:
        namespaces += ' xmlns:rss="http://purl.org/rss/1.0/"'
    attributes = maybe(rng, 0.05, ' xml:base="https://base.example/"') + maybe(
        rng, 0.1, ' xml:lang="en"'
    )
    return f"<feed {namespaces}{attributes}>" + "\n".join(parts) + "</feed>"


def prolog(rng: random.Random, body: str) -> bytes:
    declaration = rng.choice(
        [
            '<?xml version="1.0" encoding="utf-8"?>\n',
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            '<?xml version="1.0"?>\n',
            "",
            '<?xml version="1.0" encoding="iso-8859-1"?>\n',
            '<?xml version="1.1" encoding="utf-8"?>\n',
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss>\n',
        ][: 4 if rng.random() < 0.85 else 7]
    )
    document = declaration + body
    line_ends = rng.random()
    if line_ends < 0.05:
        document = document.replace("\n", "\r\n")
    elif line_ends < 0.1:
        document = document.replace("\n", " ")  # all on one line
    data = document.encode("utf-8")
    if rng.random() < 0.05:
        data = codecs.BOM_UTF8 + data
    if rng.random() < 0.03:
        data = data[: rng.randint(1, len(data))]  # truncated: not well-formed
    return data


GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "rss": rss_feed,
    "rdf": rdf_feed,
    "atom": atom_feed,
}
FUZZ_COUNT = int(os.environ.get("FASTFEED_FUZZ", "150"))


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_generated_feeds_read_the_same_or_decline(kind: str) -> None:
    rng = random.Random(f"fastfeed-{kind}")
    outcomes: Counter[str] = Counter()
    for _ in range(FUZZ_COUNT):
        data = prolog(rng, GENERATORS[kind](rng))
        try:
            fast = assert_same(data)
        except AssertionError:
            print(data.decode("utf-8", "replace"))
            raise
        outcomes["read" if fast is not None else "declined"] += 1
    # Enough of both outcomes for the comparison to mean something.
    assert outcomes["read"] >= FUZZ_COUNT // 4, outcomes
    assert outcomes["declined"] >= FUZZ_COUNT // 20, outcomes


# --- declining ------------------------------------------------------------------------


def rss(items: str, head: str = "<title>T</title><link>https://t.example/</link>") -> bytes:
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{head}{items}</channel></rss>'.encode()


def test_a_plain_feed_is_read() -> None:
    document = parse_well_formed(rss("<item><title>One</title></item>"), fallback_name="x")
    assert document is not None
    assert [item.title for item in document.items] == ["One"]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(rss("<item><title>Cut</title>")[:-20], id="truncated"),
        pytest.param(b"", id="empty"),
        pytest.param(b"<rss><channel><title>a & b</title></channel></rss>", id="bare ampersand"),
        pytest.param(b"<rss><channel><x:y/></channel></rss>", id="undeclared prefix"),
        pytest.param(b"<html><body>Not a feed</body></html>", id="unknown root"),
        pytest.param(b'<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>', id="opml"),
        pytest.param(
            rss("<item><title>x</title></item>").replace(b'"utf-8"', b'"iso-8859-1"'),
            id="other encoding",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE
            + rss("<item><title>x</title></item>")
            .decode()
            .replace("utf-8", "utf-16")
            .encode("utf-16-le"),
            id="utf-16",
        ),
        pytest.param(
            b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd">'
            b'<rss version="0.91"><channel><title>Old</title></channel></rss>',
            id="doctype",
        ),
        pytest.param(
            rss('<item xml:base="https://b.example/"><title>x</title></item>'), id="xml:base"
        ),
        pytest.param(
            rss(
                "<item><title>x</title><media:title xmlns:media='http://search.yahoo.com/mrss/'>m</media:title></item>"
            ),
            id="unknown namespace",
        ),
        pytest.param(rss("<item><title>a</title><title>b</title></item>"), id="duplicate title"),
        pytest.param(
            rss("<item><title>x</title><description><p>tags</p></description></item>"),
            id="elements in text",
        ),
        pytest.param(rss("<item><title>Ã©tÃ©</title></item>"), id="mojibake feedparser repairs"),
        pytest.param(rss("<item><title>C1 &#150; dash</title></item>"), id="C1 control"),
        pytest.param(
            rss("<item><pubDate>next Tuesday</pubDate><title>x</title></item>"), id="lenient date"
        ),
        pytest.param(
            rss("<item><link>https://x.example/?a=1&amp;amp;b=2</link></item>"),
            id="link feedparser rewrites",
        ),
        pytest.param(
            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><link'
            b' href="https://a.example/" url="https://b.example/"/></entry></feed>',
            id="atom link with url=",
        ),
        pytest.param(
            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>'
            b'<content src="https://x.example/"/></entry></feed>',
            id="atom remote content",
        ),
        pytest.param(
            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>'
            b'<content type="application/pdf">AAAA</content></entry></feed>',
            id="atom other content type",
        ),
        pytest.param(
            b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://example.com/not-dc">'
            b"<entry><title>x</title></entry></feed>",
            id="known prefix, other namespace",
        ),
    ],
)
def test_fast_path_declines(data: bytes) -> None:
    assert parse_well_formed(data, fallback_name="x") is None
    # ...and parse_feed still gives feedparser's reading (or its refusal).
    _fast, slow = both_paths(data)
    try:
        assert parse_feed(data, fallback_name="x") == slow
    except FeedError as error:
        assert isinstance(slow, FeedError)
        assert str(error) == str(slow)


def test_atom_author_without_a_name_declines() -> None:
    # feedparser would name the second author after the first one's e-mail string.
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>E</title>'
        b"<author><name>Ann</name><email>ann@site.example</email></author>"
        b"<author><email>bob@site.example</email></author></entry></feed>"
    )
    assert assert_same(data) is None
    assert assert_same(data.replace(b"<email>bob", b"<name>Bob</name><email>bob")) is not None


def test_atom_text_content_copied_to_the_summary_stays_text() -> None:
    # feedparser copies the content into the summary, without saying it is plain text.
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>E</title>'
        b'<content type="text">Keep &lt;b&gt;these&lt;/b&gt; brackets.</content></entry></feed>'
    )
    document = assert_same(data)
    assert document is not None
    assert [block.text for block in document.items[0].blocks] == ["Keep <b>these</b> brackets."]


def test_rdf_image_before_the_channel_declines() -> None:
    # feedparser would then drop the channel title, being no deeper than the image's.
    data = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/"><image><title>Logo</title></image>'
        b"<channel><title>Bulletin</title><link>https://b.example/</link></channel>"
        b"<item><title>One</title><link>https://b.example/1</link></item></rdf:RDF>"
    )
    assert assert_same(data) is None
    no_channel = data.replace(
        b"<channel><title>Bulletin</title><link>https://b.example/</link></channel>", b""
    )
    assert assert_same(no_channel) is None
    moved = data.replace(b"<image><title>Logo</title></image>", b"").replace(
        b"</channel>", b"</channel><image><title>Logo</title></image>"
    )
    document = assert_same(moved)
    assert document is not None
    assert document.source_name == "Bulletin"


# --- hostile documents -----------------------------------------------------------------


@pytest.fixture
def feedparser_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("feedparser must not see this document")

    monkeypatch.setattr(feedparser, "parse", refuse)


@pytest.mark.usefixtures("feedparser_forbidden")
def test_hostile_feeds_are_refused_or_read_without_their_entities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("no file may be opened")

    monkeypatch.setattr("builtins.open", no_open)
    with pytest.raises(FeedError, match="refuses DTD entity declarations"):
        parse_feed((FIXTURES / "billion-laughs.xml").read_bytes(), fallback_name="b")
    document = parse_feed((FIXTURES / "xxe.xml").read_bytes(), fallback_name="x")
    assert [(item.title, item.blocks) for item in document.items] == [("Read this", ())]


def test_fast_path_alone_never_expands_entities() -> None:
    # Were the pre-check ever bypassed, lxml must neither expand nor fetch anything.
    for name in ("billion-laughs.xml", "xxe.xml"):
        assert parse_well_formed((FIXTURES / name).read_bytes(), fallback_name=name) is None


# --- shared helpers the fast path relies on ------------------------------------------


def test_strict_dates_are_those_decided_without_feedparser() -> None:
    assert date_is_strict("Sat, 12 Apr 2025 09:15:00 +0200")
    assert date_is_strict("Wed, 45 Apr 2025 08:00:00 +0200")  # strict, and invalid
    assert date_is_strict("2024-13-45T99:00:00Z")
    assert not date_is_strict("yesterday at noon")
    assert not date_is_strict("2024/09/18 10:00")


PLAIN_ATOMS = [
    "a", "Été", " ", "\n", "\n\n", "\r\n", "\r", "\t", "\xa0", "\u2028", "\x1b[31m", "\x1b]0;t\x07",
    "\x9b1m", "\x00", "\x85", "\u200e", "\ufeff", "\ufffe", "e\u0301", ".", "M. ", ">", "]]>", "😀",
]  # fmt: skip


def test_text_without_tags_or_entities_skips_the_html_parser() -> None:
    rng = random.Random("plain-fragments")
    for _ in range(3000):
        text = "".join(rng.choice(PLAIN_ATOMS) for _ in range(rng.randint(0, 10)))
        assert _plain_fragment_blocks(text) == _parsed_fragment_blocks(text), repr(text)


def test_whitespace_cleans_to_nothing() -> None:
    # html_to_blocks skips cleaning whitespace-only pieces, counting on this.
    whitespace = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert clean("".join(whitespace)) == ""
    assert all(clean(char * 3) == "" for char in whitespace)
