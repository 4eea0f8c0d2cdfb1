"""Plain-text rendering of a comparison: articles in columns that fit the terminal.

Each sentence starts with a marker: `=2,3` when articles 2 and 3 say the same, `+` when
only this article says it. Numbers, names and quotations found in no other article are
wrapped in `{…}`, or shown in bold yellow instead when colour is on (a terminal). Too
many articles for the width are laid out in bands of columns, one band under another,
so no column is narrower than `MIN_COLUMN`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Final

from reader.stories.compare import ComparedArticle, SpanFinder, fact_finder
from reader.text.clean import strip_controls

MIN_COLUMN: Final = 28
GUTTER: Final = " │ "
_OPEN, _CLOSE = "\ue000", "\ue001"
_ANSI_ON, _ANSI_OFF = "\x1b[1;33m", "\x1b[0m"


def _highlight(text: str, find: SpanFinder) -> str:
    """Wrap the article's unique numbers, names and quotations in markers."""
    out: list[str] = []
    position = 0
    for start, end in find(text):
        out += [text[position:start], _OPEN, text[start:end], _CLOSE]
        position = end
    out.append(text[position:])
    return "".join(out)


def _balance(lines: list[str]) -> list[str]:
    """Close markers at line ends and reopen them on the next line, so colour never leaks."""
    out: list[str] = []
    inside = False
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        text = line[:indent] + (_OPEN if inside else "") + line[indent:]
        opens, closes = text.count(_OPEN), text.count(_CLOSE)
        inside = opens > closes
        out.append(text + (_CLOSE if inside else ""))
    return out


def _column(
    article: ComparedArticle, number: int, width: int, numbers: dict[int, int]
) -> list[str]:
    # The output boundary: whatever the library holds, no control sequence is printed
    # (only the colour this module adds itself).
    source, title = strip_controls(article.source or ""), strip_controls(article.title)
    head = f"[{number}] {source}" if source else f"[{number}]"
    lines = textwrap.wrap(head, width) + textwrap.wrap(title, width)
    lines.append("─" * width)
    find = fact_finder(article)
    for sentence in article.sentences:
        if sentence.shared:
            marker = "=" + ",".join(str(numbers[other]) for other in sentence.shared_with)
        else:
            marker = "+"
        body = strip_controls(_highlight(sentence.text, find))
        wrapped = textwrap.wrap(
            f"{marker} {body}", max(8, width - 2), subsequent_indent="  ", break_on_hyphens=False
        )
        lines.extend(_balance(wrapped))
    return lines


def _visible(line: str, colour: bool) -> str:
    if colour:
        return line.replace(_OPEN, _ANSI_ON).replace(_CLOSE, _ANSI_OFF)
    return line.replace(_OPEN, "{").replace(_CLOSE, "}")


def _length(line: str, colour: bool) -> int:
    """Width on screen: markers take one column each in plain text, none in colour."""
    if colour:
        return len(line) - line.count(_OPEN) - line.count(_CLOSE)
    return len(line)


def render(
    articles: Sequence[ComparedArticle],
    *,
    width: int,
    colour: bool = False,
    header: Sequence[str] = (),
) -> str:
    """The comparison as text, `width` columns wide (see the module docstring)."""
    numbers = {article.id: index + 1 for index, article in enumerate(articles)}
    per_band = max(1, min(len(articles), (width + len(GUTTER)) // (MIN_COLUMN + len(GUTTER))))
    column_width = max(MIN_COLUMN // 2, (width - len(GUTTER) * (per_band - 1)) // per_band)
    out: list[str] = [strip_controls(line) for line in header]
    legend = (
        "=N: also in article N   +: only in this article   "
        + ("highlighted" if colour else "{…}")
        + ": number, name or quotation no other article has"
    )
    out.extend(textwrap.wrap(legend, width))
    for start in range(0, len(articles), per_band):
        band = list(articles[start : start + per_band])
        columns = [
            _column(article, start + offset + 1, column_width, numbers)
            for offset, article in enumerate(band)
        ]
        height = max(len(column) for column in columns)
        out.append("")
        for row in range(height):
            cells: list[str] = []
            for index, column in enumerate(columns):
                cell = column[row] if row < len(column) else ""
                pad = column_width - _length(cell, colour) if index < len(columns) - 1 else 0
                cells.append(_visible(cell, colour) + " " * max(0, pad))
            out.append(GUTTER.join(cells).rstrip())
    return "\n".join(out)
