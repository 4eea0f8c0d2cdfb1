"""Importing saved feeds: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom (via feedparser) and JSON Feed.

Security: feedparser only ever sees an in-memory stream (given a bare ``bytes`` or
``str`` it would try to open it as a file name or URL), and documents declaring DTD
entities are refused before it runs: such declarations are how "billion laughs" and
external-entity (XXE) attacks work, and no genuine feed needs them.

Entries with a full body become articles; entries with only a title or a summary become
headlines, keeping the summary (shortened) as their one block.
"""

from __future__ import annotations

import calendar
import email.utils
import io
import json
import re
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.ingest.decode import DecodeError, decode_bytes
from reader.ingest.detect import SNIFF_SIZE, detect_format
from reader.ingest.parsed import Block, ItemKind, ParsedDocument, ParsedItem
from reader.text import clean, strip_controls

__all__ = ["FeedError", "derive_title", "html_to_blocks", "html_to_text", "parse_feed"]


class FeedError(ValueError):
    """The input is not a feed this reader accepts (invalid, or refused as unsafe)."""


# A body is "full" from this many paragraphs or characters on (and well over the title).
_FULL_BODY_PARAGRAPHS = 2
_FULL_BODY_CHARS = 300
_TITLE_LIMIT = 100
_SUMMARY_LIMIT = 600
_WEB_SCHEMES = frozenset({"http", "https"})

Entry = Mapping[str, Any]


def parse_feed(data: bytes, *, fallback_name: str) -> ParsedDocument:
    """Parse a saved RSS, RDF, Atom or JSON feed into headlines and articles."""
    if detect_format(None, data[:SNIFF_SIZE]) == "jsonfeed":
        return _parse_json_feed(data, fallback_name)
    _refuse_entity_declarations(data)
    result = _run_feedparser(data)
    document = _document_from_feedparser(result, fallback_name)
    _require_feed(result, document)
    return document


# --- XML feeds -------------------------------------------------------------------------


def _refuse_entity_declarations(data: bytes) -> None:
    """Raise FeedError if the document declares entities or external references."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_etree
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    try:
        safe_etree.fromstring(data)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as err:
        raise FeedError("refuses DTD entity declarations") from err
    except (ParseError, ValueError, LookupError):
        # Not well-formed: feedparser's lenient parser may still read it, but its
        # lenient mode expands declared entities too, so look for declarations by hand.
        if _declares_entities(data):
            raise FeedError("refuses DTD entity declarations") from None


def _declares_entities(data: bytes) -> bool:
    # Dropping NULs makes UTF-16/32 text searchable as ASCII.
    return b"<!entity" in data.replace(b"\x00", b"").lower()


def _run_feedparser(data: bytes) -> Any:
    import feedparser

    # A stream, never bytes or str: feedparser opens those as paths or URLs if it can.
    # Its sanitizer is off because it unwraps <iframe>/<object> but keeps their fallback
    # text; only text is kept from the HTML anyway, and html_to_blocks drops those.
    return feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)


def _require_feed(result: Any, document: ParsedDocument) -> None:
    """Raise FeedError unless feedparser found a feed (an empty one is fine if well-formed)."""
    has_items = bool(document.items)
    has_title = bool(result.get("feed", {}).get("title"))
    recognised = bool(result.get("version"))
    if has_items:
        return  # lenient: a truncated or version-less feed still yields its entries
    if recognised and (has_title or not result.get("bozo")):
        return
    raise FeedError(f"not a valid RSS/Atom feed: {_bozo_reason(result)}")


def _bozo_reason(result: Any) -> str:
    error = result.get("bozo_exception")
    if error is None:
        return "no RSS, RDF or Atom root element"
    # SAX errors print as "<unknown>:2:36: no element found"; keep the message only (the
    # position is off anyway: feedparser re-encodes the document with a new prolog).
    if hasattr(error, "getMessage"):
        return _short(str(error.getMessage()))
    return _short(str(error)) or type(error).__name__


def _document_from_feedparser(result: Any, fallback_name: str) -> ParsedDocument:
    feed: Entry = result.get("feed", {})
    site_url = _web_url(feed.get("link"), None)
    is_atom = str(result.get("version", "")).startswith("atom")
    # Atom entries without an author inherit the feed's (RFC 4287, 4.2.1).
    feed_author = _atom_author(feed) if is_atom else None
    items = []
    for entry in result.get("entries", []):
        author = (_atom_author(entry) if is_atom else _rss_author(entry)) or feed_author
        item = _item_from_entry(entry, author, site_url)
        if item is not None:
            items.append(item)
    name = _detail_text(feed.get("title"), feed.get("title_detail"))
    return ParsedDocument(
        items=tuple(items),
        source_name=name or fallback_name,
        source_kind="feed",
        source_url=site_url,
    )


def _item_from_entry(entry: Entry, author: str | None, base_url: str | None) -> ParsedItem | None:
    title = _detail_text(entry.get("title"), entry.get("title_detail"))
    body = _entry_body(entry)
    summary = _entry_summary(entry)
    return _build_item(
        title=title,
        body=body,
        summary=summary,
        author=author,
        published=_entry_date(entry),
        url=_web_url(entry.get("link"), base_url),
        guid=_optional_clean(entry.get("id")),
    )


def _entry_body(entry: Entry) -> tuple[Block, ...]:
    """Blocks of the entry's full content (content:encoded, Atom content), if any."""
    contents: Sequence[Entry] = entry.get("content") or ()
    for content in contents:
        blocks = _detail_blocks(content.get("value"), content)
        if blocks:
            return blocks
    return ()


