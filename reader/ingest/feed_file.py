"""Reading a saved feed file: JSON Feed, or XML offered first to the fast reader
(reader.ingest.fastfeed), then to feedparser for whatever it declines.

A feed that declares DTD entities is read without its DOCTYPE (never expanded) and
refused when nothing is left; see reader.ingest.feeds for the security notes.
"""

from __future__ import annotations

from dataclasses import replace

from reader.ingest.detect import SNIFF_SIZE, detect_format
from reader.ingest.doctype import without_doctype
from reader.ingest.fastfeed import parse_well_formed
from reader.ingest.feeds import (
    FeedError,
    parse_json_feed,
    read_with_feedparser,
    refuse_entity_declarations,
)
from reader.model import ParsedDocument

__all__ = ["DOCTYPE_NOTE", "parse_feed"]


def parse_feed(data: bytes, *, fallback_name: str, use_fast_path: bool = True) -> ParsedDocument:
    """Parse a saved RSS, RDF, Atom or JSON feed into headlines and articles.

    ``use_fast_path=False`` forces feedparser, so tests can compare the two readers.
    """
    if detect_format(None, data[:SNIFF_SIZE]) == "jsonfeed":
        return parse_json_feed(data, fallback_name)
    try:
        refuse_entity_declarations(data)
    except FeedError as refusal:
        # Read the entries without the declarations; with nothing left to read, refuse.
        stripped = without_doctype(data)
        if stripped is None:
            raise
        try:
            document = _parse_xml_feed(stripped, fallback_name, use_fast_path)
        except FeedError:
            raise refusal from None
        if not document.items:
            raise
        return replace(document, notes=(*document.notes, DOCTYPE_NOTE))
    return _parse_xml_feed(data, fallback_name, use_fast_path)


DOCTYPE_NOTE = "left out its DTD entity declarations (never expanded)"


def _parse_xml_feed(data: bytes, fallback_name: str, use_fast_path: bool) -> ParsedDocument:
    refuse_entity_declarations(data)
    if use_fast_path:
        document = parse_well_formed(data, fallback_name=fallback_name)
        if document is not None:
            return document
    return read_with_feedparser(data, fallback_name)
