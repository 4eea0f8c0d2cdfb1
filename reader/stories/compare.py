"""Side-by-side comparison: what each article of a story shares with the others.

1. Sentences. Bodies are split at `.`, `!`, `?` and `…` followed by a space and a capital,
   a digit or an opening quote, never after an abbreviation of either language (`M.`,
   `Mme`, `Dr.`, `St.`, `etc.`, `U.S.`), an initial (`J.-L. Marchetti`) or inside
   numbers (`3.5`); closing quotes and brackets stay with their sentence (`« C'est
   fini. » Il a ajouté` splits after `»`). Paragraphs always end a sentence.
2. Matching. Two sentences of different articles tell the same thing when either
   * their folded, stop-word-free text is nearly the same: rapidfuzz `token_set_ratio`
     at least `SAME_TEXT_RATIO` (the same wire sentence, lightly edited), or
   * their keys (stems, names, numbers, lexicon concepts: `reader.stories.features`)
     overlap enough: weighted Dice at least `SAME_FACTS_DICE`, with at least
     `MIN_SHARED_KEYS` keys in common. Names and numbers are language independent, so
     this also pairs a French sentence with its English counterpart, or
   * they share a number or date and a name (the anchors of a fact) and those keys make
     up `ANCHORED_CONTAINMENT` of the shorter sentence's weight: a rewrite keeps the
     facts and changes the rest, which Dice alone held against it. On the sample
     library's 15 articles, of the 516 sentences compared with another article of their
     event 33 found a match there instead of 23; of the 4,832 compared across events, 6
     instead of 4 (two satellites' stories, two rugby matches).
   Thresholds measured on the synthetic corpus at 5k items (every pair of same-event
   articles; their bodies share template fact sentences and differ in random filler):
   same-language fact sentences reach a ratio of 100 for 74% of them, fillers peak at
   40-70 (76% below 80); across languages, 72% of fact sentences reach a Dice of 0.5
   (the others share fewer than three keys) against 5% of filler sentences.
3. Unique facts. Numbers (as written), names (capitalised sequences) and quotations
   (`« »`, `“ ”`, `" "`) of an article that no other compared article has: numbers
   and names are compared through their keys (`240 000` = `240,000`, `Kim Jong Un` =
   `Jong-un`), quotations by fuzzy ratio.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from rapidfuzz import fuzz

from reader.stories.features import name_keys, number_keys, text_keys
from reader.stories.lexicon import GENERIC_PLACES, MONTHS, STOP_WORDS
from reader.text.fold import fold_words

SAME_TEXT_RATIO: Final = 88.0
SAME_FACTS_DICE: Final = 0.5
ANCHORED_CONTAINMENT: Final = 0.4
MIN_SHARED_KEYS: Final = 3
MIN_SENTENCE_WORDS: Final = 3
QUOTE_RATIO: Final = 80.0
MAX_ARTICLES: Final = 8

_ABBREVIATIONS: Final = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "dr",
        "drs",
        "pr",
        "me",
        "mgr",
        "st",
        "ste",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "rep",
        "sen",
        "rev",
        "vs",
        "etc",
        "cf",
        "ex",
        "p",
        "pp",
        "no",
        "nos",
        "vol",
        "art",
        "al",
        "ibid",
        "env",
        "approx",
        "av",
        "bd",
        "jan",
        "feb",
        "fev",
        "mar",
        "apr",
        "avr",
        "jun",
        "jul",
        "aug",
        "aou",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
    ]
)
_END = re.compile(r"[.!?…]+(?:[\s\u00a0\u202f]?[»”\"’')\]])*(?=\s+[«“\"'(\[]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_QUOTE = re.compile(r"«\s*([^«»]{8,}?)\s*»|“([^“”]{8,}?)”|\"([^\"]{8,}?)\"")
_NAME = re.compile(
    r"(?<![\w’'])([A-ZÀ-ÖØ-Þ][\w’'\-]*(?:\s+(?:de|du|des|la|le|van|von|da|di|bin|al|el)?"
    r"\s*[A-ZÀ-ÖØ-Þ][\w’'\-]*)*)"
)
_DAY_ABBREVIATIONS: Final = frozenset(
    [
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
        *("lun", "mer", "jeu", "ven", "sam", "dim"),
    ]
)
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-zà-öø-ÿ][\w’'\-]*")
_NUMBER_TEXT = re.compile(
    r"(?<![\w.,])[€$£]?\d(?:[\d.,]|[ \u00a0\u202f](?=\d{3}\b))*(?:\s?(?:%|(?:bn|m|k|millions?|"
    r"milliards?|billions?)\b))?"
)


# --------------------------------------------------------------------------- sentences
def split_sentences(text: str) -> list[str]:
    """Sentences of a text (see the module docstring); paragraphs end sentences."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for match in _END.finditer(paragraph):
            end = match.end()
            if _is_abbreviation(paragraph, match.start()):
                continue
            piece = paragraph[start:end].strip()
            if piece:
                sentences.append(piece)
            start = end
        rest = paragraph[start:].strip()
        if rest:
            sentences.append(rest)
    return sentences


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the punctuation at `dot` closes an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] in ".-"):
        word_start -= 1
    word = text[word_start:dot]
    bare = word.replace(".", "").replace("-", "")
    if not bare or (word_start > 0 and text[word_start - 1].isdigit()):
        return False  # "€12m." ends a sentence
    if len(bare) == 1 and bare.isupper():
        return True  # an initial: "J. Smith", "J.-L. Marchetti"
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return True  # U.S., e.g.
    return bare.casefold() in _ABBREVIATIONS


