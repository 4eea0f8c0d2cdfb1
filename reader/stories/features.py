"""What an item says about its event: the keys story grouping compares.

An item (title, plus the lead of its body for articles) becomes a `Signature`: a tuple
of keys for the title, a tuple for the lead, which of them are names, and the facts
duplicate detection needs. Keys live in one namespace, so a name written in a title-case
English headline still meets the same name elsewhere:

* words: folded (case, accents), stop words dropped, and stemmed the same way in both
  languages (`stem`: the light plural/feminine stemmer of `reader.text.stem` plus
  `-ing`/`-ed`), because a name must give one key in a French and an English item;
  words of the small bilingual lexicon become `~concept` keys (`tempête` and `storm`
  are both `~storm`);
* names: capitalised words inside a sentence, acronyms, and a sentence's first word
  when a capitalised word follows it or it is capitalised elsewhere in the item (so
  "Thousands evacuated" gives no name but "Marchand Digital shares" gives two); a
  colon does not start a sentence ("Affaire Dorval: Léa Marchand"), a title in Title
  Case trusts no capital. Hyphenated and spaced forms give the same tokens
  (`Kim Jong-un`, `Kim Jong Un` → `kim`, `jong`), a lone surname matches the full name
  on its token, `N'Diaye` stays one word, French spellings of foreign names and
  capitals standing for governments are aliased (`Poutine` → `putin`, `Moscou` →
  `russia`). Names are flagged so that scoring can weigh them up; the key itself is
  the plain stem, so a name in a Title Case headline still meets it elsewhere;
* numbers: `#` + a canonical value. Thousands separators of both languages, decimal
  commas and scale words are normalised (`240,000`, `240 000` and `240.000` are one
  number, `3,4 milliards` and `3.4bn` one amount, `74,6 %` and `74.6%` one share);
  scores are kept whole (`#3-1`); a day and month is a date key (`@1-20`), language
  independent (`20 janvier`, `January 20`).

Everything is deterministic and independent of Python's hash seed (signatures are
stored in the library and compared across runs).
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, Literal

from reader.stories.lexicon import (
    CONCEPTS,
    MONTHS,
    NAME_ALIASES,
    NUMBER_SCALES,
    PHRASE_ALIASES,
    STOP_WORDS,
)
from reader.text.fold import fold_words
from reader.text.stem import light_french

Lang = Literal["fr", "en", ""]

LEAD_CHARS: Final = 700
"""How much of an article's body counts as its lead (about 110 words). Real articles
often open on a scene and name their actors in the second paragraph: with 400 an
article whose opening speaks of "Russia" and "North Korea" never met its story's
"Putin" and "Kim" (pair score 0.18 against 0.28 with 700). 400 and 700 give the same
F1 on the labelled set (0.901) and the synthetic one (0.937 / 0.938 at 5k items,
0.826 / 0.825 at 20k); 700 costs 14% more grouping time."""

SKETCH_SIZE: Final = 24
"""Bottom-k sketch size for near-duplicate bodies (Jaccard of word 4-grams)."""

SHINGLE_WORDS: Final = 4
MAX_SHINGLE_CHARS: Final = 3_000

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# A word of the original text: letters/digits with inner hyphens and apostrophes.
_WORD = re.compile(r"[^\W_](?:[\w’'\-‐]*[^\W_])?")
_ELISIONS: Final = frozenset(
    ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"]
)
_SENTENCE_MARKS: Final = frozenset('.!?;«»“”"([|')
_DASHES: Final = frozenset("—–-‐")
_SCORE = re.compile(r"(?<![\w.,])(\d{1,3}) ?[-–] ?(\d{1,3})(?!\d|[.,]\d|\s?%|[^\W\d_])")
_UNITS = "|".join(sorted((re.escape(unit) for unit in NUMBER_SCALES), key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?!\d)|\d+)(?:[.,](\d+))?(?!\d)"
    rf"(?:\s?(%|pour ?cent\b|per ?cent\b|percent\b|(?:{_UNITS})\b))?",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s*(?:er|st|nd|rd|th)?\s*([^\W\d_]+)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\.?\s*$")
_PHRASES: Final = {tuple(phrase.split()): alias for phrase, alias in PHRASE_ALIASES}
_MAX_PHRASE: Final = max(len(phrase) for phrase in _PHRASES)
_PHRASE_STARTS: Final = frozenset(phrase[0] for phrase in _PHRASES)
_FRENCH_HINTS: Final = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "une",
        "un",
        "au",
        "aux",
        "pour",
        "sur",
        "dans",
        "avec",
        "par",
        "qui",
        "que",
        "ne",
        "pas",
        "plus",
        "son",
        "sa",
        "ses",
        "ce",
        "cette",
        "ont",
        "a",
        "apres",
        "selon",
        "face",
        "contre",
    ]
)
_ENGLISH_HINTS: Final = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "is",
        "are",
        "was",
        "were",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "after",
        "over",
        "his",
        "her",
        "its",
        "their",
        "has",
        "have",
        "will",
        "into",
        "against",
    ]
)


@dataclass(frozen=True, slots=True)
class StoryInput:
    """What grouping reads of an item: all of it comes from the items table."""

    id: int
    title: str
    text: str = ""
    source: str = ""
    kind: str = "headline"
    published: datetime | None = None
    url: str | None = None
    guid: str | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    """The comparable content of one item; see the module docstring."""

    day: float | None
    source: str
    title_keys: tuple[str, ...]
    lead_keys: tuple[str, ...]
    names: frozenset[str]
    pairs: frozenset[str] = frozenset()
    """Adjacent name keys ("jong|kim"): one entity, counted once as evidence."""
    lang: Lang = ""
    title_norm: str = ""
    url_key: str = ""
    guid: str = ""
    sketch: tuple[int, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """Title keys then lead keys (no key twice)."""
        return self.title_keys + self.lead_keys

    def to_json(self) -> dict[str, object]:
        """A compact JSON-able form (what the library stores per item)."""
        data: dict[str, object] = {"t": list(self.title_keys)}
        if self.day is not None:
            data["d"] = round(self.day, 5)
        if self.source:
            data["s"] = self.source
        if self.lead_keys:
            data["l"] = list(self.lead_keys)
        if self.names:
            data["n"] = sorted(self.names)
        if self.pairs:
            data["p"] = sorted(self.pairs)
        if self.lang:
            data["g"] = self.lang
        if self.title_norm:
            data["h"] = self.title_norm
        if self.url_key:
            data["u"] = self.url_key
        if self.guid:
            data["i"] = self.guid
        if self.sketch:
            data["k"] = list(self.sketch)
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Signature:
        def strings(name: str) -> tuple[str, ...]:
            value = data.get(name)
            return tuple(value) if isinstance(value, list) else ()

        day = data.get("d")
        sketch = data.get("k")
        lang = data.get("g")
        return cls(
            day=float(day) if isinstance(day, int | float) else None,
            source=str(data.get("s", "")),
            title_keys=strings("t"),
            lead_keys=strings("l"),
            names=frozenset(strings("n")),
            pairs=frozenset(strings("p")),
            lang="fr" if lang == "fr" else "en" if lang == "en" else "",
            title_norm=str(data.get("h", "")),
            url_key=str(data.get("u", "")),
            guid=str(data.get("i", "")),
            sketch=tuple(int(v) for v in sketch) if isinstance(sketch, list) else (),
        )


def day_number(moment: datetime | None) -> float | None:
    """Days since 1970 (UTC) as a float; None when the date is unknown."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH).total_seconds() / 86400.0


