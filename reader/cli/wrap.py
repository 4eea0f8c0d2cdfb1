"""Wrapping text for the terminal on words, the way French and English are set.

`textwrap` breaks after hyphens ("Jong-" / "un") and at any ASCII space, so a French
« or » or the space before : ; ! ? could start or end a line on its own. Those spaces
become no-break spaces before wrapping, and hyphens never break.
"""

from __future__ import annotations

import re
import textwrap

_NO_BREAK = "\u00a0"
_AFTER_OPENING = re.compile(r"([«‹]) ")
_BEFORE_CLOSING = re.compile(r" ([»›:;!?])")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (longer words stand alone), never breaking
    inside a hyphenated word or between French punctuation and its word."""
    joined = _BEFORE_CLOSING.sub(_NO_BREAK + r"\1", _AFTER_OPENING.sub(r"\1" + _NO_BREAK, text))
    return textwrap.wrap(joined, width=width, break_on_hyphens=False, break_long_words=False)
