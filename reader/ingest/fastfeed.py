"""A fast reader for well-formed RSS 2.0/0.9x, RSS 1.0 (RDF) and Atom 1.0 feeds, with lxml.

Why two paths: feedparser reads anything, however broken, but it costs about 1.5 ms an
entry (a Python SAX handler for every element, and many heuristics on every value). Most
saved feeds are well-formed and plain, and lxml reads those many times faster. So
reader.ingest.feed_file.parse_feed offers every XML feed to this module first, and falls back
to feedparser whenever it returns None.

This reader is a shortcut, never a second opinion. It extracts exactly the raw fields
feedparser would (feeds.EntryFields and FeedFields, which feeds.document_from_fields turns
into the document for both paths), and it returns None as soon as the document holds
anything whose feedparser reading it does not reproduce exactly: XML that is not
well-formed, an encoding other than UTF-8, a DOCTYPE, an element or namespace outside the
short lists below, xml:base, a content type it does not handle, a field given twice, or a
value feedparser would rewrite (its mojibake and Windows-1252 repairs, its URL fixes).
The rules it mirrors are feedparser's own (feedparser 6: mixin.py, namespaces/_base.py);
tests/unit/test_fastfeed.py compares both paths on fixtures and generated feeds.

Security: the document has already passed feeds.refuse_entity_declarations, and lxml
runs without entity expansion, DTD loading or network access; any DOCTYPE is declined.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable
from typing import Any, Final
from xml.sax.saxutils import escape

from reader.ingest.feeds import (
    EntryFields,
    FeedFields,
    FeedText,
    date_is_strict,
    document_from_fields,
    first_date,
)
from reader.model import ParsedDocument

__all__ = ["parse_well_formed"]


class _Decline(Exception):
    """Raised wherever the document needs feedparser; parse_well_formed turns it into None."""


def parse_well_formed(data: bytes, *, fallback_name: str) -> ParsedDocument | None:
    """The document feedparser would produce, or None when only feedparser can read it."""
    try:
        feed, entries = _read(data)
    except _Decline:
        return None
    return document_from_fields(feed, entries, fallback_name)


# --- names -----------------------------------------------------------------------------

_ATOM: Final = "http://www.w3.org/2005/Atom"
_RSS10: Final = "http://purl.org/rss/1.0/"
_RSS090: Final = "http://my.netscape.com/rdf/simple/0.9/"
_RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_CONTENT: Final = "http://purl.org/rss/1.0/modules/content/"
_DC: Final = "http://purl.org/dc/elements/1.1/"
_XHTML: Final = "http://www.w3.org/1999/xhtml"
_SY: Final = "http://purl.org/rss/1.0/modules/syndication/"
_SLASH: Final = "http://purl.org/rss/1.0/modules/slash/"
_WFW: Final = "http://wellformedweb.org/CommentAPI/"
_XML: Final = "http://www.w3.org/XML/1998/namespace"

# feedparser names elements by a fixed prefix per known namespace, then maps prefixes the
# document declares back onto those: a document binding "dc" to another namespace (or
# "content" to Dublin Core) would make it call the wrong handlers. Such documents go to it.
_PREFIXES: Final = {
    "content": _CONTENT,
    "dc": _DC,
    "rdf": _RDF,
    "xhtml": _XHTML,
    "sy": _SY,
    "slash": _SLASH,
    "wfw": _WFW,
}


def _name(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}"


_ATOM_LINK: Final = _name(_ATOM, "link")
_RDF_ABOUT: Final = _name(_RDF, "about")
_RDF_RESOURCE: Final = _name(_RDF, "resource")
_XML_LANG: Final = _name(_XML, "lang")

# Elements feedparser reads without touching any field used here (it keeps them under
# other keys), provided they hold no elements themselves.
_DC_SKIPPED: Final = frozenset(
    _name(_DC, local) for local in ("language", "rights", "publisher", "subject")
)
_SY_SKIPPED: Final = frozenset(
    _name(_SY, local) for local in ("updatePeriod", "updateFrequency", "updateBase")
)
_RSS_CHANNEL_SKIPPED: Final = (
    frozenset(
        {
            "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
            "lastBuildDate", "category", "generator", "docs", "ttl", "rating", "cloud",
            _name(_DC, "creator"), _name(_DC, "date"),
        }
    )
    | _DC_SKIPPED
    | _SY_SKIPPED
)  # fmt: skip
# Channel elements with element children, and the (childless) children they may have.
_RSS_CHANNEL_TREES: Final = {
    "image": frozenset({"url", "title", "link", "width", "height", "description"}),
    "textInput": frozenset({"title", "description", "name", "link"}),
    "skipHours": frozenset({"hour"}),
    "skipDays": frozenset({"day"}),
}
_RSS_ITEM_SKIPPED: Final = (
    frozenset(
        {
            "category", "comments", "enclosure", "source", _name(_WFW, "commentRss"),
            _name(_SLASH, "comments"),
        }
    )
    | _DC_SKIPPED
)  # fmt: skip
_ATOM_FEED_SKIPPED: Final = frozenset(
    _name(_ATOM, local)
    for local in ("category", "generator", "icon", "logo", "rights", "subtitle", "updated")
)
_ATOM_ENTRY_SKIPPED: Final = frozenset(_name(_ATOM, local) for local in ("category", "rights"))
_ATOM_PERSON_PARTS: Final = frozenset(_name(_ATOM, local) for local in ("name", "email", "uri"))

# What an entry child means to feedparser (several elements can mean the same).
_TITLE, _LINK, _SUMMARY, _CONTENT_ROLE, _AUTHOR, _GUID, _PUBLISHED, _UPDATED = range(8)
_RSS_ITEM_ROLES: Final = {
    "title": _TITLE,
    "link": _LINK,
    "description": _SUMMARY,
    _name(_CONTENT, "encoded"): _CONTENT_ROLE,
    "author": _AUTHOR,
    _name(_DC, "creator"): _AUTHOR,
    "guid": _GUID,
    "pubDate": _PUBLISHED,
    _name(_DC, "date"): _UPDATED,
}


# --- parsing ---------------------------------------------------------------------------


# C1 controls, raw (UTF-8 encoded) or as character references: feedparser turns them into
# the Windows-1252 characters they stand for in every text field. Searching the document
# once is cheaper than every field; two searches with a literal start are much faster
# than one with alternatives.
_RAW_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_C1_REFERENCE = re.compile(rb"&#(?:0*(?:12[89]|1[3-4][0-9]|15[0-9])|[xX]0*[89][0-9a-fA-F]);")


def _read(data: bytes) -> tuple[FeedFields, list[EntryFields]]:
    _require_utf8(data)
    if _RAW_C1.search(data) or _C1_REFERENCE.search(data):
        raise _Decline
    root, declared = _parse(data)
    for prefix, uri in declared:
        expected = _PREFIXES.get(prefix)
        if expected is not None and uri != expected:
            raise _Decline
    # feedparser takes the feed version from the first RSS 1.0, RSS 0.90 or Atom namespace
    # declared, whatever the root: a mix could make an RDF feed "Atom" or the reverse.
    uris = {uri.lower() for _, uri in declared}
    tag = root.tag
    if tag == "rss":
        return _read_rss(root)
    if tag == _name(_RDF, "RDF"):
        if _ATOM.lower() in uris:
            raise _Decline
        return _read_rdf(root, declared)
    if tag == _name(_ATOM, "feed"):
        if _RSS10.lower() in uris or _RSS090.lower() in uris:
            raise _Decline
        return _read_atom(root)
    raise _Decline


_ENCODING_DECLARATION = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")


def _require_utf8(data: bytes) -> None:
    """Decline unless both lxml and feedparser read the document as UTF-8."""
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in data[:4] or data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise _Decline  # UTF-16 or UTF-32: feedparser re-encodes those its own way
    if data[:4] == b"\x4c\x6f\xa7\x94":
        raise _Decline  # "<?xm" in EBCDIC
    if not data.startswith(b"<?"):
        return  # no XML declaration: UTF-8 for both
    # lxml reads the XML declaration, which may span lines; feedparser searches the
    # whole first line, which may hold another processing instruction: all must agree.
    newline = data.find(b"\n")
    first_line = data if newline < 0 else data[:newline]
    declaration = data[: data.find(b"?>") + 2]
    for encoding in _ENCODING_DECLARATION.findall(first_line + b"\n" + declaration):
        if encoding.lower() != b"utf-8":
            raise _Decline


def _parse(data: bytes) -> tuple[Any, list[tuple[str, str]]]:
    """The root element and every namespace declaration (prefix, URI) of the document."""
    import lxml.etree

    events = lxml.etree.iterparse(
        io.BytesIO(data),
        events=("start-ns",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        declared = [declaration for _event, declaration in events]
    except (lxml.etree.LxmlError, ValueError):
        raise _Decline from None
    root = events.root
    docinfo = root.getroottree().docinfo
    # A DOCTYPE makes feedparser rewrite the document (and may declare entities);
    # expat, which feedparser uses, does not read XML 1.1.
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.xml_version != "1.0":
        raise _Decline
    return root, declared


# --- RSS 2.0 and 0.9x ------------------------------------------------------------------


def _read_rss(root: Any) -> tuple[FeedFields, list[EntryFields]]:
    _attributes(root)  # only "version", which decides nothing here
    channels = list(_elements(root))
    if len(channels) != 1 or channels[0].tag != "channel":
        raise _Decline
    channel = channels[0]
    if _attributes(channel):
        raise _Decline  # feedparser takes a link from href=, a date from lastmod=
    title: FeedText | None = None
    link: str | None = None
    entries: list[EntryFields] = []
    seen: set[str] = set()
    for child in _elements(channel):
        tag = child.tag
        if tag == "item":
            entries.append(_rss_item(child, _RSS_ITEM_ROLES, rdf=False))
        elif tag in _RSS_CHANNEL_SKIPPED:
            _skip(child)
        elif tag in _RSS_CHANNEL_TREES:
            _skip_tree(child, _RSS_CHANNEL_TREES[tag])
        elif tag == _ATOM_LINK:
            if _atom_link(child) is not None:
                raise _Decline  # an alternate link would compete with <link>
        elif tag in ("title", "link") and tag not in seen:
            seen.add(tag)
            if tag == "title":
                title = _rss_title(child)
            else:
                link = _link(child)
        else:
            raise _Decline
    return FeedFields(is_atom=False, title=title, link=link), entries


def _rss_item(item: Any, roles: dict[str, int], *, rdf: bool) -> EntryFields:
    if _attributes(item, _RDF_ABOUT if rdf else None):
        raise _Decline  # feedparser takes a link from href=, a date from lastmod=
    values: dict[int, str] = {}
    title: FeedText | None = None
    guid_is_link = False
    for child in _elements(item):
        tag = child.tag
        role = roles.get(tag)
        if role is None:
            if tag in _RSS_ITEM_SKIPPED:
                _skip(child)
                continue
            if tag == _ATOM_LINK and not rdf and _atom_link(child) is None:
                continue
            raise _Decline
        if role in values:
            raise _Decline  # feedparser's choice between repeats depends on their order
        if role == _GUID:
            attributes = _attributes(child)
            if attributes.keys() - {"ispermalink"}:
                raise _Decline
            # Only the exact value "true" (or none) makes the guid a link to feedparser.
            guid_is_link = attributes.get("ispermalink", "true") == "true"
        elif _attributes(child):
            raise _Decline  # type= or mode= would change how feedparser reads the text
        if role == _TITLE:
            title = _rss_title(child)
            values[role] = title.value
        elif role == _LINK:
            values[role] = _link(child)
        else:
            values[role] = _stored(_leaf_text(child))
    guid = values.get(_GUID)
    if guid is not None and guid_is_link:
        _require_unchanged_uri(guid)
    # feedparser keeps <link>; without one, a permalink guid stands in for it.
    link = values.get(_LINK, guid if guid_is_link else None)
    if rdf:
        guid = item.get(_RDF_ABOUT) or None
    content = values.get(_CONTENT_ROLE)
    summary = values.get(_SUMMARY)
    return EntryFields(
        title=title,
        contents=() if content is None else (FeedText(content, True),),
        summary=None if summary is None else FeedText(summary, True),
        author=values.get(_AUTHOR),
        date=_date(values.get(_PUBLISHED), values.get(_UPDATED)),
        link=link,
        guid=guid,
    )


def _rss_title(element: Any) -> FeedText:
    if _attributes(element):
        raise _Decline
    value = _stored(_leaf_text(element))
    # RSS titles are plain text unless they look like HTML, by feedparser's own test.
    return FeedText(value, _looks_like_html(value))


_HTML_HINT = re.compile(r"</(\w+)>|&#?\w+;")


def _looks_like_html(value: str) -> bool:
    # The hint is the first condition of feedparser's test, and spares importing it.
    if not _HTML_HINT.search(value):
        return False
    from feedparser.mixin import _FeedParserMixin

    return bool(_FeedParserMixin.looks_like_html(value))


# --- RSS 1.0 (RDF) ---------------------------------------------------------------------


def _read_rdf(root: Any, declared: list[tuple[str, str]]) -> tuple[FeedFields, list[EntryFields]]:
    # feedparser needs RSS 1.0 declared, or RSS 0.90 as the default namespace, to call
    # this a feed at all.
    if not any(
        uri.lower() == _RSS10 or (not prefix and uri.lower() == _RSS090.lower())
        for prefix, uri in declared
    ):
        raise _Decline
    _attributes(root)
    children = list(_elements(root))
    if not children or not children[0].tag.endswith("}channel"):
        raise _Decline
    namespace = children[0].tag[1:].split("}")[0]
    if namespace not in (_RSS10, _RSS090):
        raise _Decline

    def rss(local: str) -> str:
        return _name(namespace, local)

    # The channel comes first: a top-level <image> title before it would make feedparser
    # drop the channel title (it skips titles no deeper than the last one it kept).
    title, link = _rdf_channel(children[0], rss)
    roles = {
        rss("title"): _TITLE,
        rss("link"): _LINK,
        rss("description"): _SUMMARY,
        _name(_CONTENT, "encoded"): _CONTENT_ROLE,
        _name(_DC, "creator"): _AUTHOR,
        _name(_DC, "date"): _UPDATED,
    }
    entries: list[EntryFields] = []
    references = frozenset(rss(local) for local in ("title", "url", "link", "description", "name"))
    for child in children[1:]:
        if child.tag == rss("item"):
            entries.append(_rss_item(child, roles, rdf=True))
        elif child.tag in (rss("image"), rss("textinput")):
            _skip_tree(child, references)
        else:
            raise _Decline
    return FeedFields(is_atom=False, title=title, link=link), entries


def _rdf_channel(channel: Any, rss: Callable[[str], str]) -> tuple[FeedText | None, str | None]:
    if _attributes(channel, _RDF_ABOUT):
        raise _Decline
    title: FeedText | None = None
    link: str | None = None
    seen: set[str] = set()
    skipped = _DC_SKIPPED | _SY_SKIPPED | {rss("description"), _name(_DC, "creator")}
    skipped |= {_name(_DC, "date")}
    for child in _elements(channel):
        tag = child.tag
        if tag in skipped:
            _skip(child)
        elif tag in (rss("image"), rss("textinput")):
            _skip(child, _RDF_RESOURCE)
        elif tag == rss("items"):
            _rdf_sequence(child)
        elif tag in (rss("title"), rss("link")) and tag not in seen:
            seen.add(tag)
            if tag == rss("title"):
                title = _rss_title(child)
            else:
                link = _link(child)
        else:
            raise _Decline
    return title, link


def _rdf_sequence(items: Any) -> None:
    """<items><rdf:Seq><rdf:li rdf:resource="..."/>...: only references, read by nobody."""
    _attributes(items)
    for sequence in _elements(items):
        if sequence.tag != _name(_RDF, "Seq"):
            raise _Decline
        _attributes(sequence)
        for entry in _elements(sequence):
            if entry.tag != _name(_RDF, "li"):
                raise _Decline
            _skip(entry, _RDF_RESOURCE)


# --- Atom 1.0 --------------------------------------------------------------------------


def _read_atom(root: Any) -> tuple[FeedFields, list[EntryFields]]:
    _attributes(root)
    title: FeedText | None = None
    alternate: str | None = None
    identifier: str | None = None
    authors: list[str] = []
    entries: list[EntryFields] = []
    seen: set[str] = set()
    for child in _elements(root):
        tag = child.tag
        if tag == _name(_ATOM, "entry"):
            entries.append(_atom_entry(child))
        elif tag == _ATOM_LINK:
            alternate = _first_of(_atom_link(child), alternate)
        elif tag == _name(_ATOM, "author"):
            authors.append(_atom_author(child))
        elif tag == _name(_ATOM, "contributor"):
            _atom_person(child)
        elif tag in _ATOM_FEED_SKIPPED:
            _skip(child)
        elif tag in seen:
            raise _Decline
        elif tag == _name(_ATOM, "title"):
            seen.add(tag)
            title = _atom_text(child)
        elif tag == _name(_ATOM, "id"):
            seen.add(tag)
            identifier = _atom_id(child)
        else:
            raise _Decline
    return (
        FeedFields(
            is_atom=True,
            title=title,
            link=_atom_site(alternate, identifier),
            author_names=tuple(authors),
        ),
        entries,
    )


def _atom_entry(entry: Any) -> EntryFields:
    if _attributes(entry):
        raise _Decline  # feedparser takes a link from href=, a date from lastmod=
    texts: dict[str, FeedText] = {}
    dates: dict[str, str] = {}
    alternate: str | None = None
    identifier: str | None = None
    authors: list[str] = []
    for child in _elements(entry):
        tag = child.tag
        if tag == _ATOM_LINK:
            alternate = _first_of(_atom_link(child), alternate)
            continue
        if tag == _name(_ATOM, "author"):
            authors.append(_atom_author(child))
            continue
        if tag == _name(_ATOM, "contributor"):
            _atom_person(child)
            continue
        if tag in _ATOM_ENTRY_SKIPPED:
            _skip(child)
            continue
        if tag in texts or tag in dates or (tag == _name(_ATOM, "id") and identifier is not None):
            raise _Decline
        if tag in (_name(_ATOM, "title"), _name(_ATOM, "summary"), _name(_ATOM, "content")):
            texts[tag] = _atom_text(child)
        elif tag in (_name(_ATOM, "published"), _name(_ATOM, "updated")):
            if _attributes(child):
                raise _Decline
            dates[tag] = _stored(_leaf_text(child))
        elif tag == _name(_ATOM, "id"):
            identifier = _atom_id(child)
        else:
            raise _Decline
    content = texts.get(_name(_ATOM, "content"))
    return EntryFields(
        title=texts.get(_name(_ATOM, "title")),
        contents=() if content is None else (content,),
        summary=texts.get(_name(_ATOM, "summary")),
        author_names=tuple(authors),
        date=_date(dates.get(_name(_ATOM, "published")), dates.get(_name(_ATOM, "updated"))),
        link=_atom_site(alternate, identifier),
        guid=identifier,
    )


def _first_of(value: str | None, default: str | None) -> str | None:
    # Not "or": an empty href is still the link feedparser keeps.
    return default if value is None else value


def _atom_site(alternate: str | None, identifier: str | None) -> str | None:
    # feedparser treats an Atom id as a permalink: it is the link until an alternate
    # link comes, whatever their order.
    return alternate if alternate is not None else identifier


def _atom_id(element: Any) -> str:
    if _attributes(element):
        raise _Decline  # isPermaLink= would change what feedparser does with it
    value = _stored(_leaf_text(element))
    _require_unchanged_uri(value)
    return value


_TEXT_TYPES: Final = {"text": "text/plain", "plain": "text/plain", "html": "text/html"}
_XHTML_TYPE: Final = "application/xhtml+xml"
_HTML_TYPES: Final = frozenset({"text/html", _XHTML_TYPE})


def _content_type(value: str) -> str:
    """feedparser's map_content_type."""
    value = value.lower()
    return "application/xhtml+xml" if value == "xhtml" else _TEXT_TYPES.get(value, value)