def _rounded_day(moment: datetime | None) -> float | None:
    """The day number as stored (5 decimals, about a second), so a signature read back
    from the library compares exactly like the one computed."""
    day = day_number(moment)
    return None if day is None else round(day, 5)


def detect_language(words: Sequence[str]) -> Lang:
    """French or English from function words among folded words; '' when unclear."""
    french = sum(word in _FRENCH_HINTS for word in words)
    english = sum(word in _ENGLISH_HINTS for word in words)
    if french > english:
        return "fr"
    if english > french:
        return "en"
    return ""


@functools.lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """One stem per folded word, the same whatever the language (names are stemmed too).

    Language-specific stemmers would give a name two keys (Porter2 turns `Rivebelle`
    into `rivebell`, French light stemming into `rivebel`), and a French and an English
    item must meet on names. So every word gets the light French plural/feminine
    stemmer of `reader.text.stem` plus two English endings (`-ing`, `-ed`): weak on
    English verbs, but consistent, and the lexicon covers the frequent ones.
    """
    if len(word) > 5 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) >= 7 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) >= 6 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    return light_french(word)


# --------------------------------------------------------------------------- numbers
def _number_value(whole: str, decimals: str | None) -> float:
    digits = re.sub(r"[ \u00a0\u202f.,]", "", whole)
    if decimals:
        return float(f"{digits}.{decimals}")
    return float(digits)