def _entry_summary(entry: Entry) -> tuple[Block, ...]:
    summary = entry.get("summary")
    contents: Sequence[Entry] = entry.get("content") or ()
    # feedparser copies the content into "summary" when there is none of its own.
    if any(summary == content.get("value") for content in contents):
        return ()
    return _detail_blocks(summary, entry.get("summary_detail"))


def _atom_author(entry: Entry) -> str | None:
    # feedparser's combined "author" string can mix up e-mail addresses; names are safe.
    authors: Sequence[Entry] = entry.get("authors") or ()
    names = [clean(str(a.get("name") or "")) for a in authors]
    return ", ".join(n for n in names if n) or None


# "jane@example.com (Jane Doe)" and "Jane Doe <jane@example.com>", as RSS <author> has it.
_EMAIL_THEN_NAME = re.compile(r"^\S+@\S+\s*\((?P<name>[^()]+)\)$")
_NAME_THEN_EMAIL = re.compile(r"^(?P<name>[^<>]+?)\s*<\S+@\S+>$")


def _rss_author(entry: Entry) -> str | None:
    raw = entry.get("author")
    if not isinstance(raw, str):
        return None
    author = clean(raw)
    match = _EMAIL_THEN_NAME.match(author) or _NAME_THEN_EMAIL.match(author)
    return (match.group("name").strip() if match else author) or None


def _entry_date(entry: Entry) -> datetime | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            return _feed_date(raw if isinstance(raw, str) else None, entry.get(f"{key}_parsed"))
    return None


# --- dates -----------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")


def _feed_date(raw: str | None, parsed: time.struct_time | None) -> datetime | None:
    """An aware UTC datetime, or None when absent or invalid.

    ISO 8601 and RFC 822 strings are checked strictly (feedparser quietly turns
    "2025-13-45" into a date next year); other formats are left to feedparser.
    """
    if raw and _ISO_DATE.match(raw):
        return _iso_date(raw)
    if raw and email.utils.parsedate_tz(raw) is not None:
        return _rfc822_date(raw)
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _iso_date(raw: str) -> datetime | None:
    try:
        return _as_utc(datetime.fromisoformat(raw.strip()))
    except ValueError:
        return None


def _rfc822_date(raw: str) -> datetime | None:
    try:
        return _as_utc(email.utils.parsedate_to_datetime(raw))
    except (ValueError, TypeError, OverflowError):
        return None


def _as_utc(moment: datetime) -> datetime:
    # A date without a zone is taken as UTC, as storage does.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# --- JSON Feed -------------------------------------------------------------------------


