"""Plain lists of headlines: one per line, whatever each line looks like.

A file of headlines copied from an aggregator or a column of a spreadsheet has no article in
it, so no line of it is page furniture: a headline that reads like a sentence, ends with
"...", or sounds like an advert ("Soldes : 10 bons plans") is still a headline. What tells
such a list from a page dump is the absence of prose: article text comes as paragraphs, runs
of long lines made of several sentences, and a list has none (a single long line among
headlines is a long headline, as Reddit titles of 300 characters are).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.ingest import boilerplate
from reader.ingest.textdump import INNER_SENTENCE, is_paragraph
from reader.model import ParsedItem

PROSE_LINE_LEN = 320
"""Longer than headlines get (Reddit caps titles at 300 characters, papers stay under 200)."""
SENTENCES_LINE_LEN = 200
"""From this length, a line of three sentences or more reads as prose too."""
LONE_PARAGRAPH_LEN = 600
"""A single line this long is a paragraph even with no other one next to it."""

_ALNUM = re.compile(r"[^\W_]")
# Typographic bullets and Markdown's "* " are markup; "- " and "+ 2 officers…" may be the
# headline's own ("- 5 %", "+ 2 officers hurt").
_BULLET = re.compile(r"^(?:[•·‣▪▫●○◦■□►▶➤→✓✔]|\*(?=\s+\S))\s+")


def is_prose_line(line: str) -> bool:
    """Whether one line is article text rather than a headline, whatever its neighbours."""
    size = len(line)
    if size >= PROSE_LINE_LEN:
        return True
    return size >= SENTENCES_LINE_LEN and len(INNER_SENTENCE.findall(line)) >= 2


def has_prose(lines: Sequence[str]) -> bool:
    """Whether the lines hold a paragraph: two prose lines in a row (blank lines between
    allowed), one very long line, or a paragraph-shaped line set apart by a blank line (a
    list has no blank lines between its entries; an article has them between paragraphs)."""
    # Blank lines before the first line or after the last set nothing apart.
    first = next((index for index, line in enumerate(lines) if line), len(lines))
    last = next((index for index in range(len(lines) - 1, -1, -1) if lines[index]), -1)
    lines = lines[first : last + 1]
    previous_prose = False
    for index, line in enumerate(lines):
        if not line:
            continue
        prose = is_prose_line(line)
        if prose and (previous_prose or len(line) >= LONE_PARAGRAPH_LEN):
            return True
        if is_paragraph(line) and (
            (index > 0 and not lines[index - 1])
            or (index + 1 < len(lines) and not lines[index + 1])
        ):
            return True
        previous_prose = prose
    return False


def headline_title(line: str) -> str | None:
    """The headline a list line gives: the line without a bullet dot; None for a separator."""
    if not _ALNUM.search(line):
        return None
    bullet = _BULLET.match(line)
    title = line[bullet.end() :] if bullet else line
    return title if _ALNUM.search(title) else line


def header_line(lines: Sequence[str]) -> int | None:
    """Index of the list's header, if it has one: a first line shaped like a masthead
    ("REVUE DE PRESSE — semaine du 2 au 8 novembre", "Actu Express | Dépêches") and set off
    from the list by a separator line. Without the separator it is the first headline."""
    content = [index for index, line in enumerate(lines) if line]
    if len(content) < 3:
        return None
    first, second = content[0], content[1]
    if _ALNUM.search(lines[second]) or not boilerplate.is_strong_tagline(lines[first]):
        return None
    return first


def headline_list_items(lines: Sequence[str]) -> list[ParsedItem]:
    """Every line with a letter or a digit, as a headline (storage removes repeats), but for
    the list's header (see `header_line`)."""
    items = []
    header = header_line(lines)
    for index, line in enumerate(lines):
        if index == header:
            continue
        title = headline_title(line) if line else None
        if title is not None:
            items.append(ParsedItem(kind="headline", title=title))
    return items