def _canonical(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def number_keys(text: str) -> list[str]:
    """Scores, dates, shares and amounts of a text as language-independent keys."""
    keys: list[str] = []
    taken: list[tuple[int, int]] = []
    for match in _SCORE.finditer(text):
        keys.append(f"#{int(match.group(1))}-{int(match.group(2))}")
        taken.append(match.span())
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in taken):
            continue
        whole, decimals, unit = match.group(1), match.group(2), match.group(3)
        value = _number_value(whole, decimals)
        if unit is None and decimals is None and value <= 31:
            # A day next to a month is a date: "20 janvier", "January 20".
            following = _NEXT_WORD.match(text, end)
            month = MONTHS.get(fold_words(following.group(1))[0]) if following else None
            if month is None:
                preceding = _PREVIOUS_WORD.search(text, 0, start)
                if preceding is not None:
                    folded = fold_words(preceding.group(1))
                    month = MONTHS.get(folded[0]) if folded else None
            if month is not None and value >= 1:
                keys.append(f"@{month}-{int(value)}")
                continue
        suffix = ""
        if unit is not None:
            unit_folded = unit.casefold().replace(" ", "")
            if unit_folded in ("%", "pourcent", "percent"):
                suffix = "%"
            elif unit_folded in NUMBER_SCALES:
                value *= NUMBER_SCALES[unit_folded]
        keys.append(f"#{_canonical(value)}{suffix}")
    return keys


# --------------------------------------------------------------------------- words
def _is_title_case(text: str) -> bool:
    """English headline style ("Storm Floods Lyon Homes"): capitals say nothing there.

    Only when every word but the stop words is capitalised, and there are at least four:
    a name-heavy title ("Oh Jae Won in Tokyo for talks") still has a lower-case word.
    """
    content = [
        word
        for word in _WORD.findall(text)
        if word[0].isalpha() and _fold_token(word)[0] not in STOP_WORDS
    ]
    return len(content) >= 4 and all(word[0].isupper() for word in content)


@functools.lru_cache(maxsize=131072)
def _fold_token(raw: str) -> list[str]:
    return fold_words(raw)


