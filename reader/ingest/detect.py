"""Guessing what kind of input a file is, from its first bytes.

Content decides; the file extension only breaks ties (a ``.txt`` holding RSS is RSS, a
``.xml`` holding plain lines is not a feed). Whether the bytes are text at all is
decided by :mod:`reader.ingest.decode`, not here.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

from reader.ingest.backup import sniff_backup

__all__ = ["SNIFF_SIZE", "Format", "detect_format"]

Format = Literal["text", "rss", "atom", "rdf", "jsonfeed", "html", "opml", "backup", "unknown"]
"""`backup` is one of reader's own exports (reader.ingest.backup)."""

# How many leading bytes callers should pass: enough to get past a long prolog.
SNIFF_SIZE = 8192

_BOM_CODECS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Prolog parts that may come before the root element: declaration, processing
# instructions, comments, doctype (an internal subset in brackets included).
_PROLOG_ITEM = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE\s+(?P<doctype>[^\s>\[]+)(?:[^>\[]|\[.*?\])*>)",
    re.DOTALL | re.IGNORECASE,
)
_ROOT_TAG = re.compile(r"<(?P<name>[A-Za-z_][\w.:-]*)(?P<attrs>[^>]*)")
_JSONFEED_VERSION = re.compile(r'"version"\s*:\s*"[^"]*jsonfeed\.org')

_ATOM_NAMESPACES = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")
_RSS1_MARKERS = ("http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", "<channel")
# Elements that start saved HTML fragments with no <html> wrapper.
_HTML_TAGS = frozenset(
    {
        "head",
        "body",
        "meta",
        "title",
        "link",
        "base",
        "script",
        "style",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "article",
        "section",
        "main",
        "header",
        "nav",
        "table",
        "ul",
        "ol",
    }
)

_TEXT_SUFFIXES = frozenset({"", ".txt", ".text"})
_SUFFIX_FORMATS: dict[str, Format] = {
    ".rss": "rss",
    ".atom": "atom",
    ".rdf": "rdf",
    ".opml": "opml",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "jsonfeed",
}
_STRUCTURED_SUFFIXES = frozenset({*_SUFFIX_FORMATS, ".xml"})


def detect_format(path: Path | None, head: bytes) -> Format:
    """The format of a file, judged from its first bytes and, to break ties, its name."""
    suffix = path.suffix.lower() if path is not None else ""
    text = _sniff_text(head).lstrip()
    if sniff_backup(text) is not None:
        return "backup"
    if text.startswith("{"):
        if _JSONFEED_VERSION.search(text):
            return "jsonfeed"
        return "text" if suffix in _TEXT_SUFFIXES else "unknown"
    if text.startswith("<"):
        found = _markup_format(text)
        if found != "unknown":
            return found
        if suffix in _TEXT_SUFFIXES:
            return "text"
        return _SUFFIX_FORMATS.get(suffix, "unknown")
    # Plain prose: text, unless the name promises markup it does not have.
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"
    return "unknown" if suffix in _STRUCTURED_SUFFIXES else "text"


def _sniff_text(head: bytes) -> str:
    """The head as text, well enough to read tag names (a cut last character is fine)."""
    for bom, encoding in _BOM_CODECS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="replace")


def _markup_format(text: str) -> Format:
    """Format from the root element after the XML prolog; "unknown" if not recognised."""
    pos = 0
    doctype = ""
    while match := _PROLOG_ITEM.match(text, pos):
        if match.end() == pos:
            break
        doctype = match.group("doctype") or doctype
        pos = match.end()
    if doctype.lower() == "html":
        return "html"
    root = _ROOT_TAG.match(text, _skip_space(text, pos))
    if root is None:
        return "unknown"
    return _root_format(root.group("name"), text)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _root_format(qualified_name: str, text: str) -> Format:
    local = qualified_name.rpartition(":")[2].lower()
    if local == "rss":
        return "rss"
    if local == "feed":
        # A bare <feed> could be anything; Atom declares its namespace.
        return "atom" if any(ns in text for ns in _ATOM_NAMESPACES) else "unknown"
    if local == "rdf":
        return "rdf" if any(marker in text for marker in _RSS1_MARKERS) else "unknown"
    if local == "opml":
        return "opml"
    if local == "html" or local in _HTML_TAGS:
        return "html"
    return "unknown"
