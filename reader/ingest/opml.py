"""Importing an OPML subscription list: every outline with an ``xmlUrl`` is a feed.

Parsed with defusedxml, which refuses entity declarations and external references, so a
hostile file can neither blow up memory nor make the parser read local files. Folders
(outlines nesting other outlines) are walked at any depth; a feed listed in two folders
is kept once. Only http(s) feed URLs are kept: anything else is no subscription.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from reader.ingest.decode import DecodeError, decode_bytes
from reader.model import FeedRef, ParsedDocument
from reader.text.clean import clean

__all__ = ["OpmlError", "parse_opml"]


class OpmlError(ValueError):
    """The input is not a well-formed, acceptable OPML document."""


_WEB_SCHEMES = frozenset({"http", "https"})


def parse_opml(data: bytes, *, fallback_name: str) -> ParsedDocument:
    """The feeds listed in an OPML file, with the file's own title as source name."""
    root = _parse_xml(data)
    if _local_name(root.tag) != "opml":
        raise OpmlError("not an OPML document (the root element is not <opml>)")
    feeds: dict[str, FeedRef] = {}
    body = _child(root, "body")
    if body is not None:
        for outline in _feed_outlines(body):
            ref = _feed_ref(outline)
            if ref is not None:
                feeds.setdefault(ref.url, ref)
    head = _child(root, "head")
    title_element = _child(head, "title") if head is not None else None
    title = clean(title_element.text or "") if title_element is not None else ""
    return ParsedDocument(source_name=title or fallback_name, feeds=tuple(feeds.values()))


def _parse_xml(data: bytes) -> Any:
    """The root element, or OpmlError; a file without the encoding it claims gets a retry."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_etree
    from defusedxml import DefusedXmlException

    try:
        return safe_etree.fromstring(data)
    except DefusedXmlException as err:
        raise OpmlError("refuses DTD entity declarations") from err
    except ParseError as err:
        first_error = err
    # Hand-edited lists are sometimes saved as cp1252 while declaring (or defaulting to)
    # UTF-8: decode them as the reader decodes any text and try once more.
    try:
        return safe_etree.fromstring(_without_declaration(decode_bytes(data)))
    except (DecodeError, ParseError, DefusedXmlException):
        raise OpmlError(f"malformed OPML: {first_error}") from first_error


def _without_declaration(text: str) -> str:
    """Text without its <?xml ...?> line, whose encoding no longer applies."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<?xml"):
        end = stripped.find("?>")
        if end != -1:
            return stripped[end + 2 :]
    return text


def _local_name(tag: object) -> str:
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


def _child(element: Any, name: str) -> Any:
    return next((c for c in element if _local_name(c.tag) == name), None)


def _feed_outlines(element: Any) -> Iterator[Any]:
    """Outlines carrying an xmlUrl, depth-first in document order, folders included."""
    for child in element:
        if _local_name(child.tag) != "outline":
            continue
        if _attribute(child, "xmlurl"):
            yield child
        yield from _feed_outlines(child)


def _attribute(element: Any, name: str) -> str | None:
    """An attribute by case-insensitive name: exporters write xmlUrl, xmlurl or XMLURL."""
    for key, value in element.attrib.items():
        if isinstance(key, str) and key.lower() == name:
            return str(value)
    return None


def _feed_ref(outline: Any) -> FeedRef | None:
    url = _web_url(_attribute(outline, "xmlurl"))
    if url is None:
        return None
    title = clean(_attribute(outline, "title") or _attribute(outline, "text") or "") or url
    return FeedRef(title=title, url=url, site_url=_web_url(_attribute(outline, "htmlurl")))


def _web_url(raw: str | None) -> str | None:
    url = clean(raw or "")
    parts = urlsplit(url)
    return url if parts.scheme.lower() in _WEB_SCHEMES and parts.netloc else None