def _atom_text(element: Any) -> FeedText:
    """An Atom text construct: title, summary or content."""
    attributes = _attributes(element)
    if attributes.keys() - {"type"}:
        raise _Decline  # src= (remote content) or mode= (base64)
    content_type = _content_type(attributes.get("type", "text"))
    if content_type == _XHTML_TYPE:
        return FeedText(_stored(_xhtml(element)), True)
    if content_type not in ("text/plain", "text/html"):
        raise _Decline
    return FeedText(_stored(_leaf_text(element)), content_type == "text/html")


def _atom_link(element: Any) -> str | None:
    """The href of an alternate HTML link, None for any other link."""
    attributes = _attributes(element)
    href = attributes.get("href")
    if href is None or "url" in attributes or "uri" in attributes:
        raise _Decline  # feedparser reads a link without href= from its text
    if len(element) or (element.text or "").strip():
        raise _Decline
    _require_unchanged_uri(href)
    # Without type=, feedparser takes an alternate link for HTML.
    content_type = _content_type(attributes.get("type", "text/html"))
    alternate = attributes.get("rel", "alternate").lower() == "alternate"
    return href if alternate and content_type in _HTML_TYPES else None


def _atom_person(element: Any) -> dict[str, str]:
    """The parts (name, email, uri) of an <author> or <contributor>, by element name."""
    _attributes(element)
    parts: dict[str, str] = {}
    for child in _elements(element):
        if child.tag not in _ATOM_PERSON_PARTS or child.tag in parts:
            raise _Decline
        _attributes(child)
        # Names are kept as they are: feedparser does not repair them like other text.
        parts[child.tag] = _leaf_text(child)
    return parts