@functools.lru_cache(maxsize=262144)
def _token(raw: str) -> tuple[tuple[str, ...], bool, bool]:
    """Folded pieces of one word of the text, whether it is capitalised, an acronym.

    Cached: news vocabulary repeats, and this is the per-word work of every import.
    """
    pieces = _fold_token(raw)
    if len(pieces) > 1:
        if raw[:2] in ("N'", "N’") and raw[2:3].isupper():
            pieces = ["".join(pieces)]  # N'Diaye, N'Golo: part of the name
        elif pieces[0] in _ELISIONS and ("'" in raw or "’" in raw):
            # l'Italie, d'Erdogan, qu'il: the elided article is not part of the word.
            raw = raw[max(raw.find("'"), raw.find("’")) + 1 :]
            pieces = pieces[1:]
    if not raw or not raw[0].isalpha():
        return (), False, False
    acronym = len(raw) >= 2 and raw.isupper() and raw.isalpha()
    return tuple(piece for piece in pieces if not piece.isdigit()), raw[0].isupper(), acronym


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a quotation or a spaced-dash clause.

    A colon does not: after "Foot:" or "Affaire Epstein:" a capital is a name.
    """
    before = text[max(0, start - 4) : start].rstrip()
    if not before:
        return True
    last = before[-1]
    if last in _SENTENCE_MARKS:
        return True
    return last in _DASHES and (len(before) < 2 or before[-2] == " ")


def _capitalised_inside(text: str) -> set[str]:
    """Folded words written with a capital somewhere other than a sentence start."""
    found: set[str] = set()
    for match in _WORD.finditer(text):
        raw = match.group()
        if not raw[0].isupper():
            continue
        if not _opens_sentence(text, match.start()):
            found.update(_token(raw)[0])
    return found


def _words(
    text: str, *, trust_case: bool, known: set[str] | frozenset[str] = frozenset()
) -> list[tuple[str, bool]]:
    """Folded words of a text with their name flag (see the module docstring).

    A capitalised word at a sentence start is a name only when a capitalised word
    follows it ("Marchand Digital"), or it is capitalised elsewhere too (`known`):
    "Thousands evacuated" and "Foot: Kanté rejoint" start with ordinary words.
    """
    out: list[tuple[str, bool]] = []
    pending = -1  # index of a sentence-initial word waiting to see the next word
    previous_end = 0
    for match in _WORD.finditer(text):
        raw = match.group()
        start = match.start()
        if raw[0].isdigit():
            pending = -1
            continue  # numbers are read by number_keys
        pieces, capital, acronym = _token(raw)
        if not pieces:
            continue
        if pending >= 0:
            if capital and not text[previous_end:start].strip():
                piece = out[pending][0]
                out[pending] = (piece, piece not in STOP_WORDS and piece not in CONCEPTS)
            pending = -1
        previous_end = match.end()
        if not trust_case or not (capital or acronym):
            out.extend((piece, False) for piece in pieces)
            continue
        initial = _opens_sentence(text, start)
        for piece in pieces:
            if acronym:
                name = len(piece) >= 2
            elif piece in STOP_WORDS or piece in CONCEPTS:
                name = False  # "Storm Ciarán", "Northwind Insurance": a descriptor
            elif initial:
                name = piece in known
                if not name and len(pieces) == 1:
                    pending = len(out)
            else:
                name = True
            out.append((piece, name))
    if _PHRASE_STARTS.isdisjoint(word for word, _ in out):
        return out
    return _merge_phrases(out)


def _merge_phrases(words: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Multi-word names folded to one token (`etats unis` → `usa`)."""
    merged: list[tuple[str, bool]] = []
    index = 0
    while index < len(words):
        if words[index][0] in _PHRASE_STARTS:
            for size in range(_MAX_PHRASE, 1, -1):
                phrase = tuple(word for word, _ in words[index : index + size])
                alias = _PHRASES.get(phrase) if len(phrase) == size else None
                if alias is not None:
                    merged.append((alias, True))
                    index += size
                    break
            else:
                merged.append(words[index])
                index += 1
        else:
            merged.append(words[index])
            index += 1
    return merged


@functools.lru_cache(maxsize=262144)
def _word_key(folded: str, name: bool) -> str | None:
    """The key of a folded word: alias, concept or stem; None for stop words."""
    alias = NAME_ALIASES.get(folded)
    if alias is not None:
        return stem(alias)
    if name:
        return stem(folded) if len(folded) >= 2 else None
    if folded in STOP_WORDS or folded in MONTHS or len(folded) < 3:
        return None
    concept = CONCEPTS.get(folded)
    if concept is not None:
        return "~" + concept
    stemmed = stem(folded)
    concept = CONCEPTS.get(stemmed)
    if concept is not None:
        return "~" + concept
    return stemmed if len(stemmed) >= 2 else None


def _pair(first: str, second: str) -> str:
    return first + "|" + second if first < second else second + "|" + first


def _keys(
    text: str,
    *,
    trust_case: bool,
    names: set[str],
    pairs: set[str],
    known: set[str] | frozenset[str] = frozenset(),
) -> list[str]:
    """Keys of a text in order of appearance; fills `names` and `pairs` as it goes."""
    keys: list[str] = []
    seen: set[str] = set()
    previous_name: str | None = None
    for folded, name in _words(text, trust_case=trust_case, known=known):
        key = _word_key(folded, name)
        if key is None:
            previous_name = None
            continue
        if name or folded in NAME_ALIASES:
            names.add(key)
            if previous_name is not None and previous_name != key:
                pairs.add(_pair(previous_name, key))
            previous_name = key
        else:
            previous_name = None
        if key not in seen:
            seen.add(key)
            keys.append(key)
    for key in number_keys(text):
        if key not in seen:
            seen.add(key)
            keys.append(key)
    return keys


def text_keys(text: str) -> tuple[list[str], set[str]]:
    """Keys of any text (a sentence, a name) and which of them are names."""
    names: set[str] = set()
    keys = _keys(text, trust_case=True, names=names, pairs=set())
    return keys, names


