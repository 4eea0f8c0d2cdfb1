"""Titles made up from an item's text, for items that come without one.

One rule for every importer (feeds, HTML pages, text dumps, backups): the first sentence of
the first paragraph, without its closing full stop, cut at a word near `TITLE_MAX_LEN`
with an ellipsis, never on a dangling small word ("…des alliances et…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.model import Block

__all__ = ["TITLE_MAX_LEN", "derive_title", "title_from_blocks"]

TITLE_MAX_LEN = 100
"""Derived titles are cut to this many characters, ellipsis included."""


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and edit)."""
    return frozenset(text.split())


_CLOSERS = r"\"»”’')\]"
_SENTENCE_END = re.compile(rf"[.!?…]+[{_CLOSERS}]*\s+")
_ABBREVIATIONS = _words(
    "m mm mme mmes mlle mr mrs ms dr pr prof me st ste sr jr etc cf vs no n° p pp av bd "
    "gen gén col lt sgt gov sen rep inc ltd co corp"
)
_TRAILING_JUNK = " ,;:–—-«(\"'“‘/"
_DANGLING = _words(
    "et ou de du des d' la le les l' un une à au aux en par pour sur dans avec sans que qui "
    "ne se sa son ses leur leurs ce cette and or of the a an to in on at by for with from that "
    "which is its his her their"
)


def title_from_blocks(blocks: Sequence[Block]) -> str:
    """A title from the first paragraph of a body (its first block if all are headings)."""
    paragraphs = [block.text for block in blocks if not block.heading] or [
        block.text for block in blocks
    ]
    return derive_title(paragraphs[0]) if paragraphs else ""


def derive_title(lead: str, limit: int = TITLE_MAX_LEN) -> str:
    """A title from an article's lead: its first sentence, cut cleanly near ``limit``."""
    sentence = _first_sentence(lead[: limit * 4]).strip()
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1].rstrip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    words = cut.split(" ")
    while len(words) > 3 and words[-1].lower().strip(_TRAILING_JUNK) in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(_TRAILING_JUNK) + "…"


def _first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end() : match.end() + 1]
        # A sentence goes on after "…" or "!" when the next word is in lower case.
        if following and not (following.isupper() or following.isdigit() or following in '«"“('):
            continue
        word = text[: match.start()].rsplit(None, 1)[-1] if text[: match.start()].strip() else ""
        if match.group().startswith(".") and _is_abbreviation(word):
            continue
        return text[: match.end()]
    return text


def _is_abbreviation(word: str) -> bool:
    """ "M." or "Dr." or an initial ("J.") ends no sentence."""
    bare = word.strip('(«"“').lower()
    return len(bare) == 1 or bare in _ABBREVIATIONS or "." in bare
