"""What became of each line of a plain-text input: the conservation check and `--explain`.

Parsers turn lines into items in file order, so one walk over the lines and the items'
pieces (titles, then body blocks) side by side tells which item each line went into,
without the parsers having to keep records: a line belongs to the first piece, near the
current one, that contains it (a wrapped line is part of its joined paragraph). A line
found in no piece was dropped, and the parser's classifier says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader.model import ParsedItem

_ALNUM = re.compile(r"[^\W_]")

_WINDOW = 12
"""How many pieces ahead a line may land: pieces with no line of their own are skipped."""
_MARKER_SLACK = 12
"""A title may be its line without a bullet, list number or clock time this long."""


@dataclass(frozen=True, slots=True)
class LineNote:
    """One non-blank input line and what it became."""

    number: int
    """1-based line number in the decoded text."""
    text: str
    verdict: str
    """"headline 3", "article 1 paragraph", "dropped: navigation link", "separator"…"""
    dropped: bool = False
    """Counted as page furniture: content-looking text that went into no item."""


@dataclass(slots=True)
class LineAccount:
    """Totals over a file's lines, and the notes when they were asked for."""

    lines: int = 0
    """Non-blank lines."""
    kept: int = 0
    dropped: int = 0
    """Lines of text dropped as page furniture (separator lines are not counted)."""
    metadata: int = 0
    """By-lines and date lines read into an item's author and date."""
    notes: list[LineNote] = field(default_factory=list)


Reason = Callable[[str], tuple[str, bool]]
"""Why a line went into no item: (verdict, counts as dropped furniture)."""


Piece = tuple[int, str, str]
"""(item number, part: "title" / "heading" / "paragraph", text)."""


def _pieces(items: Sequence[ParsedItem]) -> list[Piece]:
    pieces: list[Piece] = []
    for number, item in enumerate(items, 1):
        if not item.title_derived:
            pieces.append((number, "title", item.title))
        for block in item.blocks:
            pieces.append((number, "heading" if block.heading else "paragraph", block.text))
    return pieces


def _label(items: Sequence[ParsedItem], piece: Piece) -> str:
    """ "headline 3", "article 1 title", "article 1 paragraph"."""
    number, part, _ = piece
    kind = items[number - 1].kind
    return (
        f"{kind} {number}" if kind == "headline" and part == "title" else f"{kind} {number} {part}"
    )


def _contains(piece: str, line: str) -> bool:
    if line in piece:
        return True
    # A line cut at a hyphen that was joined back ("immigra-" + "tion").
    if len(line) > 2 and line.endswith("-") and line[:-1] in piece:
        return True
    # A title without its bullet, number or time ("07h12 Grève …" gave "Grève …").
    return len(line) - len(piece) <= _MARKER_SLACK and len(piece) >= 3 and piece in line


def _find(pieces: Sequence[Piece], position: int, line: str) -> int | None:
    """The piece a line went into: one equal to it first (a headline), else the first that
    contains it (a wrapped line of a paragraph), near `position`."""
    window = range(position, min(position + _WINDOW, len(pieces)))
    for index in window:
        if pieces[index][2] == line:
            return index
    for index in window:
        if _contains(pieces[index][2], line):
            return index
    return None


def account_lines(
    lines: Sequence[str],
    items: Sequence[ParsedItem],
    reason: Reason,
    *,
    keep_notes: bool = False,
) -> LineAccount:
    """Follow every non-blank line into the items, or to why it was dropped.

    `lines` are the cleaned lines of the input, one per input line (so numbers match the
    file); `reason` explains a line that went into no item.
    """
    pieces = _pieces(items)
    account = LineAccount()
    position = 0
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        account.lines += 1
        found = _find(pieces, position, line) if _ALNUM.search(line) else None
        verdict = None
        if found is not None:
            verdict = _label(items, pieces[found]) if keep_notes else "kept"
            position = found
        dropped = False
        if verdict is None:
            verdict, dropped = reason(line)
            if dropped:
                account.dropped += 1
            elif verdict.startswith("metadata"):
                account.metadata += 1
        else:
            account.kept += 1
        if keep_notes:
            account.notes.append(LineNote(number, line, verdict, dropped))
    return account
