"""Writing items out: JSON, JSON Lines, Markdown reading lists and CSV.

Exports are an output boundary: whatever the library file holds (written by an older
version, another tool or a hand edit), no control sequence is written. JSON escapes
them (the data stays exact); Markdown and CSV, read by people and spreadsheets, drop them.

Every format is also a backup: `reader import` reads each back as the items it holds
(reader.ingest.backup). JSON and JSON Lines hold everything; CSV holds every field that
fits a cell; Markdown shows title, meta line and body, and keeps the exact fields in an
HTML comment per item, which Markdown viewers do not show.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal, TextIO

from reader.ingest.backup import CSV_QUOTE, MARKDOWN_ITEM_MARK, MARKDOWN_SPECIAL
from reader.model import Item, ItemSummary, SourceInfo
from reader.text.clean import escape_for_json, strip_controls

ExportFormat = Literal["json", "jsonl", "markdown", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "jsonl", "markdown", "csv")
CSV_COLUMNS = (
    "id", "kind", "title", "title_derived", "author", "published", "source", "url",
    "tags", "story", "read", "starred", "imported", "guid", "headings", "body",
)  # fmt: skip
"""`headings` lists which paragraphs of `body` (counted from 0, `;`-separated) are headings."""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def summary_to_dict(item: ItemSummary) -> dict[str, Any]:
    """The JSON shape of an item without its body (list output)."""
    return {
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "title_derived": item.title_derived,
        "author": item.author,
        "published": _iso(item.published),
        "source": item.source,
        "url": item.url,
        "tags": list(item.tags),
        "story": item.story_id,
        "read": item.read,
        "starred": item.starred,
        "imported": _iso(item.imported_at),
    }


def item_to_dict(item: Item) -> dict[str, Any]:
    """The JSON shape of a full item: `body` as text, `blocks` with headings marked."""
    data = summary_to_dict(item)
    data["body"] = item.body_text
    data["blocks"] = [
        {"type": "heading" if block.heading else "paragraph", "text": block.text}
        for block in item.blocks
    ]
    data["guid"] = item.guid
    return data


def write_json(items: Iterable[Item], out: TextIO) -> int:
    """A JSON array streamed item by item, so big libraries do not sit in memory."""
    count = 0
    out.write("[")
    for item in items:
        out.write(",\n  " if count else "\n  ")
        out.write(escape_for_json(json.dumps(item_to_dict(item), ensure_ascii=False)))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_jsonl(items: Iterable[Item], out: TextIO) -> int:
    count = 0
    for item in items:
        out.write(escape_for_json(json.dumps(item_to_dict(item), ensure_ascii=False)) + "\n")
        count += 1
    return count


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in MARKDOWN_SPECIAL})


def _md(text: str) -> str:
    """Literal text in Markdown: characters with a meaning there are escaped."""
    return strip_controls(text).translate(_MARKDOWN_SPECIAL)


def _markdown_fields(item: Item) -> str:
    """The item's fields as JSON inside an HTML comment that nothing in them can close."""
    fields = summary_to_dict(item)
    fields["guid"] = item.guid
    fields["headings"] = _heading_numbers(item)
    encoded = escape_for_json(json.dumps(fields, ensure_ascii=False)).replace(">", "\\u003e")
    return f"{MARKDOWN_ITEM_MARK}{encoded} -->"


def _heading_numbers(item: Item) -> list[int]:
    """Which of the item's blocks are headings, counted from 0."""
    return [number for number, block in enumerate(item.blocks) if block.heading]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_markdown(items: Iterable[Item], out: TextIO, *, heading: str = "Reading list") -> int:
    """A reading list: one section per item with its source, date, link, tags and body."""
    count = 0
    out.write(f"# {_md(heading)}\n")
    for item in items:
        count += 1
        meta = [_md(item.source)]
        if item.published:
            meta.append(item.published.date().isoformat())
        if item.author:
            meta.append(f"by {_md(item.author)}")
        meta.append(item.kind)
        if item.starred:
            meta.append("starred")
        if item.read:
            meta.append("read")
        out.write(f"\n## {_md(_one_line(item.title))}\n\n{_markdown_fields(item)}\n")
        out.write(" · ".join(meta))
        if item.tags:
            tags = (strip_controls(tag).replace("`", "") for tag in item.tags)
            out.write(" · " + " ".join(f"`#{tag}`" for tag in tags))
        out.write("\n")
        if item.url:
            out.write(f"\n<{strip_controls(item.url).replace('>', '%3E')}>\n")
        for block in item.blocks:
            text = _md(_one_line(block.text))
            out.write(f"\n### {text}\n" if block.heading else f"\n{text}\n")
    if not count:
        out.write("\nNo items.\n")
    return count


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", CSV_QUOTE)


def _csv_cell(raw: str) -> str:
    value = strip_controls(raw)
    # Spreadsheets evaluate a cell starting with = + - @ (or tab, CR before one) as a
    # formula; a leading quote makes it text. Cells already starting with a quote get one
    # too, so reading back always removes exactly one.
    return CSV_QUOTE + value if value.startswith(_FORMULA_STARTS) else value


def write_csv(items: Iterable[Item], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for item in items:
        data = item_to_dict(item)
        data["tags"] = ";".join(item.tags)
        data["headings"] = ";".join(map(str, _heading_numbers(item)))
        row = [data[column] for column in CSV_COLUMNS]
        writer.writerow(
            [
                _csv_cell(cell) if isinstance(cell, str) else ("" if cell is None else cell)
                for cell in row
            ]
        )
        count += 1
    return count


def write_items(items: Iterable[Item], out: TextIO, fmt: ExportFormat) -> int:
    """Write items in the given format; returns how many were written."""
    if fmt == "json":
        return write_json(items, out)
    if fmt == "jsonl":
        return write_jsonl(items, out)
    if fmt == "markdown":
        return write_markdown(items, out)
    return write_csv(items, out)


def write_opml(sources: Iterable[SourceInfo], out: TextIO) -> int:
    """The sources that have a feed address, as an OPML 2.0 subscription list (what
    feed readers import); returns how many were written."""
    from xml.sax.saxutils import quoteattr

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             "  <head><title>reader subscriptions</title></head>", "  <body>"]  # fmt: skip
    count = 0
    for source in sources:
        url = source.origin or ""
        if not url.startswith(("http://", "https://")):
            continue  # files and pages saved by hand have no feed to subscribe to
        name = quoteattr(strip_controls(source.name))
        lines.append(f'    <outline type="rss" text={name} title={name} xmlUrl={quoteattr(url)}/>')
        count += 1
    lines += ["  </body>", "</opml>"]
    out.write("\n".join(lines) + "\n")
    return count