# --------------------------------------------------------------------------- matching
@dataclass(frozen=True, slots=True)
class SentenceKeys:
    """A sentence with what matching compares: its folded content words and keys."""

    text: str
    folded: str
    keys: frozenset[str]
    names: frozenset[str]


def content_words(text: str) -> str:
    """Folded words without stop words: what fuzzy ratios compare."""
    return " ".join(word for word in fold_words(text) if word not in STOP_WORDS)


def sentence_keys(sentence: str) -> SentenceKeys:
    keys, names = text_keys(sentence)
    return SentenceKeys(sentence, content_words(sentence), frozenset(keys), frozenset(names))


def _key_weight(key: str, names: frozenset[str]) -> float:
    if key[0] in "#@" or key in names:
        return 2.0
    if key[0] == "~":
        return 0.5
    return 1.0


def sentence_match(left: str, right: str) -> bool:
    """Whether two sentences tell the same thing (see the module docstring); with many
    comparisons, build each side's `sentence_keys` once and call `keys_match`."""
    return keys_match(sentence_keys(left), sentence_keys(right))


def keys_match(left: SentenceKeys, right: SentenceKeys) -> bool:
    long_enough = min(len(left.folded.split()), len(right.folded.split())) >= MIN_SENTENCE_WORDS
    if long_enough and fuzz.token_set_ratio(left.folded, right.folded) >= SAME_TEXT_RATIO:
        return True
    common = left.keys & right.keys
    if len(common) < MIN_SHARED_KEYS:
        return False
    names = left.names | right.names
    shared = sum(_key_weight(key, names) for key in common)
    left_total = sum(_key_weight(key, names) for key in left.keys)
    right_total = sum(_key_weight(key, names) for key in right.keys)
    if 2 * shared / (left_total + right_total) >= SAME_FACTS_DICE:
        return True
    # A rewritten sentence keeps its facts and changes the rest: one shared number or
    # date with one shared name is the same fact ("gusts of 187km/h at the Pointe du
    # Raz", "la rafale ... à la pointe du Raz, à 187 km/h"), as long as the shorter
    # sentence is mostly made of what both say.
    anchored = any(key[0] in "#@" for key in common) and any(key in names for key in common)
    return anchored and shared / min(left_total, right_total) >= ANCHORED_CONTAINMENT


# --------------------------------------------------------------------------- comparison
@dataclass(frozen=True, slots=True)
class CompareInput:
    """One article to compare."""

    id: int
    title: str
    text: str
    source: str = ""
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class ComparedSentence:
    """A sentence of an article and the other articles that say the same."""

    index: int
    text: str
    shared_with: tuple[int, ...]

    @property
    def shared(self) -> bool:
        return bool(self.shared_with)


@dataclass(slots=True)
class ComparedArticle:
    """One column of the comparison."""

    id: int
    title: str
    source: str
    published: datetime | None
    sentences: list[ComparedSentence] = field(default_factory=list)
    unique_numbers: list[str] = field(default_factory=list)
    unique_names: list[str] = field(default_factory=list)
    unique_quotes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `reader compare --json` for one article."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "shared": [
                {"index": s.index, "text": s.text, "with": list(s.shared_with)}
                for s in self.sentences
                if s.shared
            ],
            "unique": [{"index": s.index, "text": s.text} for s in self.sentences if not s.shared],
            "unique_numbers": self.unique_numbers,
            "unique_names": self.unique_names,
            "unique_quotes": self.unique_quotes,
        }


def _numbers(text: str) -> list[tuple[str, str]]:
    """(number as written, its key) pairs of a text."""
    out: list[tuple[str, str]] = []
    for match in _NUMBER_TEXT.finditer(text):
        written = match.group().rstrip(" .,")
        keys = number_keys(written)
        if keys and written:
            out.append((written, keys[0]))
    return out


