"""Saved feeds: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom (via feedparser) and JSON Feed.

reader.ingest.feed_file is the entry point; this module reads with feedparser and JSON
and holds the fields and decisions both XML readers share.

Security: feedparser only ever sees an in-memory stream (given a bare ``bytes`` or
``str`` it would try to open it as a file name or URL), and no XML reader ever sees a
DTD entity declaration: such declarations are how "billion laughs" and external-entity
(XXE) attacks work. A feed that has them is read without its DOCTYPE and without
references to the entities it declared (reader.ingest.doctype), and refused if nothing
is left to read.

Entries with a full body become articles; entries with only a title or a summary become
headlines, keeping the summary (shortened) as their one block.

Well-formed RSS, RDF and Atom feeds are first offered to a faster reader
(reader.ingest.fastfeed) by feed_file; feedparser reads whatever it declines. Both only
extract raw fields (EntryFields, FeedFields); every decision taken on them lives in
document_from_fields below, which both call, so the two cannot drift apart.
"""

from __future__ import annotations

import calendar
import email.utils
import enum
import functools
import io
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

from reader.ingest.decode import DecodeError, decode_bytes
from reader.ingest.titles import title_from_blocks
from reader.model import Block, ItemKind, ParsedDocument, ParsedItem
from reader.text.clean import clean, strip_controls

__all__ = [
    "EntryFields",
    "FeedError",
    "FeedFields",
    "FeedText",
    "date_is_strict",
    "document_from_fields",
    "first_date",
    "html_to_blocks",
    "html_to_text",
    "parse_json_feed",
    "read_with_feedparser",
    "refuse_entity_declarations",
]


class FeedError(ValueError):
    """The input is not a feed this reader accepts (invalid, or refused as unsafe)."""


# A body is "full" from this many paragraphs or characters on (and well over the title).
_FULL_BODY_PARAGRAPHS = 2
_FULL_BODY_CHARS = 300
_SUMMARY_LIMIT = 600
# A description this long, in this many paragraphs, holds the article itself.
_WHOLE_ARTICLE_PARAGRAPHS = 3
_WHOLE_ARTICLE_CHARS = 700
_WEB_SCHEMES = frozenset({"http", "https"})

Entry = Mapping[str, Any]


# --- fields both XML readers extract --------------------------------------------------


# Named tuples rather than frozen dataclasses: a few are built per entry, and a frozen
# dataclass costs several times more to build.
class FeedText(NamedTuple):
    """A text field as the feed has it; ``markup`` when it is HTML or XHTML, not plain text."""

    value: str
    markup: bool


class EntryFields(NamedTuple):
    """The raw fields of one RSS/RDF/Atom entry, before any decision is taken on them."""

    title: FeedText | None = None
    # Full content (content:encoded, Atom content), in document order.
    contents: tuple[FeedText, ...] = ()
    # description / Atom summary, if the entry has its own.
    summary: FeedText | None = None
    # RSS: the text of <author> or <dc:creator>. Atom: the <name> of each <author>.
    author: str | None = None
    author_names: tuple[str, ...] = ()
    # The first non-empty date of published, updated, created; ``date_parsed`` is
    # feedparser's reading of it, used only when the date is in no strict format.
    date: str | None = None
    date_parsed: time.struct_time | None = None
    link: str | None = None
    guid: str | None = None


class FeedFields(NamedTuple):
    """The raw channel/feed-level fields."""

    is_atom: bool
    title: FeedText | None = None
    link: str | None = None
    # Atom entries without an author inherit these (RFC 4287, 4.2.1).
    author_names: tuple[str, ...] = ()


def document_from_fields(
    feed: FeedFields, entries: Iterable[EntryFields], fallback_name: str
) -> ParsedDocument:
    """The document both XML readers produce from the fields they extracted."""
    site_url = _web_url(feed.link, None)
    feed_author = _atom_author(feed.author_names) if feed.is_atom else None
    items = []
    for entry in entries:
        author = _atom_author(entry.author_names) if feed.is_atom else _rss_author(entry.author)
        item = _item_from_fields(entry, author or feed_author, site_url)
        if item is not None:
            items.append(item)
    return ParsedDocument(
        items=tuple(items),
        source_name=_field_text(feed.title) or fallback_name,
        source_kind="feed",
        source_url=site_url,
    )


