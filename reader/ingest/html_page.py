"""Importing a saved web page as one article: main text by trafilatura, metadata by us.

A page without article text that lists three headline links or more (a saved front page
or section page) gives those headlines instead, with their links made absolute from the
page's canonical address when it has one.

trafilatura finds the article text and leaves navigation, cookie banners, sidebars and
footers out; its XML body keeps ``<head>`` elements, which become heading blocks. Page
metadata (canonical URL, site name, full publication timestamp) is read from the page's
own ``<meta>``/``<link>`` tags and JSON-LD first, because trafilatura reduces dates to
days. Nothing is ever fetched: trafilatura only receives the page text, never a URL.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.ingest import boilerplate
from reader.ingest.decode import decode_bytes
from reader.ingest.page_fields import (
    byline_name,
    clean_author,
    is_domain_name,
    strip_site_name,
)
from reader.ingest.titles import title_from_blocks
from reader.model import Block, ParsedDocument, ParsedItem
from reader.text.clean import clean, strip_controls

__all__ = ["PageError", "parse_html_page"]


class PageError(ValueError):
    """No article text could be extracted from the page."""


# Boxes that are never article text, pruned before extraction as a safety net on top of
# trafilatura's own heuristics. Matching is on class/id substrings, so the list stays
# specific ("cookie" alone would also hit recipe sites).
_BOILERPLATE_MARKERS = (
    "cookie-banner", "cookie-consent", "cookie-notice", "cookiebanner", "consent",
    "gdpr", "newsletter", "paywall", "most-read", "most-popular",
    # Photo galleries and video players: their slide captions and player menus
    # ("Chapters", "This is a modal window.") are not the article's prose.
    "gallery", "slideshow", "carousel", "video-js", "vjs-",
)  # fmt: skip
_BOILERPLATE_XPATH = [
    f"//{tag}[contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    f"'abcdefghijklmnopqrstuvwxyz'), '{marker}') or contains(@id, '{marker}')]"
    for tag in ("div", "section", "aside", "form")
    for marker in _BOILERPLATE_MARKERS
]

# Meta keys holding the publication time, most specific first.
_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date",
    "pubdate", "publishdate", "dc.date.issued", "dc.date", "dcterms.created",
)  # fmt: skip
_WEB_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class _PageMeta:
    """What the page says about itself in its head."""

    title: str | None = None
    site_name: str | None = None
    url: str | None = None
    author: str | None = None
    byline: str | None = None
    """The name in the page's visible by-line, if it marks one."""
    published: datetime | None = None


def parse_html_page(data: bytes | str, *, fallback_name: str) -> ParsedDocument:
    """Parse a saved HTML article page into one article item (or a front page's headlines)."""
    html = data if isinstance(data, str) else _decode_html(data)
    html = strip_controls(html)  # libxml2 refuses NULs and other controls
    tree = _parse_tree(html)
    if tree is not None and _tame_attributes(tree):
        html = _serialize(tree)
    meta = _page_metadata(tree)
    document = _extract(html)
    blocks = _body_blocks(document.body) if document is not None else ()
    if not blocks:
        # Precision first finds nothing on some real pages (an archived one) where the
        # balanced setting finds the whole article; a headline page stays a headline page.
        balanced = _extract(html, precise=False)
        balanced_blocks = _body_blocks(balanced.body) if balanced is not None else ()
        if balanced_blocks and len(_headline_links(tree, meta.url)) < MIN_HEADLINE_LINKS:
            document, blocks = balanced, balanced_blocks
    if document is None or not blocks:
        # A saved front page or section page: no article, a list of headline links.
        headlines = _headline_links(tree, meta.url)
        if len(headlines) < MIN_HEADLINE_LINKS:
            raise PageError("no main text found in the page")
        return ParsedDocument(
            items=tuple(headlines),
            source_name=meta.site_name or fallback_name,
            source_kind="site",
            source_url=_site_root(meta.url),
        )
    url = meta.url or _web_url(document.url)
    site_names = (meta.site_name, _optional_clean(document.sitename))
    title = _optional_clean(document.title) or meta.title or ""
    title = strip_site_name(title, site_names, url)
    blocks = _without_teaser_tail(_without_leading_title(blocks, title))
    derived = not title
    if derived:
        title = title_from_blocks(blocks)
    item = ParsedItem(
        kind="article",
        title=title,
        title_derived=derived,
        blocks=blocks,
        author=_author(meta, document, url),
        published=meta.published or _day_date(document.date),
        url=url,
    )
    return ParsedDocument(
        items=(item,),
        source_name=meta.site_name or _optional_clean(document.sitename) or fallback_name,
        source_kind="site",
        source_url=_site_root(url),
    )