def _atom_author(element: Any) -> str:
    name = _atom_person(element).get(_name(_ATOM, "name"))
    if name is None:
        # Without a <name>, feedparser makes one up from the previous author's string.
        raise _Decline
    return name


def _xhtml(element: Any) -> str:
    """An XHTML text construct as feedparser serialises it (attributes aside).

    html_to_blocks, which reads the result, ignores attributes; feedparser drops the
    wrapping <div> when it holds everything.
    """
    pieces: list[str] = [escape(element.text)] if element.text else []
    for child in element:
        _xhtml_pieces(child, pieces)
    while len(pieces) > 1 and not pieces[-1].strip():
        del pieces[-1]
    while len(pieces) > 1 and not pieces[0].strip():
        del pieces[0]
    if pieces and pieces[0] == "<div>" and pieces[-1] == "</div>":
        depth = 0
        for piece in pieces[:-1]:
            if piece.startswith("</"):
                depth -= 1
                if depth == 0:
                    break
            elif piece.startswith("<"):
                depth += 1
        else:
            pieces = pieces[1:-1]
    return "".join(pieces).strip()


_XHTML_PREFIX: Final = f"{{{_XHTML}}}"
# feedparser calls its own handlers for these even inside XHTML content.
_XHTML_SPECIAL: Final = frozenset({"body", "svg", "math"})