def _item_from_fields(
    entry: EntryFields, author: str | None, base_url: str | None
) -> ParsedItem | None:
    title = _field_text(entry.title)
    body = _entry_body(entry.contents)
    own_summary: tuple[Block, ...] | None = None

    def summary() -> tuple[Block, ...]:
        nonlocal own_summary
        if own_summary is None:
            # feedparser copies the content into the summary when there is none of its own.
            own = entry.summary
            duplicate = own is not None and any(own.value == c.value for c in entry.contents)
            own_summary = () if own is None or duplicate else _field_blocks(own)
        return own_summary

    if not body and _is_whole_article(summary(), title):
        # Many feeds put the whole article in <description> and have no content element:
        # several long paragraphs there are a body, not a summary.
        body = summary()
    return _build_item(
        title=title,
        body=body,
        summary=summary,
        author=author,
        published=_feed_date(entry.date, entry.date_parsed),
        url=_web_url(entry.link, base_url),
        guid=_optional_clean(entry.guid),
    )


def _entry_body(contents: Iterable[FeedText]) -> tuple[Block, ...]:
    """Blocks of the first content that has any."""
    for content in contents:
        blocks = _field_blocks(content)
        if blocks:
            return blocks
    return ()


def _field_text(field: FeedText | None) -> str:
    """A one-line text from a title-like field."""
    if field is None:
        return ""
    return html_to_text(field.value) if field.markup else clean(field.value)


def _field_blocks(field: FeedText) -> tuple[Block, ...]:
    if not field.value.strip():
        return ()
    return html_to_blocks(field.value) if field.markup else _text_blocks(field.value)


def first_date(
    candidates: Iterable[tuple[object, object]],
) -> tuple[str | None, time.struct_time | None]:
    """The first non-empty (raw, parsed) date of published, updated, created."""
    for raw, parsed in candidates:
        if raw:
            return (
                raw if isinstance(raw, str) else None,
                parsed if isinstance(parsed, time.struct_time) else None,
            )
    return None, None


# --- XML feeds -------------------------------------------------------------------------


def refuse_entity_declarations(data: bytes) -> None:
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


def read_with_feedparser(data: bytes, fallback_name: str) -> ParsedDocument:
    """Read any RSS, RDF or Atom feed (feedparser copes with malformed ones); FeedError
    when it is not a feed at all."""
    result = _run_feedparser(data)
    document = _document_from_feedparser(result, fallback_name)
    _require_feed(result, document)
    return document


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
    is_atom = str(result.get("version", "")).startswith("atom")
    fields = FeedFields(
        is_atom=is_atom,
        title=_feedparser_text(feed.get("title"), feed.get("title_detail")),
        link=_str_or_none(feed.get("link")),
        author_names=_feedparser_author_names(feed) if is_atom else (),
    )
    entries = (_feedparser_entry(entry, is_atom) for entry in result.get("entries", []))
    return document_from_fields(fields, entries, fallback_name)


def _feedparser_entry(entry: Entry, is_atom: bool) -> EntryFields:
    contents: Sequence[Entry] = entry.get("content") or ()
    summary = entry.get("summary")
    summary_detail = entry.get("summary_detail")
    date, date_parsed = first_date(
        # A generator: entry.get("updated") warns when only "published" is there.
        (entry.get(key), entry.get(f"{key}_parsed"))
        for key in ("published", "updated", "created")
    )
    return EntryFields(
        title=_feedparser_text(entry.get("title"), entry.get("title_detail")),
        contents=tuple(
            FeedText(value, _is_markup(content))
            for content in contents
            if isinstance(value := content.get("value"), str)
        ),
        # Without a detail the summary is markup: it was copied from the content.
        summary=FeedText(summary, summary_detail is None or _is_markup(summary_detail))
        if isinstance(summary, str)
        else None,
        author=None if is_atom else _str_or_none(entry.get("author")),
        author_names=_feedparser_author_names(entry) if is_atom else (),
        date=date,
        date_parsed=date_parsed,
        link=_str_or_none(entry.get("link")),
        guid=_str_or_none(entry.get("id")),
    )


def _feedparser_text(value: object, detail: Mapping[str, Any] | None) -> FeedText | None:
    return FeedText(value, _is_markup(detail)) if isinstance(value, str) else None


def _feedparser_author_names(entry: Entry) -> tuple[str, ...]:
    # feedparser's combined "author" string can mix up e-mail addresses; names are safe.
    authors: Sequence[Entry] = entry.get("authors") or ()
    return tuple(str(author.get("name") or "") for author in authors)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _atom_author(names: Iterable[str]) -> str | None:
    cleaned = (clean(name) for name in names)
    return ", ".join(name for name in cleaned if name) or None