def _author(meta: _PageMeta, document: Any, url: str | None) -> str | None:
    """The visible by-line first: the meta author is sometimes the account that posted
    ("Equipe B.Corson") or the site's address."""
    for raw in (meta.byline, _optional_clean(document.author), meta.author):
        name = clean_author(raw)
        if name and not is_domain_name(name, url):
            return name
    return None


# --- pages of headlines ----------------------------------------------------------------

MIN_HEADLINE_LINKS = 3
"""Fewer headline-shaped links than this, and a page without main text is refused."""
MIN_HEADLINE_WORDS = 4
MAX_HEADLINE_CHARS = 200
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "button"})
_FURNITURE_CLASS = re.compile(r"nav|menu|footer|breadcrumb|share|social|cookie|login", re.I)
_NOT_A_PAGE = re.compile(r"(?:javascript|mailto|tel|data):", re.I)


def _headline_links(tree: Any, page_url: str | None) -> list[ParsedItem]:
    """The headline links of a page (front pages and section pages are lists of them):
    links of four words or more outside the navigation, header, footer and asides, each
    once, with its address made absolute from the page's own (canonical) address."""
    if tree is None:
        return []
    base = page_url
    for element in tree.iter("base"):
        base = _web_url(urljoin(page_url or "", element.get("href") or "")) or base
        break
    seen: set[str] = set()
    items: list[ParsedItem] = []
    for link in tree.iter("a"):
        if _in_furniture(link):
            continue
        title = clean(" ".join(link.text_content().split()))
        if (
            len(title.split()) < MIN_HEADLINE_WORDS
            or len(title) > MAX_HEADLINE_CHARS
            or title in seen
            or boilerplate.classify(title) is not None
        ):
            continue
        href = (link.get("href") or "").strip()
        if not href or href.startswith("#") or _NOT_A_PAGE.match(href):
            continue  # a button or an anchor, not a link to an article
        seen.add(title)
        url = _web_url(urljoin(base, href)) if base else _web_url(href)
        items.append(ParsedItem(kind="headline", title=title, url=url))
    return items


def _in_furniture(element: Any) -> bool:
    for ancestor in element.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag in _FURNITURE_TAGS or ancestor.get("role") == "navigation":
            return True
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if marks.strip() and _FURNITURE_CLASS.search(marks):
            return True
    return False


