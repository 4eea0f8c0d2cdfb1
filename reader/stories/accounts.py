"""What a story's sources agree on, and where their figures differ.

Every item of a story is an account: its title and its body's sentences.

* Agreement. Sentences are gathered across accounts with `compare`'s sentence matching
  (the same wire sentence lightly edited, or the same facts in other words, French or
  English); each gathering is led by its first sentence and only that one is compared,
  so gatherings never chain. Those told by at least two sources are what they agree
  on, most sources first: an extractive summary with no language model.
* Conflicts. A figure is a number with the thing it counts: the first word after it
  that is not a stop word (`240,000 homes`, `240 000 foyers`: the lexicon makes both
  `~homes`), a share, or an amount in one currency. Two sources give one fact
  different figures when, for the same thing, their values differ and their sentences
  say the rest alike: the same sentence but for its numbers (`ALIGNED_RATIO`), or
  `ALIGNED_KEYS` keys and `ALIGNED_DICE` of them in common, a name in common, and not
  two different names just before the figures ("Carter scored 14", "VanDeest 13").
  Precision comes first, a wrong conflict being worse than a missed one, so a figure
  is left out when it may be another fact: a sentence naming a year (another time's
  figures: "in 2004, a 9.1 quake"), a date, a time of day, a score, a
  number glued to a unit, a bound ("more than 300"), a line of statistics, a range in
  one sentence; so is a pair given by one source itself (a rise from one to the
  other), a pair more than `MAX_RATIO` apart (10 houses in a town, 1,500 in its
  district), a rounding ("$13 billion", "$13.9 billion"), and reports more than
  `SAME_MOMENT_HOURS` apart or placing their figures at different moments ("still",
  "at its peak", "Wednesday evening"): a count that moved between them.

Measured (`benchmarks/accounts_eval.py`): on the stories written with planted
disagreements (tests/data/stories/accounts.json), 4 of 5 found and none invented. On
the 86 real events of ECB+ (982 articles, detokenised), 4 conflicts are reported and
one is a real disagreement (20 or 26 miles north of Santa Rosa); the others are two
games' points, a record and the total that broke it, and a fall during the day and
at the close. The rules above cut 67 reported conflicts, nearly all wrong, to those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Final

from rapidfuzz import fuzz

from reader.stories.compare import (
    SentenceKeys,
    content_words,
    keys_match,
    sentence_keys,
    split_sentences,
)
from reader.stories.features import number_keys, text_keys
from reader.stories.lexicon import MONTHS, STOP_WORDS
from reader.text.fold import fold_words

MAX_SENTENCES: Final = 60
"""Sentences of an account looked at (its title and its body's first ones)."""
MAX_AGREEMENTS: Final = 8
MAX_ACCOUNTS: Final = 60
"""Items of a story read, the earliest first: enough for what several sources say."""
POSTINGS_LOOKED_AT: Final = 200
ALIGNED_RATIO: Final = 75.0
ALIGNED_KEYS: Final = 3
ALIGNED_DICE: Final = 0.5
MIN_CONTEXT_WORDS: Final = 5
WINDOW_WORDS: Final = 6
MAX_FIGURES_PER_SENTENCE: Final = 2
SAME_MOMENT_HOURS: Final = 30.0
MAX_RATIO: Final = 1.5

_FIGURE = re.compile(
    r"(?<![\w.,])([€$£]?\d(?:[\d.,]|[ \u00a0\u202f](?=\d{3}\b))*"
    r"(?:\s?(?:%|pour ?cent|per ?cent|(?:bn|m|k|millions?|milliards?|billions?)\b))?)"
)
_AFTER = re.compile(r"[\s\u00a0\u202f]*(?:d['’]|de |of )?([^\W\d_][\w'’\-]*)")
_CLOCK_BEFORE = re.compile(r"\d\s?:\s?$")
_CLOCK_AFTER = re.compile(r"\s?:\s?\d")
_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w.,]\d)")
_NUMBERS = re.compile(r"\d[\d.,\u00a0\u202f ]*")
_MOMENT_WORDS: Final = frozenset(
    [
        *("still", "remain", "remained", "remains", "remaining", "now", "yet", "peak"),
        *("evening", "morning", "night", "midday", "afternoon", "yesterday", "today"),
        *("tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"),
        *("sunday", "encore", "toujours", "reste", "restent", "restait", "restaient"),
        *("desormais", "fort", "soir", "matin", "nuit", "midi", "hier", "aujourd", "lundi"),
        *("mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    ]
)
"""Words that place a figure at a moment: a sentence saying "still", "at its peak" or
"on Wednesday evening" gives the count of another moment than one that does not."""
_BOUNDS: Final = (
    *("more than", "over", "at least", "up to", "less than", "fewer than", "under"),
    *("plus de", "au moins", "jusqu a", "moins de", "pres de plus"),
)
_CURRENCIES: Final = {
    **dict.fromkeys(["euro", "euros"], "€"),
    **dict.fromkeys(["dollar", "dollars"], "$"),
    **dict.fromkeys(["pound", "pounds", "livres", "sterling"], "£"),
}


@dataclass(frozen=True, slots=True)
class Account:
    """One item of a story, as compared here."""

    id: int
    source: str
    title: str
    text: str = ""
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Agreement:
    """A sentence that several sources tell, with who tells it."""

    text: str
    sources: tuple[str, ...]
    items: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sources": list(self.sources), "items": list(self.items)}


@dataclass(frozen=True, slots=True)
class Claim:
    """One value of a disputed figure, and who gives it."""

    value: str
    sources: tuple[str, ...]
    items: tuple[int, ...]
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "sources": list(self.sources), "items": list(self.items),
                "sentence": self.sentence}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Conflict:
    """One fact given different figures by different sources."""

    about: str
    """The counted thing as the first claim writes it ("homes")."""
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"about": self.about, "claims": [claim.to_dict() for claim in self.claims]}