# "jane@example.com (Jane Doe)" and "Jane Doe <jane@example.com>", as RSS <author> has it.
_EMAIL_THEN_NAME = re.compile(r"^\S+@\S+\s*\((?P<name>[^()]+)\)$")
_NAME_THEN_EMAIL = re.compile(r"^(?P<name>[^<>]+?)\s*<\S+@\S+>$")


def _rss_author(raw: str | None) -> str | None:
    if raw is None:
        return None
    author = clean(raw)
    match = _EMAIL_THEN_NAME.match(author) or _NAME_THEN_EMAIL.match(author)
    return (match.group("name").strip() if match else author) or None


# --- dates -----------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")


def _feed_date(raw: str | None, parsed: time.struct_time | None) -> datetime | None:
    """An aware UTC datetime, or None when absent or invalid.

    ISO 8601 and RFC 822 strings are checked strictly (feedparser quietly turns
    "2025-13-45" into a date next year); other formats are left to feedparser.
    """
    if raw:
        strict = _strict_date(raw)
        if not isinstance(strict, _Lenient):
            return strict
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None


class _Lenient(enum.Enum):
    """A date in neither strict format: only feedparser's reading of it counts."""

    DATE = 0


# Cached because the fast reader asks date_is_strict about each date it extracts just
# before _feed_date converts it: the second parse comes for free.
@functools.lru_cache(maxsize=1024)
def _strict_date(raw: str) -> datetime | _Lenient | None:
    if _ISO_DATE.match(raw):
        return _iso_date(raw)
    return _rfc822_date(raw)


def date_is_strict(raw: str) -> bool:
    """True when _feed_date decides ``raw`` by itself, without feedparser's reading."""
    return not isinstance(_strict_date(raw), _Lenient)


def _iso_date(raw: str) -> datetime | None:
    try:
        return _as_utc(datetime.fromisoformat(raw.strip()))
    except ValueError:
        return None


def _rfc822_date(raw: str) -> datetime | _Lenient | None:
    """An RFC 822 date, None if invalid, _Lenient.DATE if not in RFC 822 form at all."""
    try:
        return _as_utc(email.utils.parsedate_to_datetime(raw))
    except (ValueError, TypeError, OverflowError):
        # Most dates are valid: telling "invalid" from "another format" costs a second
        # parse, so only failures pay for it.
        return None if email.utils.parsedate_tz(raw) is not None else _Lenient.DATE


def _as_utc(moment: datetime) -> datetime:
    # A date without a zone is taken as UTC, as storage does.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# --- JSON Feed -------------------------------------------------------------------------


def parse_json_feed(data: bytes, fallback_name: str) -> ParsedDocument:
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
    summary = _json_str(raw, "summary") or ""
    published = _json_str(raw, "date_published") or _json_str(raw, "date_modified")
    guid = raw.get("id")
    return _build_item(
        title=_optional_clean(_json_str(raw, "title")) or "",
        body=body,
        summary=lambda: _text_blocks(summary),
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
    summary: Callable[[], tuple[Block, ...]],
    author: str | None,
    published: datetime | None,
    url: str | None,
    guid: str | None,
) -> ParsedItem | None:
    """An article if the body is full, else a headline; None if there is nothing at all.

    ``summary`` is only called for headlines: an article never shows it, and converting
    its HTML is wasted work.
    """
    kind: ItemKind = "article" if _is_full_body(body, title) else "headline"
    # An article always has a body, so only a headline can need the summary below.
    summary_blocks = summary() if kind == "headline" else ()
    blocks = body if kind == "article" else _summary_block(summary_blocks or body, title)
    title_derived = False
    if not title:
        title = title_from_blocks(body or summary_blocks)
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


def _is_whole_article(blocks: tuple[Block, ...], title: str) -> bool:
    """A description that is an article: a full body by a stricter measure than content."""
    paragraphs = sum(1 for block in blocks if not block.heading)
    length = sum(len(block.text) for block in blocks)
    return (
        paragraphs >= _WHOLE_ARTICLE_PARAGRAPHS
        and length >= _WHOLE_ARTICLE_CHARS
        and length > 2 * len(title)
    )


def _summary_block(blocks: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """The summary as one short paragraph; nothing if it only repeats the title."""
    text = " ".join(block.text for block in blocks)
    if not text or text.casefold() == title.casefold():
        return ()
    return (Block(_shorten(text, _SUMMARY_LIMIT)),)


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
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "figure", "figcaption", "address", "hr", "details", "summary", "center", "body",
        "html",
    }
)  # fmt: skip


