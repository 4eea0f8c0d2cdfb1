"""Stem keys: two words that share a key are forms of one another (plural, feminine).

Every folded word gets up to two keys:

* English: Snowball (Porter2) through PyStemmer, a C extension (0.5 µs a word; the pure
  Python `snowballstemmer` costs ten times that plus a slow import).
* French: a light plural/feminine stemmer of our own, in the spirit of Savoy's light
  French stemmer. Snowball's French rules lean on accents (`dernière` and `dernier`
  meet, `derniere` and `dernier` do not), and the index only holds folded words, so on
  folded text Snowball French would split the very pairs we want joined.

Keys are computed when a word first enters the vocabulary, stored in `search_stems`, and
compared at query time: `joueuses` finds `joueur`, `élections` finds `election`.
"""

from __future__ import annotations

import functools

import Stemmer

_ENGLISH = Stemmer.Stemmer("english")
MIN_STEM_LENGTH = 3

# Feminine endings and their masculine form, longest first; applied once, after the
# plural is gone (joueuse → joueur, sportive → sportif, première → premier).
_FEMININE = (
    ("euse", "eur"),
    ("rice", "eur"),
    ("enne", "en"),
    ("elle", "el"),
    ("ette", "et"),
    ("iere", "ier"),
    ("ive", "if"),
)


def light_french(word: str) -> str:
    """Folded French word without its plural and feminine marks (chevaux → cheval)."""
    if len(word) <= MIN_STEM_LENGTH:
        return word
    if word.endswith("eaux"):
        word = word[:-1]  # châteaux → château
    elif word.endswith("aux") and len(word) >= 5:
        word = word[:-3] + "al"  # chevaux → cheval, généraux → général
    elif word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    if len(word) >= 5:
        for ending, masculine in _FEMININE:
            if word.endswith(ending):
                return word[: -len(ending)] + masculine
    if len(word) >= 4 and word.endswith("e"):
        word = word[:-1]  # élue → élu, grande → grand
    return word


@functools.lru_cache(maxsize=65536)
def stem_keys(word: str) -> tuple[str, ...]:
    """The keys of a folded word: empty for numbers and very short words."""
    if len(word) < MIN_STEM_LENGTH or not word.isalpha():
        return ()
    french = light_french(word)
    english = _ENGLISH.stemWord(word)
    return (french,) if french == english else (french, english)