def _xhtml_pieces(element: Any, pieces: list[str]) -> None:
    tag = element.tag
    if isinstance(tag, str):  # comments and processing instructions only leave their tail
        if not tag.startswith(_XHTML_PREFIX):
            raise _Decline
        local = tag[len(_XHTML_PREFIX) :].lower()
        if local in _XHTML_SPECIAL:
            raise _Decline
        _attributes(element)
        pieces.append(f"<{local}>")
        if element.text:
            pieces.append(escape(element.text))
        for child in element:
            _xhtml_pieces(child, pieces)
        pieces.append(f"</{local}>")
    if element.tail:
        pieces.append(escape(element.tail))


# --- values ----------------------------------------------------------------------------


def _elements(parent: Any) -> Any:
    """Child elements; comments and processing instructions mean nothing to feedparser."""
    return (child for child in parent if isinstance(child.tag, str))


_NO_ATTRIBUTES: Final[dict[str, str]] = {}


def _attributes(element: Any, allowed: str | None = None) -> dict[str, str]:
    """Attributes without a namespace, named as feedparser names them (lower case).

    Declines xml:base and base= (feedparser resolves links against them) and attributes
    in other namespaces but xml:lang and ``allowed`` (feedparser would strip their
    namespace and might take one for a plain attribute).
    """
    items = element.items()
    if not items:
        return _NO_ATTRIBUTES
    plain: dict[str, str] = {}
    for name, value in items:
        if name.startswith("{"):
            if name != _XML_LANG and name != allowed:
                raise _Decline
            continue
        key = name.lower()
        if key == "base" or key in plain:
            raise _Decline
        plain[key] = value
    return plain