def html_to_blocks(markup: str) -> tuple[Block, ...]:
    """Paragraph and heading blocks from an HTML fragment (feed content, summaries)."""
    # Without a tag or an entity, the HTML parser would hand the text back unchanged.
    if "<" not in markup and "&" not in markup:
        return _plain_fragment_blocks(markup)
    return _parsed_fragment_blocks(markup)


def html_to_text(markup: str) -> str:
    """An HTML fragment (a title, a name) as one line of text."""
    return " ".join(block.text for block in html_to_blocks(markup))


def _plain_fragment_blocks(markup: str) -> tuple[Block, ...]:
    """What _parsed_fragment_blocks gives for text without tags or entities.

    One block (source newlines are spaces in HTML), if anything is left once cleaned.
    """
    text = clean(_strip_controls(markup).replace("\n", " "))
    return (Block(text),) if text else ()


def _parsed_fragment_blocks(markup: str) -> tuple[Block, ...]:
    body = _parse_fragment(markup)
    if body is None:
        return ()
    builder = _BlockBuilder()
    # The body stands for the <div> lxml.html.fragment_fromstring would wrap the
    # fragment in: both are blocks, and the body's tail is no part of the fragment.
    builder.element(body, "div")
    builder.flush()
    return tuple(builder.blocks)


# lxml.html's own test for a whole document rather than a fragment.
_FULL_HTML = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)


def _parse_fragment(markup: str) -> Any:
    """The <body> holding the fragment, as lxml.html.fragment_fromstring parses it.

    A plain lxml.etree HTML parser is used: lxml.html's own builds its richer element
    classes for every node, which only costs time here.
    """
    import lxml.etree

    # libxml2 rejects control characters; they would be stripped by clean() anyway.
    markup = _strip_controls(markup)
    if not markup.strip():
        return None
    if not _FULL_HTML.match(markup):
        markup = f"<html><body>{markup}</body></html>"
    try:
        document = lxml.etree.fromstring(markup, _html_parser())
    except (lxml.etree.LxmlError, ValueError):
        return None
    bodies = [] if document is None else [e for e in document if e.tag == "body"]
    return bodies[0] if len(bodies) == 1 else None


def _strip_controls(markup: str) -> str:
    """strip_controls(markup), without its regular expressions when it has nothing to do.

    It only removes non-printable characters and escape sequences (which start with
    one), and keeps tabs and newlines; most feed content has no other non-printable
    character.
    """
    if markup.replace("\n", "").replace("\t", "").isprintable():
        return markup
    return strip_controls(markup)


@functools.cache
def _html_parser() -> Any:
    import lxml.etree

    return lxml.etree.HTMLParser()


class _BlockBuilder:
    """Walks an lxml tree, collecting inline text and cutting it at block boundaries.

    ``<br>`` is kept as a newline until the flush: two or more in a row end a paragraph,
    a single one is just a space.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._in_pre = 0

    def element(self, element: Any, tag: str) -> None:
        """Collect what ``element`` holds (not its tail); ``tag`` is its lower-case name."""
        if tag == "br":
            self._parts.append("\n")
            return
        is_block = tag in _BLOCK_TAGS or tag in _HEADINGS
        if is_block:
            self.flush()
        is_pre = tag == "pre"
        self._in_pre += is_pre
        # Read .text and .tail once: lxml builds a new string on every access.
        text = element.text
        if text:
            self._text(text)
        for child in element:
            child_tag = child.tag
            # Comments and processing instructions have a function as their tag.
            if isinstance(child_tag, str):
                child_tag = child_tag.lower()
                if child_tag not in _DROPPED:
                    self.element(child, child_tag)
            tail = child.tail
            if tail:
                self._text(tail)
        self._in_pre -= is_pre
        if is_block:
            self.flush(heading=tag in _HEADINGS)

    def _text(self, text: str) -> None:
        # Source newlines are plain whitespace in HTML, except inside <pre>.
        self._parts.append(text if self._in_pre else text.replace("\n", " "))

    def flush(self, *, heading: bool = False) -> None:
        if not self._parts:
            return
        joined = "".join(self._parts)
        self._parts.clear()
        # Only <br> and <pre> bring newlines, hence blank lines; whitespace alone cleans
        # to nothing, so it is not worth cleaning.
        pieces = _BLANK_LINE.split(joined) if "\n" in joined else (joined,)
        for piece in pieces:
            if piece.isspace():
                continue
            text = clean(piece)
            if text:
                self.blocks.append(Block(text, heading=heading))
