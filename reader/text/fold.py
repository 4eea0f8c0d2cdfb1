"""Folding text for search: case, accents, ligatures and punctuation all stop mattering.

`fold_words` is the fast path used when indexing: two C-level passes over Latin text
(an ASCII encode whose error handler folds each run of other characters from a cache,
then a translate table), the general path (NFKD, a regex for marks, casefold, a
translate table) for other scripts. `Folded` gives the same
words with the span of original text each came from, so a match found in folded text is
shown in ORIGINAL coordinates (`œuvre` is five characters, `oeuvre` six).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

# Letters NFKD does not decompose but readers type as two ASCII letters (or one).
_SPECIAL = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
# Combining marks of the Latin, Greek, Cyrillic, Hebrew and Arabic scripts: accents and
# vowel points. An explicit class, because `re` has no \p{Mn} and building one from the
# whole Unicode table would cost a third of a second at start-up.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
# A word is a run of letters and digits: hyphens, apostrophes, underscores and all
# punctuation separate words ("Jong-un" is "jong un", "l’œuvre" is "l oeuvre").
# Complete over ASCII (lowercasing too): a miss in a translate table costs a KeyError.
_ASCII_TABLE = str.maketrans(
    {chr(code): chr(code).lower() if chr(code).isalnum() else " " for code in range(128)}
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_NON_WORD = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]")


@functools.lru_cache(maxsize=8192)
def _fold_non_ascii(char: str) -> str:
    folded = _SPECIAL.get(char.casefold(), char.casefold())
    return folded if folded.isalnum() else " "


def _replace_non_ascii(match: re.Match[str]) -> str:
    return _fold_non_ascii(match.group())


@functools.lru_cache(maxsize=8192)
def _fold_run(run: str) -> str:
    """Non-ASCII characters folded one by one: NFKD is per character (but for the order
    of combining marks, which are all dropped or made spaces), so this is `_fold_text`."""
    return "".join(_fold_text(char) for char in run)


def _fold_encode_error(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return _fold_run(error.object[error.start : error.end]), error.end


codecs.register_error("reader-search-fold", _fold_encode_error)


def _fold(text: str) -> str:
    """NFKD, marks dropped, casefolded, letters spelled out, separators made spaces.

    Latin text (nearly all of it) takes one pass: encoding to ASCII copies ASCII runs at
    C speed and calls the error handler once per run of other characters, which folds
    the run from a cache. A run that folds to letters of another script makes the
    encoder fail, and the text takes the general path instead. Half the cost of the
    general path on the articles of the synthetic corpus, and it runs on every title and
    body at import.
    """
    if text.isascii():
        return text.translate(_ASCII_TABLE)
    try:
        return text.encode("ascii", "reader-search-fold").decode("ascii").translate(_ASCII_TABLE)
    except UnicodeEncodeError:
        return _fold_text(text)


def _fold_text(text: str) -> str:
    """The general path of `_fold`: each step is one C-level pass over the whole string,
    skipped once the text is ASCII."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        if not text.isascii():
            text = _MARKS.sub("", text)
            if not text.isascii():
                text = _NON_ASCII.sub(_replace_non_ascii, text)
                if not text.isascii():  # letters of other scripts remain
                    return _ASCII_NON_WORD.sub(" ", text.lower())
    return text.translate(_ASCII_TABLE)


def fold_aligned(text: str) -> str:
    """Folded text with separators as spaces, NOT collapsed: position i of the result is
    position i of `text` except after the rare letters that fold to two (œ, ß, ﬁ)."""
    return _fold(text)


def fold(text: str) -> str:
    """Folded text: words separated by single spaces."""
    return " ".join(_fold(text).split())


def fold_words(text: str) -> list[str]:
    """The folded words of `text`: what the index stores and what queries look up."""
    return _fold(text).split()


@functools.lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded as `fold_words` folds it, with separators as spaces."""
    return _fold(char)


_FOLDED_WORD = re.compile(r"[^ ]+")


class Folded:
    """Text folded as `fold_words` folds it, able to map a word back to the original.

    Building one costs a Python step per non-ASCII character only (ASCII runs fold
    one-to-one); word positions are computed on the first `span` call, so text in which
    nothing matched never pays for them.
    """

    __slots__ = ("_folded", "_origins", "_starts", "words")

    def __init__(self, text: str) -> None:
        pieces: list[str] = []
        origins: list[int] = []  # original index of each folded character
        position = 0
        for match in _NON_ASCII.finditer(text):
            index = match.start()
            if index > position:
                pieces.append(text[position:index].translate(_ASCII_TABLE))
                origins.extend(range(position, index))
            folded = fold_char(match.group())
            pieces.append(folded)
            origins.extend([index] * len(folded))
            position = index + 1
        if position < len(text):
            pieces.append(text[position:].translate(_ASCII_TABLE))
            origins.extend(range(position, len(text)))
        self._folded = "".join(pieces)
        self._origins = origins
        self._starts: list[int] | None = None
        self.words: list[str] = self._folded.split()
        """The folded words, as `fold_words` gives them."""

    def span(self, index: int, prefix: int = 0) -> tuple[int, int]:
        """Original [start, end) of word `index`, or of its first `prefix` folded letters."""
        if self._starts is None:
            self._starts = [match.start() for match in _FOLDED_WORD.finditer(self._folded)]
        start = self._starts[index]
        length = len(self.words[index])
        if 0 < prefix < length:
            length = prefix
        return self._origins[start], self._origins[start + length - 1] + 1