# --------------------------------------------------------------------------- agreement
def _sentences(account: Account) -> list[str]:
    return [account.title, *split_sentences(account.text)][:MAX_SENTENCES]


def _in_time_order(accounts: Sequence[Account]) -> list[Account]:
    return sorted(accounts, key=lambda a: (a.published is None,
                                           a.published.timestamp() if a.published else 0.0,
                                           a.id))  # fmt: skip


def _same_figures(member: SentenceKeys, leader: SentenceKeys) -> bool:
    """A sentence tells its gathering's statement only with the leader's figures: one's
    must include the other's ("240,000 homes" and "250 000 foyers" are a conflict, not
    an agreement), and a leader's figure cannot be agreed on by a sentence without it."""
    mine = {key for key in member.keys if key[0] == "#"}
    theirs = {key for key in leader.keys if key[0] == "#"}
    if not theirs:
        return True
    return bool(mine) and (mine <= theirs or theirs <= mine)


def agreements(accounts: Sequence[Account], limit: int = MAX_AGREEMENTS) -> list[Agreement]:
    """Sentences told by at least two sources, most sources first, then first told.

    A sentence is compared only with the gatherings whose leader shares a key with it
    (at most `POSTINGS_LOOKED_AT` of the latest per key): matching needs shared words,
    and a story of a hundred articles would otherwise cost millions of comparisons.
    """
    leaders: list[tuple[SentenceKeys, str, list[Account]]] = []
    by_key: dict[str, list[int]] = {}
    for account in _in_time_order(accounts)[:MAX_ACCOUNTS]:
        joined: set[int] = set()
        for sentence in _sentences(account):
            keys = sentence_keys(sentence)
            if len(keys.folded.split()) < 3:
                continue
            near = (by_key.get(key, [])[-POSTINGS_LOOKED_AT:] for key in keys.keys)
            candidates = sorted({index for postings in near for index in postings})
            for index in candidates:
                leader, _text, members = leaders[index]
                if keys_match(keys, leader) and _same_figures(keys, leader):
                    # Said again in the same account (a lead repeating its title): once.
                    if index not in joined:
                        members.append(account)
                        joined.add(index)
                    break
            else:
                joined.add(len(leaders))
                for key in keys.keys:
                    by_key.setdefault(key, []).append(len(leaders))
                leaders.append((keys, sentence, [account]))
    found = []
    for order, (_keys, text, members) in enumerate(leaders):
        sources = tuple(dict.fromkeys(member.source for member in members))
        if len(sources) >= 2:
            told = Agreement(text, sources, tuple(member.id for member in members))
            found.append((-len(sources), order, told))
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [agreement for _size, _order, agreement in found[:limit]]


# --------------------------------------------------------------------------- conflicts
@dataclass(frozen=True, slots=True)
class _Figure:
    account: Account
    sentence: str
    written: str
    value: str
    """Canonical number key ('#240000', '#61.2%')."""
    thing: str
    """Key of the counted thing ('~homes', 'hectar')."""
    thing_written: str
    context: str
    """The sentence folded, stop words and numbers aside."""
    context_keys: frozenset[str]
    """Keys of the sentence, its numbers aside."""
    context_names: frozenset[str]
    subject: str | None
    """The last name before the figure: "Carter scored 14", "Zarand ... 602 miles"."""
    moments: frozenset[str]
    """The sentence's `_MOMENT_WORDS`."""


def _is_year(value: str, written: str) -> bool:
    """A year is when, not how many (days of the month are date keys already)."""
    digits = written.strip("€$£ ")
    return not value.endswith("%") and digits.isdigit() and 1900 <= int(digits) <= 2100


