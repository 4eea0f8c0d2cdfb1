"""Reading one input file into a ParsedDocument: size check, decoding, format detection."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import ParsedDocument

if TYPE_CHECKING:
    from reader.ingest.detect import Format
    from reader.ingest.plaintext import PlainText

SNIFF_BYTES = 8192


class InputError(Exception):
    """One input cannot be imported; the message is the reason, without the path."""


def read_document(path: Path, *, max_bytes: int) -> ParsedDocument:
    """Parse the file at `path` with the parser its content calls for."""
    return parse_bytes(_read_bytes(path, max_bytes), path=path)


def explain_document(
    path: Path, *, max_bytes: int
) -> tuple[ParsedDocument, PlainText | None, Format]:
    """Parse like `read_document`; also the format found and, for a plain-text file, what
    became of each line."""
    return _parse(_read_bytes(path, max_bytes), path=path, explain=True)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError("not a regular file")
        if size > max_bytes:
            raise InputError(
                f"file too large ({size / 1_048_576:.1f} MB, the limit is"
                f" {max_bytes / 1_048_576:.0f} MB; see max_file_mb in config.toml)"
            )
        return path.read_bytes()
    except PermissionError as error:
        raise InputError("permission denied") from error
    except IsADirectoryError as error:
        raise InputError("is a directory") from error
    except OSError as error:
        raise InputError(f"cannot read ({error.strerror or error})") from error


def parse_bytes(data: bytes, *, path: Path | None = None) -> ParsedDocument:
    """Parse the content of an input; `path` only helps detection and naming."""
    return _parse(data, path=path, explain=False)[0]


def _parse(
    data: bytes, *, path: Path | None, explain: bool
) -> tuple[ParsedDocument, PlainText | None, Format]:
    """The document, for plain text how it was read (with a note per line if `explain`),
    and the format detected."""
    # Parsers are imported on use: feedparser and trafilatura are slow to import.
    from reader.ingest.decode import DecodeError, decode_bytes, looks_binary
    from reader.ingest.detect import detect_format

    if not data.strip():
        raise InputError("empty file")
    fallback_name = path.name if path is not None else "stdin"
    fmt = detect_format(path, data[:SNIFF_BYTES])
    try:
        if fmt in ("rss", "atom", "rdf", "jsonfeed"):
            from reader.ingest.feed_file import parse_feed

            return parse_feed(data, fallback_name=fallback_name), None, fmt
        if fmt == "opml":
            from reader.ingest.opml import parse_opml

            return parse_opml(data, fallback_name=fallback_name), None, fmt
        if fmt == "backup":
            from reader.ingest.backup import parse_backup, sniff_backup

            text = decode_bytes(data)
            # Detection read the head as UTF-8; check again on the decoded text.
            if backup_format := sniff_backup(text[:SNIFF_BYTES]):
                document = parse_backup(text, backup_format)
                if not document.items:
                    raise InputError("no items in this reader export")
                return document, None, fmt
        if fmt == "html":
            from reader.ingest.html_page import parse_html_page

            return parse_html_page(data, fallback_name=fallback_name), None, fmt
        if looks_binary(data):
            raise InputError("binary file, not text, a feed or an HTML page")
        from reader.ingest.plaintext import read_plain_text

        plain = read_plain_text(decode_bytes(data), explain=explain)
    except InputError:
        raise
    except DecodeError as error:
        raise InputError(str(error)) from error
    except ValueError as error:  # FeedError, PageError, OpmlError and other parse failures
        raise InputError(str(error)) from error
    if not plain.items:
        raise InputError("no headlines or articles found")
    document = ParsedDocument(items=plain.items, dropped_lines=plain.account.dropped)
    return document, plain, fmt
