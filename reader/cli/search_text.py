"""What `reader search` prints of a hit: a line with the title, and the body's matching
passage under it, the matches marked when the output is coloured."""

from __future__ import annotations

from collections.abc import Sequence

from reader.search.engine import SearchHit
from reader.text.clean import strip_controls

MARK_ON = "\x1b[1;4m"  # bold, underlined: readable on light and dark terminals alike
MARK_OFF = "\x1b[22;24m"


def marked(text: str, spans: Sequence[tuple[int, int]], *, colour: bool) -> str:
    """`text` with control characters stripped and, with `colour`, the spans marked.

    The spans index the original text, so each piece is cleaned on its own; a span
    that does not fit the text is ignored rather than trusted.
    """
    if not colour or not spans:
        return strip_controls(text)
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start < position or end > len(text) or start >= end:
            continue
        pieces += [strip_controls(text[position:start]), MARK_ON,
                   strip_controls(text[start:end]), MARK_OFF]  # fmt: skip
        position = end
    pieces.append(strip_controls(text[position:]))
    return "".join(pieces)


def hit_lines(hit: SearchHit, *, colour: bool) -> list[str]:
    source = hit.source if len(hit.source) <= 18 else hit.source[:17] + "…"
    head = f"{hit.id:>6} {hit.score:5.1f}  {strip_controls(source):<18}  "
    lines = [head + marked(hit.title, hit.title_spans, colour=colour)]
    if hit.snippet:
        lines.append(" " * 8 + marked(hit.snippet, hit.snippet_spans, colour=colour))
    return lines