def _thing(sentence: str, end: int, written: str, value: str) -> tuple[str, str] | None:
    """What a figure counts, as (key, as written): a share is a share of whatever its
    sentence speaks of ("turnout at 41.5%", "participation de 41,5 %"), an amount is
    money, anything else the word after it; None when that word says nothing."""
    if value.endswith("%"):
        return "%", "share"
    after = _AFTER.match(sentence, end)
    word = after.group(1) if after else ""
    folded = fold_words(word) if word else []
    currency = written[0] if written[0] in "€$£" else _CURRENCIES.get(folded[0]) if folded else None
    if currency is not None:
        # Amounts in two currencies are a conversion apart, not a disagreement.
        return f"money{currency}", "amount"
    if not folded or folded[0] in STOP_WORDS:
        return None
    keys = [key for key in text_keys(word)[0] if key[0] != "#"]
    return (keys[0], word) if keys else None


def _subject(sentence: str, start: int) -> str | None:
    """The last name in the `WINDOW_WORDS` before a figure: whose figure it is ("Carter
    scored 14", "Zarand ... 602 miles")."""
    keys, names = text_keys(" ".join(sentence[:start].split()[-WINDOW_WORDS:]))
    return next((key for key in reversed(keys) if key in names), None)


def _figures(account: Account) -> list[_Figure]:
    out: list[_Figure] = []
    for sentence in _sentences(account):
        context = content_words(_NUMBERS.sub(" ", sentence))
        sentence_keys_, sentence_names = text_keys(sentence)
        context_keys = frozenset(key for key in sentence_keys_ if key[0] != "#")
        context_names = frozenset(sentence_names) & context_keys
        moments = frozenset(_MOMENT_WORDS.intersection(fold_words(sentence)))
        if _YEAR.search(sentence):
            continue  # "In 2004, a 9.1 quake...", "38% in 2020": another time's figures
        found: list[_Figure] = []
        for match in _FIGURE.finditer(sentence):
            written = match.group(1).rstrip(" .,")
            keys = [key for key in number_keys(written) if key[0] == "#" and "-" not in key]
            if (
                not keys
                or _is_year(keys[0], written)
                or _is_clock(sentence, match)
                or _is_day_of_month(sentence, match)
                or _is_glued(sentence, match)
                or _is_bound(sentence, match)
            ):
                continue
            thing = _thing(sentence, match.end(), written, keys[0])
            if thing is None:
                continue
            subject = _subject(sentence, match.start())
            found.append(_Figure(account, sentence, written, keys[0], thing[0], thing[1], context,
                                 context_keys, context_names, subject, moments))  # fmt: skip
        if len(found) > MAX_FIGURES_PER_SENTENCE:
            continue  # a line of statistics: which figure is which fact is anyone's guess
        # Two figures of one thing in one sentence are a range or a comparison
        # ("between 40 and 80 percent", "from 900 to 650"): neither is the fact alone.
        counts: dict[str, int] = {}
        for figure in found:
            counts[figure.thing] = counts.get(figure.thing, 0) + 1
        out.extend(figure for figure in found if counts[figure.thing] == 1)
    return out


def _is_glued(sentence: str, match: re.Match[str]) -> bool:
    """A number stuck to letters or a hyphen ("4GB", "$200MM", "14-0", "17-7") has a unit
    or a meaning the figure alone does not carry."""
    before = sentence[match.start() - 1 : match.start()] if match.start() else ""
    after = sentence[match.end() : match.end() + 1]
    return before in ("-", "–") or after in ("-", "–") or after.isalpha()


def _is_bound(sentence: str, match: re.Match[str]) -> bool:
    """ "More than 300", "au moins 200": a bound agrees with any figure beyond it."""
    before = " ".join(fold_words(sentence[max(0, match.start() - 16) : match.start()])[-2:])
    return any(before.endswith(bound) for bound in _BOUNDS)


def _is_day_of_month(sentence: str, match: re.Match[str]) -> bool:
    """ "November 19", "19 novembre": a date, whatever the number alone would say."""
    before = fold_words(sentence[max(0, match.start() - 12) : match.start()])
    after = fold_words(sentence[match.end() : match.end() + 12])
    return bool((before and before[-1] in MONTHS) or (after and after[0] in MONTHS))


def _is_clock(sentence: str, match: re.Match[str]) -> bool:
    """A time of day ("7:48", "15 : 50") is when, not how many; a colon after a word
    ("Maures : 1 200 hectares") is only French typography."""
    before = sentence[max(0, match.start() - 4) : match.start()]
    after = sentence[match.end() : match.end() + 4]
    return bool(_CLOCK_BEFORE.search(before) or _CLOCK_AFTER.match(after))


def _same_moment(a: Account, b: Account) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).total_seconds()) <= SAME_MOMENT_HOURS * 3600