def _parse_json_feed(data: bytes, fallback_name: str) -> ParsedDocument:
    try:
        document = json.loads(decode_bytes(data))
    except (DecodeError, ValueError) as err:
        raise FeedError(f"not a valid JSON Feed: {_short(str(err))}") from err
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version")):
        raise FeedError("not a valid JSON Feed: no jsonfeed.org version")
    site_url = _web_url(_json_str(document, "home_page_url"), None)
    # JSON Feed 1.1 items inherit the feed's authors.
    feed_author = _json_author(document)
    raw_items = document.get("items")
    items = [
        item
        for raw in (raw_items if isinstance(raw_items, list) else [])
        if isinstance(raw, dict) and (item := _json_item(raw, feed_author, site_url)) is not None
    ]
    name = _optional_clean(_json_str(document, "title"))
    return ParsedDocument(
        items=tuple(items),
        source_name=name or fallback_name,
        source_kind="feed",
        source_url=site_url,
    )


def _json_item(
    raw: dict[str, Any], feed_author: str | None, base_url: str | None
) -> ParsedItem | None:
    html = _json_str(raw, "content_html")
    text = _json_str(raw, "content_text")
    body = html_to_blocks(html) if html else _text_blocks(text or "")
    summary = _text_blocks(_json_str(raw, "summary") or "")
    published = _json_str(raw, "date_published") or _json_str(raw, "date_modified")
    guid = raw.get("id")
    return _build_item(
        title=_optional_clean(_json_str(raw, "title")) or "",
        body=body,
        summary=summary,
        author=_json_author(raw) or feed_author,
        published=_feed_date(published, None),
        url=_web_url(_json_str(raw, "url") or _json_str(raw, "external_url"), base_url),
        guid=_optional_clean(str(guid)) if isinstance(guid, str | int) else None,
    )


def _json_str(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) else None


def _json_author(obj: Mapping[str, Any]) -> str | None:
    """Names from "authors" (1.1) or "author" (1.0)."""
    authors = obj.get("authors")
    if not isinstance(authors, list):
        single = obj.get("author")
        authors = [single] if isinstance(single, dict) else []
    names = [
        clean(a["name"]) for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)
    ]
    return ", ".join(n for n in names if n) or None


# --- building items --------------------------------------------------------------------


def _build_item(
    *,
    title: str,
    body: tuple[Block, ...],
    summary: tuple[Block, ...],
    author: str | None,
    published: datetime | None,
    url: str | None,
    guid: str | None,
) -> ParsedItem | None:
    """An article if the body is full, else a headline; None if there is nothing at all."""
    kind: ItemKind = "article" if _is_full_body(body, title) else "headline"
    blocks = body if kind == "article" else _summary_block(summary or body, title)
    title_derived = False
    if not title:
        title = derive_title(body or summary)
        title_derived = bool(title)
    if not title and url:
        title, title_derived = url, True
    if not title:
        return None
    return ParsedItem(
        kind=kind,
        title=title,
        title_derived=title_derived,
        blocks=blocks,
        author=author,
        published=published,
        url=url,
        guid=guid,
    )


def _is_full_body(body: tuple[Block, ...], title: str) -> bool:
    length = sum(len(block.text) for block in body)
    paragraphs = sum(1 for block in body if not block.heading)
    if length <= 2 * len(title):
        return False
    return paragraphs >= _FULL_BODY_PARAGRAPHS or length >= _FULL_BODY_CHARS


def _summary_block(blocks: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """The summary as one short paragraph; nothing if it only repeats the title."""
    text = " ".join(block.text for block in blocks)
    if not text or text.casefold() == title.casefold():
        return ()
    return (Block(_shorten(text, _SUMMARY_LIMIT)),)


def derive_title(blocks: tuple[Block, ...]) -> str:
    """A title from the first sentence of the first paragraph."""
    paragraphs = [b.text for b in blocks if not b.heading] or [b.text for b in blocks]
    if not paragraphs:
        return ""
    return _shorten(_first_sentence(paragraphs[0]), _TITLE_LIMIT)


# Sentence ends: punctuation (possibly closing quotes) before a space. French puts a
# space before ! and ?, hence the optional space in front.
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”’)]*(?=\s)")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-ZÀ-Ý][a-zà-ÿ]?|[a-z])$")