# --- decoding --------------------------------------------------------------------------

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode_html(data: bytes) -> str:
    """A byte-order mark or valid UTF-8 wins; then the page's declared charset; then a guess.

    decode_bytes() also refuses binary data (DecodeError), before any charset is tried.
    """
    if data.startswith(_BOMS):
        return decode_bytes(data)
    text = decode_bytes(data)
    if _is_utf8(data):
        return text
    declared = _declared_encoding(data[:4096])
    if declared is None:
        return text
    return data.decode(declared, errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_encoding(head: bytes) -> str | None:
    """The charset named in a <meta> tag or XML declaration, if Python knows it."""
    match = _DECLARED_CHARSET.search(head)
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read pages labelled Latin-1 or ASCII as Windows-1252 (WHATWG Encoding).
    return "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec


# --- metadata --------------------------------------------------------------------------


def _parse_tree(html: str) -> Any:
    import lxml.etree
    import lxml.html

    # Bytes with an explicit parser encoding: lxml refuses str input that carries an
    # XML encoding declaration, which saved XHTML pages have.
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


MAX_ATTRIBUTES = 64
"""More attributes than this on one element is not a page anyone wrote: 20,000 of them
kept trafilatura busy for 14 s. Such an element keeps only the attributes that carry
meaning for reading (`_MEANINGFUL_ATTRIBUTES`)."""
_MEANINGFUL_ATTRIBUTES = frozenset(
    {"id", "class", "itemprop", "itemtype", "itemscope", "rel", "href", "src", "content",
     "name", "property", "datetime", "role", "lang", "type", "charset", "http-equiv",
     "hidden", "aria-hidden", "title", "alt"}
)  # fmt: skip


def _tame_attributes(tree: Any) -> bool:
    """Strip elements with over MAX_ATTRIBUTES attributes to the meaningful ones; True
    when any was."""
    changed = False
    for element in tree.iter():
        attributes = element.attrib
        if isinstance(element.tag, str) and len(attributes) > MAX_ATTRIBUTES:
            for key in [key for key in attributes if key not in _MEANINGFUL_ATTRIBUTES]:
                del attributes[key]
            changed = True
    return changed


def _serialize(tree: Any) -> str:
    import lxml.html

    return str(lxml.html.tostring(tree, encoding="unicode"))


def _page_metadata(tree: Any) -> _PageMeta:
    if tree is None:
        return _PageMeta()
    metas = _meta_values(tree)
    ld = _json_ld_fields(tree)
    title_text = next((clean(t.text_content()) for t in tree.iter("title")), "")
    return _PageMeta(
        title=_optional_clean(metas.get("og:title")) or title_text or None,
        site_name=_optional_clean(metas.get("og:site_name")) or ld.get("publisher"),
        url=_web_url(_canonical_href(tree)) or _web_url(metas.get("og:url")),
        author=_optional_clean(metas.get("author")) or ld.get("author"),
        byline=_visible_byline(tree),
        published=_first_date(
            [*(metas.get(key) for key in _DATE_KEYS), ld.get("datePublished"), *_time_tags(tree)]
        ),
    )


_BYLINE_HINT = re.compile(r"author|byline|signature|contributor|auteur|writer", re.IGNORECASE)
_NOT_BYLINE = re.compile(
    r"bio|avatar|image|img|photo|picture|tweet|share|social|comment|follow|about|more|"
    r"date|time|list|widget|popular|related|column|kicker|label|section",
    re.IGNORECASE,
)
_NOT_BYLINE_TAGS = frozenset({"html", "body", "meta", "link", "script", "style", "img"})
_NOT_BYLINE_AROUND = frozenset({"nav", "footer", "aside", "form"})
BYLINE_MAX_CHARS = 120
"""A by-line element says a name or two, perhaps a date: no longer than this."""


def _visible_byline(tree: Any) -> str | None:
    """The name in the first element the page marks as its by-line (class, id, itemprop or
    rel saying "author", "byline", "signature"...), outside navigation and footers."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_BYLINE_TAGS:
            continue
        marks = " ".join(
            element.get(attribute) or "" for attribute in ("class", "id", "itemprop", "rel")
        )
        if not _BYLINE_HINT.search(marks) or _NOT_BYLINE.search(marks):
            continue
        if any(parent.tag in _NOT_BYLINE_AROUND for parent in element.iterancestors()):
            continue
        text = clean(element.text_content())
        if not text or len(text) > BYLINE_MAX_CHARS:
            continue
        name = byline_name(text)
        if name is not None:
            return name
    return None


def _meta_values(tree: Any) -> dict[str, str]:
    """content of <meta> by lower-cased property, name or itemprop; first one wins."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if key:
                values.setdefault(key, content)
    return values


def _canonical_href(tree: Any) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href: str | None = link.get("href")
            return href
    return None


def _time_tags(tree: Any) -> Iterator[str]:
    """datetime attributes of <time> elements marked as the publication date."""
    for element in tree.iter("time"):
        if (element.get("itemprop") or "").lower() == "datepublished" or element.get("pubdate"):
            value = element.get("datetime")
            if value:
                yield value


def _json_ld_fields(tree: Any) -> dict[str, str]:
    """datePublished, author and publisher names from the page's JSON-LD, if any."""
    fields: dict[str, str] = {}
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for node in _json_nodes(data):
            _collect_ld(node, fields)
    return fields


def _json_nodes(data: object) -> Iterator[dict[str, Any]]:
    """Top-level objects of a JSON-LD block, including those inside an @graph."""
    if isinstance(data, list):
        for element in data:
            yield from _json_nodes(element)
    elif isinstance(data, dict):
        yield data
        yield from _json_nodes(data.get("@graph"))


def _collect_ld(node: dict[str, Any], fields: dict[str, str]) -> None:
    if isinstance(node.get("datePublished"), str):
        fields.setdefault("datePublished", node["datePublished"])
    for key in ("author", "publisher"):
        name = _ld_name(node.get(key))
        if name:
            fields.setdefault(key, name)


def _ld_name(value: object) -> str | None:
    if isinstance(value, list):
        names = [name for element in value if (name := _ld_name(element))]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return _optional_clean(value)


def _first_date(candidates: list[str | None]) -> datetime | None:
    for raw in candidates:
        if raw:
            moment = _iso_date(raw)
            if moment is not None:
                return moment
    return None


def _iso_date(raw: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    # Without a zone the time is taken as UTC, as storage does.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _day_date(raw: str | None) -> datetime | None:
    """trafilatura's "YYYY-MM-DD" as midnight UTC."""
    return _iso_date(raw) if raw else None


# --- extraction ------------------------------------------------------------------------


def _extract(html: str, *, precise: bool = True) -> Any:
    """trafilatura's Document for the page, or None when it finds no main text."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=None,  # nothing to resolve or fetch against
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=precise,
            output_format="python",
            prune_xpath=_BOILERPLATE_XPATH if precise else None,
        )
    except (ValueError, TypeError, LookupError):
        return None


TEASER_TAIL_MIN = 3
"""This many headline-and-blurb pairs closing a body are a list of other articles."""
TEASER_BLURB_MAX = 350
"""A teaser's blurb is a line or two; a section under a subheading is longer."""


def _without_teaser_tail(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The body without a run of "other articles" at its end: headings each followed by
    one short blurb (and the heading over the run), which extraction can take for the
    article's last sections."""
    end = len(blocks)
    pairs = 0
    while (
        end >= 2
        and blocks[end - 2].heading
        and not blocks[end - 1].heading
        and len(blocks[end - 1].text) <= TEASER_BLURB_MAX
    ):
        end -= 2
        pairs += 1
    if pairs < TEASER_TAIL_MIN or end == 0:
        return blocks
    if blocks[end - 1].heading:
        end -= 1  # "Other Opinion Columns", "More from the section"
    return blocks[:end] if end > 0 else blocks


def _body_blocks(body: Any) -> tuple[Block, ...]:
    """Blocks from trafilatura's XML body: <head> headings, <p>, <list>/<item>, <quote>."""
    if body is None:
        return ()
    blocks: list[Block] = []
    for element in body:
        blocks.extend(_element_blocks(element))
    return tuple(blocks)


def _element_blocks(element: Any) -> Iterator[Block]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in {"list", "quote"} and len(element):
        # List items and quoted paragraphs each become a paragraph of their own.
        for child in element:
            yield from _element_blocks(child)
        return
    if tag == "item" and element.find("list") is not None:
        # An item with a sub-list: its own words first, then the sub-items.
        own = clean(_own_text(element, skip="list"))
        if own:
            yield Block(own)
        for sublist in element.iterchildren("list"):
            yield from _element_blocks(sublist)
        return
    if tag in {"table", "graphic", "ref"}:
        return
    text = clean(_own_text(element))
    if text:
        yield Block(text, heading=tag == "head")


def _own_text(element: Any, skip: str = "") -> str:
    """Text of an element; <lb/> line breaks read as spaces, ``skip`` subtrees left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(" ")
        elif child.tag != skip:
            parts.append(_own_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _without_leading_title(blocks: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """Drop a first block that only repeats the title (the page's own <h1>)."""
    if blocks and title and blocks[0].text.casefold() == title.casefold() and len(blocks) > 1:
        return blocks[1:]
    return blocks


# --- small helpers ---------------------------------------------------------------------


def _optional_clean(value: object) -> str | None:
    return (clean(value) or None) if isinstance(value, str) else None


def _web_url(raw: object) -> str | None:
    if not isinstance(raw, str):
        return None
    url = clean(raw)
    parts = urlsplit(url)
    return url if parts.scheme.lower() in _WEB_SCHEMES and parts.netloc else None


def _site_root(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"