def _names(text: str, common: frozenset[str] = frozenset()) -> list[tuple[str, frozenset[str]]]:
    """(name as written, its keys) pairs: capitalised sequences that name someone or
    somewhere. Leading articles and determiners go ("The European", "La CFDT"), and a
    single word is no name when it opens its sentence or a quotation, is a month, a
    day, a stop word or a broad region ("Europe", "Nord"), or is a word the compared
    texts also write in lower case (`common`: "Groupe", "Projet", "Pays")."""
    out: list[tuple[str, frozenset[str]]] = []
    for sentence in split_sentences(text):
        for match in _NAME.finditer(sentence):
            words = match.group().split()
            while words and fold_words(words[0])[:1] and fold_words(words[0])[0] in STOP_WORDS:
                words.pop(0)
            if not words:
                continue
            written = " ".join(words)
            if len(words) == 1:
                folded = fold_words(written)
                opens = not sentence[: match.start()].strip(" «“\"'‘(—–-")
                if opens or not folded or _not_a_name(folded, common):
                    continue
            keys = name_keys(written)
            if keys:
                out.append((written, keys))
    return out


def _not_a_name(folded: list[str], common: frozenset[str]) -> bool:
    return any(
        word in STOP_WORDS
        or word in MONTHS
        or word in _DAY_ABBREVIATIONS
        or word in GENERIC_PLACES
        or word in common
        for word in folded
    )


def lower_case_words(texts: Sequence[str]) -> frozenset[str]:
    """Folded words that the texts write in lower case somewhere: common nouns."""
    found: set[str] = set()
    for text in texts:
        for word in _LOWER_WORD.findall(text):
            found.update(fold_words(word))
    return frozenset(found)


def _quotes(text: str) -> list[str]:
    out: list[str] = []
    for match in _QUOTE.finditer(text):
        quote = next(group for group in match.groups() if group)
        quote = quote.strip(" ,;:")
        if len(quote.split()) >= MIN_SENTENCE_WORDS:
            out.append(quote)
    return out


SpanFinder = Callable[[str], list[tuple[int, int]]]


def fact_finder(article: ComparedArticle) -> SpanFinder:
    """Where the article's unique numbers, names and quotations occur in a text, as
    [start, end) spans: whole words and numbers only ("18" is not marked inside "187" or
    "18,5", "Quimper" not inside "Quimperlé"), the longest phrase first."""
    phrases = sorted(
        {*article.unique_quotes, *article.unique_names, *article.unique_numbers} - {""},
        key=len,
        reverse=True,
    )
    if not phrases:
        return lambda text: []
    alternatives = "|".join(re.escape(phrase) for phrase in phrases)
    pattern = re.compile(rf"(?<![\w.,])(?:{alternatives})(?![\w]|[.,]\d)")
    return lambda text: [match.span() for match in pattern.finditer(text)]


def _unique_in_order(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


def compare(articles: Sequence[CompareInput]) -> list[ComparedArticle]:
    """Compare 2 to `MAX_ARTICLES` articles sentence by sentence (module docstring)."""
    if not 2 <= len(articles) <= MAX_ARTICLES:
        raise ValueError(f"compare takes 2 to {MAX_ARTICLES} articles, not {len(articles)}")
    split = [[sentence_keys(s) for s in split_sentences(a.text)] for a in articles]
    results: list[ComparedArticle] = []
    all_text = [a.title + "\n" + a.text for a in articles]
    number_keys_of = [{key for _, key in _numbers(text)} for text in all_text]
    common = lower_case_words(all_text)
    names_of = [_names(text, common) for text in all_text]
    name_keys_of = [set().union(*(keys for _, keys in names)) for names in names_of]
    quotes_of = [_quotes(a.text) for a in articles]
    for index, article in enumerate(articles):
        compared = ComparedArticle(article.id, article.title, article.source, article.published)
        for position, sentence in enumerate(split[index]):
            partners = tuple(
                other.id
                for other_index, other in enumerate(articles)
                if other_index != index
                and any(keys_match(sentence, candidate) for candidate in split[other_index])
            )
            compared.sentences.append(ComparedSentence(position, sentence.text, partners))
        others = [i for i in range(len(articles)) if i != index]
        other_numbers = set().union(*(number_keys_of[i] for i in others))
        other_names = set().union(*(name_keys_of[i] for i in others))
        compared.unique_numbers = _unique_in_order(
            [written for written, key in _numbers(all_text[index]) if key not in other_numbers]
        )
        compared.unique_names = _unique_in_order(
            [written for written, keys in names_of[index] if keys.isdisjoint(other_names)]
        )
        other_text = [s.folded for i in others for s in split[i]]
        compared.unique_quotes = _unique_in_order(
            [
                quote
                for quote in quotes_of[index]
                if not any(
                    fuzz.partial_ratio(content_words(quote), text) >= QUOTE_RATIO
                    for text in other_text
                )
            ]
        )
        results.append(compared)
    return results
