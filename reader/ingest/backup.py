"""Reading reader's own exports back: JSON, JSON Lines, CSV and Markdown (as written by
reader.services.exporting).

An export is a backup: each item comes back with its title, body, source, link, dates,
tags and read and star state. Files are recognised by their content (the shape reader
writes), whatever their name. An export cut short or edited into invalid JSON is refused
whole, with the line at fault, rather than imported in part.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from reader.ingest.titles import derive_title
from reader.model import Block, ItemKind, ParsedDocument, ParsedItem
from reader.text.clean import clean

__all__ = [
    "CSV_QUOTE",
    "MARKDOWN_ITEM_MARK",
    "MARKDOWN_SPECIAL",
    "BackupError",
    "BackupFormat",
    "parse_backup",
    "sniff_backup",
]

BackupFormat = Literal["json", "jsonl", "csv", "markdown"]

# Keys every exported item has, whatever the format (reader.services.exporting.summary_to_dict).
_ITEM_KEYS = re.compile(r'"kind"\s*:\s*"(?:headline|article)"')
_TITLE_KEY = re.compile(r'"title"\s*:')
_CSV_REQUIRED = frozenset({"kind", "title", "source", "body"})
# The marks reader.services.exporting writes, defined here once so writer and reader cannot drift.
MARKDOWN_ITEM_MARK = "<!-- reader:item "
"""Starts the comment that carries an item's fields in a Markdown export."""
MARKDOWN_SPECIAL = "\\`*_[]<>#|"
"""Characters a Markdown export escapes with a backslash."""
CSV_QUOTE = "'"
"""Put before CSV cells a spreadsheet would run as a formula."""
_MARKDOWN_ITEM = re.compile(rf"^{re.escape(MARKDOWN_ITEM_MARK)}(?P<fields>\{{.*\}}) -->$")
_MARKDOWN_ESCAPE = re.compile(rf"\\([{re.escape(MARKDOWN_SPECIAL)}])")


class BackupError(ValueError):
    """The file looks like a reader export but cannot be read as one."""


def sniff_backup(head: str) -> BackupFormat | None:
    """Which of reader's export formats the start of a file is in, if any."""
    text = head.lstrip("\ufeff \t\r\n")
    first_line = text.split("\n", 1)[0]
    if text.startswith("["):
        body = text[1:].lstrip()
        if body.rstrip() == "]":
            return "json"  # reader's export of nothing
        if body.startswith("{") and _ITEM_KEYS.search(body) and _TITLE_KEY.search(body):
            return "json"
        return None
    if text.startswith("{"):
        return "jsonl" if _ITEM_KEYS.search(first_line) and _TITLE_KEY.search(first_line) else None
    if text.startswith("# ") and MARKDOWN_ITEM_MARK in text:
        return "markdown"
    try:
        header = next(csv.reader([first_line]))
    except csv.Error:
        return None
    return "csv" if set(header) >= _CSV_REQUIRED else None


def parse_backup(text: str, fmt: BackupFormat) -> ParsedDocument:
    """The items a reader export holds."""
    if fmt == "json":
        records: Iterable[Mapping[str, Any]] = _json_records(text)
    elif fmt == "jsonl":
        records = _jsonl_records(text)
    elif fmt == "csv":
        records = _csv_records(text)
    else:
        records = _markdown_records(text)
    items = tuple(item for record in records if (item := _item(record)) is not None)
    return ParsedDocument(items=items, source_name="reader export")