def name_keys(name: str) -> frozenset[str]:
    """Keys of a name as written ("Kim Jong-un", "Mayor Ilse Brandt"), stop words aside."""
    keys = {_word_key(word, True) for word in fold_words(name) if word not in STOP_WORDS}
    return frozenset(key for key in keys if key)


def lead_of(text: str, limit: int = LEAD_CHARS) -> str:
    """The first `limit` characters of a body, cut at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def _after_title(text: str, title: str) -> str:
    """The body without its opening when that opening is the title itself.

    A title derived from the lead (cut at about 100 characters, with "…") or a page whose first
    paragraph repeats its headline would otherwise spend the lead on words the title
    already gave, and miss the names of the next sentences.
    """
    opening = title.rstrip("…. ").strip()
    if len(opening) >= 20 and text.startswith(opening):
        return text[len(opening) :].lstrip(" .…\n")
    return text


# --------------------------------------------------------------------------- identity
def normalized_title(title: str) -> str:
    """A title as duplicate detection compares it: folded words, single spaces."""
    return " ".join(fold_words(title))


def url_key(url: str | None) -> str:
    """A link without scheme, `www.`, tracking parameters, fragment or trailing slash."""
    if not url:
        return ""
    value = url.strip()
    value = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", value)
    value = re.sub(r"^www\.", "", value, flags=re.IGNORECASE)
    value = value.split("#", 1)[0]
    if "?" in value:
        base, query = value.split("?", 1)
        kept = [
            part
            for part in query.split("&")
            if part and not part.lower().startswith(("utm_", "xtor", "fbclid", "gclid"))
        ]
        value = base + ("?" + "&".join(sorted(kept)) if kept else "")
    value = value.rstrip("/")
    host, _, path = value.partition("/")
    return host.lower() + ("/" + path if path else "")


def sketch_of(text: str, size: int = SKETCH_SIZE) -> tuple[int, ...]:
    """Bottom-k sketch of the text's word 4-gram hashes (CRC32: stable across runs)."""
    words = fold_words(text[:MAX_SHINGLE_CHARS])
    if len(words) < SHINGLE_WORDS:
        return ()
    joined = " ".join(words).encode()
    starts = [0]
    position = 0
    for word in words:
        position += len(word.encode()) + 1
        starts.append(position)
    crc32 = zlib.crc32
    hashes = {
        crc32(joined[starts[i] : starts[i + SHINGLE_WORDS] - 1])
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    return tuple(sorted(hashes)[:size])


def sketch_similarity(left: Sequence[int], right: Sequence[int], size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of two texts from their bottom-k sketches."""
    if not left or not right:
        return 0.0
    union = sorted(set(left) | set(right))[:size]
    both = set(left) & set(right)
    return sum(1 for value in union if value in both) / len(union)


# --------------------------------------------------------------------------- signature
def signature(item: StoryInput) -> Signature:
    """The signature of one item (deterministic: same input, same signature)."""
    title = item.title
    lead = lead_of(_after_title(item.text, title)) if item.text else ""
    hint_words = fold_words(title + " " + lead[:300])
    lang = detect_language(hint_words)
    names: set[str] = set()
    pairs: set[str] = set()
    title_case = _is_title_case(title)
    known = _capitalised_inside(lead) if lead else set()
    if not title_case:
        known |= _capitalised_inside(title)
    title_keys = _keys(title, trust_case=not title_case, names=names, pairs=pairs, known=known)
    lead_keys: list[str] = []
    if lead:
        title_set = set(title_keys)
        lead_names: set[str] = set()
        lead_keys = [
            key
            for key in _keys(lead, trust_case=True, names=lead_names, pairs=pairs, known=known)
            if key not in title_set
        ]
        names |= lead_names
        if title_case:
            names |= {key for key in title_keys if key in lead_names}
    return Signature(
        day=_rounded_day(item.published),
        source=item.source,
        title_keys=tuple(title_keys),
        lead_keys=tuple(lead_keys),
        names=frozenset(names),
        pairs=frozenset(pairs),
        lang=lang,
        title_norm=normalized_title(title),
        url_key=url_key(item.url),
        guid=item.guid or "",
        sketch=sketch_of(title + "\n" + item.text) if item.kind == "article" else (),
    )


def all_keys(signatures: Iterable[Signature]) -> set[str]:
    """Every key of some signatures (for tests and diagnostics)."""
    keys: set[str] = set()
    for sig in signatures:
        keys.update(sig.keys)
    return keys
