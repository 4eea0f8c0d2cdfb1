"""Plain-text inputs: pick the reader for the file's shape, and account for every line.

Three shapes, decided from the structure of the whole file before any word list is read:

- a **page dump** made by a text browser (`lynx -dump`, `w3m -dump`, a fixed-width copy):
  paragraphs indented and wrapped at one width, headings flush left, `(BUTTON)`, `[IMG]`
  and bullets; read block by block (:mod:`reader.ingest.pagedump`);
- a **headline list**: no paragraph anywhere, so every line is a headline
  (:mod:`reader.ingest.headline_list`);
- anything else (feed dumps with embedded articles, copied articles, reader-mode text):
  read line by line in context (:mod:`reader.ingest.textdump`).

Whatever the shape, :func:`reader.ingest.line_account.account_lines` then follows each line
into the items, so an import can say how many lines it dropped as furniture and
`reader import --dry-run --explain` can show each line's fate.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.ingest import headline_list, pagedump, textdump
from reader.ingest.line_account import LineAccount, account_lines
from reader.model import ParsedItem


@dataclass(frozen=True, slots=True)
class PlainText:
    """What a plain-text input gave."""

    items: tuple[ParsedItem, ...]
    shape: str
    """"page dump", "headline list" or "text"."""
    account: LineAccount


def _line_reason(line: str) -> tuple[str, bool]:
    """Why the line-by-line reader left a line out (verdict, counted as furniture)."""
    classified = textdump.classify_line(line)
    if classified.kind is textdump.Kind.SEPARATOR:
        return "separator", False
    if classified.kind is textdump.Kind.META:
        return "metadata: by-line or date", False
    if classified.kind is textdump.Kind.DROP and classified.boiler is not None:
        return f"dropped: {classified.boiler.value} boilerplate", True
    return "dropped: furniture (by its place)", True


def _list_reason(line: str) -> tuple[str, bool]:
    if headline_list.headline_title(line) is None:
        return "separator", False
    return "dropped: the list's masthead", True


def read_plain_text(text: str, *, explain: bool = False) -> PlainText:
    """Split a decoded plain-text input into items; `explain` keeps a note per line.

    The text is split and cleaned once; each reader gets the lines in the form it reads.
    """
    split = textdump.split_lines(text)
    lines = textdump.fold_lines(split)
    if pagedump.is_page_dump(pagedump.layout_lines(split[: pagedump.SNIFF_LINES])):
        page = pagedump.parse_page_dump(pagedump.layout_lines(split))
        account = account_lines(lines, page.items, page.reason, keep_notes=explain)
        return PlainText(tuple(page.items), "page dump", account)
    joined = textdump.join_wrapped_lines(lines)
    if not headline_list.has_prose(joined):
        items = headline_list.headline_list_items(lines)
        account = account_lines(lines, items, _list_reason, keep_notes=explain)
        return PlainText(tuple(items), "headline list", account)
    items = textdump.parse_joined_lines(joined)
    account = account_lines(lines, items, _line_reason, keep_notes=explain)
    return PlainText(tuple(items), "text", account)