# --------------------------------------------------------------------------- formats
def _json_records(text: str) -> list[Mapping[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BackupError(f"reader JSON export, line {error.lineno}: {error.msg}") from error
    if not isinstance(data, list):
        raise BackupError("reader JSON export: not a list of items")
    return [record for record in data if isinstance(record, dict)]


def _jsonl_records(text: str) -> Iterator[Mapping[str, Any]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise BackupError(
                f"reader JSON Lines export, line {number}: {error.msg}"
                + (" (the file is cut short)" if number == _last_line(text) else "")
            ) from error
        if isinstance(record, dict):
            yield record


def _last_line(text: str) -> int:
    return len(text.rstrip("\r\n ").splitlines())


def _csv_records(text: str) -> Iterator[Mapping[str, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            record: dict[str, Any] = {
                key: _csv_value(value) for key, value in row.items() if isinstance(key, str)
            }
            for flag in ("read", "starred", "title_derived"):
                record[flag] = str(record.get(flag, "")).strip().lower() in ("true", "1", "yes")
            record["tags"] = [tag for tag in str(record.get("tags") or "").split(";") if tag]
            record["headings"] = _numbers(str(record.get("headings") or ""))
            yield record
    except csv.Error as error:
        raise BackupError(f"reader CSV export, line {reader.line_num}: {error}") from error


def _csv_value(value: str | None) -> str:
    # reader.services.exporting puts a quote before cells a spreadsheet could run as a formula.
    text = value or ""
    return text[1:] if text.startswith(CSV_QUOTE) else text


def _numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(";") if part.strip().isdigit()]


def _markdown_records(text: str) -> Iterator[Mapping[str, Any]]:
    """Each item's fields from its comment; title and body from the Markdown around it.

    Under the comment come the meta line (source, date, tags), the link if any, then the
    body. The visible text wins over the comment, so an edited title or paragraph comes
    back edited.
    """
    record: dict[str, Any] | None = None
    title = ""
    blocks: list[dict[str, Any]] = []
    before_body = 0  # lines still expected before the body: meta line, then link
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            if record is not None:
                yield _with_text(record, title, blocks)
            record, title, blocks = None, _unescape(line[3:]), []
            continue
        match = _MARKDOWN_ITEM.match(line)
        if match:
            try:
                fields = json.loads(match["fields"])
            except json.JSONDecodeError as error:
                raise BackupError(f"reader Markdown export, line {number}: {error.msg}") from error
            record = fields if isinstance(fields, dict) else None
            before_body = 2
            continue
        if record is None or not line.strip():
            continue
        if before_body == 2:
            before_body = 1 if record.get("url") else 0
            continue
        if before_body == 1:
            before_body = 0
            if line.startswith("<") and line.endswith(">"):
                continue
        if line.startswith("### "):
            blocks.append({"type": "heading", "text": _unescape(line[4:])})
        else:
            blocks.append({"type": "paragraph", "text": _unescape(line)})
    if record is not None:
        yield _with_text(record, title, blocks)


def _unescape(text: str) -> str:
    return _MARKDOWN_ESCAPE.sub(r"\1", text)


def _with_text(record: dict[str, Any], title: str, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    record = dict(record)
    if title.strip():
        record["title"] = title
    record["blocks"] = blocks
    return record


# --------------------------------------------------------------------------- items
def _item(record: Mapping[str, Any]) -> ParsedItem | None:
    """One exported item; None for an entry with neither title nor body."""
    blocks = _blocks(record)
    title = clean(_text(record.get("title")))
    derived = record.get("title_derived") is True
    if not title:
        if not blocks:
            return None
        title, derived = derive_title(blocks[0].text), True
    kind: ItemKind = "article" if record.get("kind") == "article" else "headline"
    return ParsedItem(
        kind=kind,
        title=title,
        title_derived=derived,
        blocks=blocks,
        author=clean(_text(record.get("author"))) or None,
        published=_date(record.get("published")),
        url=clean(_text(record.get("url"))) or None,
        guid=clean(_text(record.get("guid"))) or None,
        source=clean(_text(record.get("source"))) or None,
        tags=tuple(tag for raw in _list(record.get("tags")) if (tag := clean(_text(raw)))),
        read=record.get("read") is True,
        starred=record.get("starred") is True,
        imported_at=_date(record.get("imported")),
    )


def _blocks(record: Mapping[str, Any]) -> tuple[Block, ...]:
    listed = record.get("blocks")
    if isinstance(listed, list) and listed:
        return tuple(
            Block(text, heading=entry.get("type") == "heading")
            for entry in listed
            if isinstance(entry, dict) and (text := clean(_text(entry.get("text"))))
        )
    body = _text(record.get("body"))
    if not body.strip():
        return ()
    headings = set(_list(record.get("headings")))
    # The exporters join paragraphs with one blank line.
    paragraphs = [clean(part) for part in body.split("\n\n")]
    return tuple(
        Block(text, heading=number in headings) for number, text in enumerate(paragraphs) if text
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _date(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