def _leaf_text(element: Any) -> str:
    # Elements inside a text field make feedparser switch to reading XHTML.
    if len(element):
        raise _Decline
    return str(element.text or "").strip()


def _skip(element: Any, allowed: str | None = None) -> None:
    """An element read by feedparser into fields unused here: harmless if it has no children."""
    _attributes(element, allowed)
    if len(element):
        raise _Decline


def _skip_tree(element: Any, children: frozenset[str]) -> None:
    _attributes(element, _RDF_ABOUT)
    for child in _elements(element):
        if child.tag not in children:
            raise _Decline
        _skip(child)


def _stored(value: str) -> str:
    """``value`` as feedparser stores a text field; declines when it would rewrite it.

    feedparser repairs UTF-8 that was read as Latin-1, when the text re-encodes that
    way. (Its other repair, C1 controls to Windows-1252, _read rules out for the whole
    document.)
    """
    if value.isascii():
        return value
    try:
        value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value
    raise _Decline


_ENTITY_LIKE = re.compile(r"&[A-Za-z0-9_]+;")
_SCHEME_EXTRA_SLASHES = re.compile(r"^[A-Za-z][A-Za-z0-9+,.-]*:///")


def _link(element: Any) -> str:
    """An RSS <link>."""
    if _attributes(element):
        raise _Decline
    value = _stored(_leaf_text(element))
    _require_unchanged_uri(value)
    if _ENTITY_LIKE.search(value):
        raise _Decline  # feedparser rewrites "&amp;" and "&x;" in links
    return value


def _require_unchanged_uri(value: str) -> None:
    # feedparser "resolves" links against an empty base, which only drops the extra
    # slashes of "http:///host".
    if _SCHEME_EXTRA_SLASHES.match(value):
        raise _Decline


def _date(published: str | None, updated: str | None) -> str | None:
    date, _parsed = first_date(((published, None), (updated, None)))
    if date is not None and not date_is_strict(date):
        raise _Decline  # only feedparser's own date parser reads this format
    return date