def _aligned(a: _Figure, b: _Figure) -> bool:
    """Whether two figures are given for one fact: their sentences are the same but for
    their numbers, or say the same things otherwise (in either language), about the
    same actors. Two sentences of one story always share a few words ("miles north of
    Detroit", "the Kathimerini poll"), so a share of their words must be shared."""
    long_enough = min(len(a.context.split()), len(b.context.split())) >= MIN_CONTEXT_WORDS
    if long_enough and fuzz.token_sort_ratio(a.context, b.context) >= ALIGNED_RATIO:
        return True
    if a.subject and b.subject and a.subject != b.subject:
        return False  # one player's points, another's; one town's distance, another's
    left, right = a.context_keys - {a.thing}, b.context_keys - {b.thing}
    shared = left & right
    if len(shared) < ALIGNED_KEYS or 2 * len(shared) / (len(left) + len(right)) < ALIGNED_DICE:
        return False
    return bool(a.context_names & b.context_names) or not (a.context_names or b.context_names)


def _close(a: str, b: str) -> bool:
    """Figures of one fact differ by a margin (240,000 and 250,000 homes, 20 and 26
    miles); beyond `MAX_RATIO` they are nearly always two facts (10 houses in a town
    and 1,500 in its district, a 13-inch and a 15-inch model's prices)."""
    x, y = abs(float(a.strip("#%"))), abs(float(b.strip("#%")))
    return min(x, y) > 0 and max(x, y) / min(x, y) <= MAX_RATIO


def _rounded(a: str, b: str) -> bool:
    """Whether one value is the other given with fewer digits ("$13 billion" for
    "$13.9 billion", "1.2m" for "1,215,000"), rounded or cut: not a disagreement. A
    single digit is no rounding ("20,000" and "24,000" differ)."""
    try:
        x, y = Decimal(a.strip("#%")), Decimal(b.strip("#%"))
    except InvalidOperation:
        return False
    coarse, fine = sorted((x, y), key=_digits)
    digits = _digits(coarse)
    if digits < 2 or digits == _digits(fine) or fine == 0:
        return False
    exponent = fine.adjusted() - digits + 1
    step = Decimal(1).scaleb(exponent)
    rounded = fine.quantize(step, rounding=ROUND_HALF_UP)
    cut = fine.quantize(step, rounding=ROUND_DOWN)
    return coarse in (rounded, cut)


def _digits(value: Decimal) -> int:
    """Significant digits of a value (trailing zeros of a whole number aside)."""
    return len(value.normalize().as_tuple().digits)


def conflicts(accounts: Sequence[Account]) -> list[Conflict]:
    """Facts whose figures differ between sources (see the module docstring)."""
    figures = [figure for account in _in_time_order(accounts)[:MAX_ACCOUNTS]
               for figure in _figures(account)]  # fmt: skip
    given: dict[tuple[str, str], set[str]] = {}  # (source, thing) -> values it gives
    for figure in figures:
        given.setdefault((figure.account.source, figure.thing), set()).add(figure.value)
    by_thing: dict[str, list[_Figure]] = {}
    for figure in figures:
        by_thing.setdefault(figure.thing, []).append(figure)
    disputes: dict[str, dict[str, list[_Figure]]] = {}
    pairs = ((a, b) for same in by_thing.values()
             for index, a in enumerate(same) for b in same[index + 1 :])  # fmt: skip
    for a, b in pairs:
        if (
            a.account.source == b.account.source
            or a.value == b.value
            or b.value in given[(a.account.source, a.thing)]
            or a.value in given[(b.account.source, b.thing)]
            or not _same_moment(a.account, b.account)
            or a.moments != b.moments
            or _rounded(a.value, b.value)
            or not _close(a.value, b.value)
            or not _aligned(a, b)
        ):
            continue
        values = disputes.setdefault(a.thing, {})
        for figure in (a, b):
            members = values.setdefault(figure.value, [])
            if figure not in members:
                members.append(figure)
    out: list[Conflict] = []
    for claims_by_value in disputes.values():
        claims = []
        for members in claims_by_value.values():
            claims.append(Claim(members[0].written,
                                tuple(dict.fromkeys(m.account.source for m in members)),
                                tuple(dict.fromkeys(m.account.id for m in members)),
                                members[0].sentence))  # fmt: skip
        claims.sort(key=lambda claim: (-len(claim.sources), claim.items))
        first = next(iter(claims_by_value.values()))[0]
        out.append(Conflict(first.thing_written, tuple(claims)))
    return out


@dataclass
class StoryAccounts:
    """Both answers for one story."""

    agree: list[Agreement] = field(default_factory=list)
    differ: list[Conflict] = field(default_factory=list)


def read_accounts(accounts: Sequence[Account]) -> StoryAccounts:
    return StoryAccounts(agreements(accounts), conflicts(accounts))