def _first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()]
        # "M. Dupont", "Dr. Who", "J. R. R.": a short capitalised word is no sentence end.
        if match.group().startswith(".") and _ABBREVIATION.search(before):
            continue
        return text[: match.end()].strip()
    return text


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary so the result, ellipsis included, fits in ``limit``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def _short(reason: str) -> str:
    return _shorten(clean(reason), 80)


def _optional_clean(value: object) -> str | None:
    return (clean(value) or None) if isinstance(value, str) else None


def _web_url(raw: object, base: str | None) -> str | None:
    """An http(s) URL, relative ones resolved against the site; None otherwise."""
    if not isinstance(raw, str):
        return None
    url = clean(raw)
    if base and url and not urlsplit(url).scheme:
        url = urljoin(base, url)
    parts = urlsplit(url)
    return url if parts.scheme.lower() in _WEB_SCHEMES and parts.netloc else None


# --- HTML and text fragments -----------------------------------------------------------


def _detail_text(value: object, detail: Mapping[str, Any] | None) -> str:
    """A one-line text from a feedparser value whose detail says text or HTML."""
    if not isinstance(value, str):
        return ""
    if _is_markup(detail):
        return html_to_text(value)
    return clean(value)


def _detail_blocks(value: object, detail: Mapping[str, Any] | None) -> tuple[Block, ...]:
    if not isinstance(value, str) or not value.strip():
        return ()
    if _is_markup(detail) or detail is None:
        return html_to_blocks(value)
    return _text_blocks(value)


def _is_markup(detail: Mapping[str, Any] | None) -> bool:
    content_type = str(detail.get("type", "")) if detail else ""
    return "html" in content_type


def _text_blocks(text: str) -> tuple[Block, ...]:
    """Plain text: paragraphs are separated by blank lines."""
    paragraphs = (clean(part) for part in _BLANK_LINE.split(text.replace("\r\n", "\n")))
    return tuple(Block(p) for p in paragraphs if p)


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")

# Elements whose content is never article text.
_DROPPED = frozenset(
    {
        "script", "style", "iframe", "noscript", "object", "embed", "template", "svg", "math",
        "canvas", "form", "button", "select", "textarea", "input", "audio", "video", "map", "head",
        "title", "meta", "link", "nav",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "figure", "figcaption", "address", "hr", "details", "summary", "center", "body",
        "html",
    }
)


def html_to_blocks(markup: str) -> tuple[Block, ...]:
    """Paragraph and heading blocks from an HTML fragment (feed content, summaries)."""
    root = _parse_fragment(markup)
    if root is None:
        return ()
    builder = _BlockBuilder()
    builder.walk(root)
    builder.flush()
    return tuple(builder.blocks)


def html_to_text(markup: str) -> str:
    """An HTML fragment (a title, a name) as one line of text."""
    return " ".join(block.text for block in html_to_blocks(markup))


def _parse_fragment(markup: str) -> Any:
    import lxml.etree
    import lxml.html

    # libxml2 rejects control characters; they would be stripped by clean() anyway.
    markup = strip_controls(markup)
    if not markup.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


class _BlockBuilder:
    """Walks an lxml tree, collecting inline text and cutting it at block boundaries.

    ``<br>`` is kept as a newline until the flush: two or more in a row end a paragraph,
    a single one is just a space.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._in_pre = 0

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag and tag not in _DROPPED:
            self._element(element, tag)
        self._text(element.tail)

    def _element(self, element: Any, tag: str) -> None:
        if tag == "br":
            self._parts.append("\n")
            return
        is_block = tag in _BLOCK_TAGS or tag in _HEADINGS
        if is_block:
            self.flush()
        self._in_pre += tag == "pre"
        self._text(element.text)
        for child in element:
            self.walk(child)
        self._in_pre -= tag == "pre"
        if is_block:
            self.flush(heading=tag in _HEADINGS)

    def _text(self, text: str | None) -> None:
        if text:
            # Source newlines are plain whitespace in HTML, except inside <pre>.
            self._parts.append(text if self._in_pre else text.replace("\n", " "))

    def flush(self, *, heading: bool = False) -> None:
        joined = "".join(self._parts)
        self._parts.clear()
        for piece in _BLANK_LINE.split(joined):
            text = clean(piece)
            if text:
                self.blocks.append(Block(text, heading=heading))
