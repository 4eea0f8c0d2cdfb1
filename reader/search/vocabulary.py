"""What a query word may also match: its other forms (stems) and, failing all else, typos.

Typo tolerance looks only at words that exist in the library (`search_terms`), so a
typo can only turn into a real word: `fenerbache` into `fenerbahce`, `montcliar` into
`montclair`. rapidfuzz's optimal string alignment distance counts a swap of two letters
as one edit.

Candidates are narrowed before any distance is computed: same first letter (a typo
rarely hits it) and, for a finished word, a length within the edit budget. An unfinished
word (the one being typed) is compared with the distinct prefixes of that length of the
library's words, and what comes back are corrected prefixes (`fenerbha` → `fenerbah`),
which FTS5 expands with its prefix index. Words are loaded per first letter on first
need and topped up by id; prefix lists are built per (letter, length) and kept for the
most recent few, so a 500k-word vocabulary costs tens of milliseconds once per letter
and about a millisecond per typo after that.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict, defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

from reader.text.stem import stem_keys

MIN_TYPO_LENGTH = 4
MAX_VARIANTS = 12
_PREFIX_LISTS = 32  # (letter, length) prefix lists kept


def typo_budget(word: str) -> int:
    """Edits allowed for a word of this length: 1 up to 7 letters, then 2."""
    return 1 if len(word) <= 7 else 2


class _Initial:
    """The library's words starting with one letter, grouped by length."""

    def __init__(self) -> None:
        self.by_length: dict[int, list[str]] = defaultdict(list)
        self.loaded_through = 0

    def add(self, word: str) -> None:
        self.by_length[len(word)].append(word)


class Vocabulary:
    """The library's words, for stem variants and typo candidates; one per connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._initials: dict[str, _Initial] = {}
        self._prefixes: OrderedDict[tuple[str, int], list[str]] = OrderedDict()
        self._newest = 0

    def _initial(self, letter: str) -> _Initial:
        """Words starting with `letter`, loaded on first need, then topped up by id."""
        newest = self._db.execute("SELECT coalesce(max(id), 0) FROM search_terms").fetchone()[0]
        if newest < self._newest:  # the index was rebuilt: start again
            self._initials.clear()
        if newest != self._newest:
            self._prefixes.clear()
            self._newest = newest
        initial = self._initials.get(letter)
        if initial is None:
            initial = self._initials[letter] = _Initial()
            rows = self._db.execute(
                "SELECT term FROM search_terms WHERE term >= ? AND term < ?",
                (letter, letter + "\U0010ffff"),
            )
            for (word,) in rows:
                initial.add(word)
        elif initial.loaded_through < newest:
            rows = self._db.execute(
                "SELECT term FROM search_terms WHERE id > ? AND term >= ? AND term < ?",
                (initial.loaded_through, letter, letter + "\U0010ffff"),
            )
            for (word,) in rows:
                initial.add(word)
        initial.loaded_through = newest
        return initial

    def has(self, word: str) -> bool:
        """Whether the library has this exact word (numbers always count as present)."""
        if word.isdigit():
            return True
        row = self._db.execute("SELECT 1 FROM search_terms WHERE term = ?", (word,)).fetchone()
        return row is not None

    def has_prefix(self, prefix: str) -> bool:
        """Whether some word of the library starts with `prefix` (or is a number)."""
        if prefix.isdigit():
            return True
        row = self._db.execute(
            "SELECT 1 FROM search_terms WHERE term >= ? AND term < ? LIMIT 1",
            (prefix, prefix + "\U0010ffff"),
        ).fetchone()
        return row is not None

    def forms(self, word: str) -> frozenset[str]:
        """Other words of the library sharing a stem key with `word` (itself excluded)."""
        keys = stem_keys(word)
        if not keys:
            return frozenset()
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"SELECT DISTINCT term FROM search_stems WHERE stem IN ({marks}) LIMIT 64", keys
        ).fetchall()
        return frozenset(row[0] for row in rows if row[0] != word)

    def typos(self, word: str) -> tuple[str, ...]:
        """Library words within a few edits of the finished `word`, closest first."""
        if len(word) < MIN_TYPO_LENGTH or word.isdigit():
            return ()
        budget = typo_budget(word)
        initial = self._initial(word[0])
        choices = [
            candidate
            for length in range(len(word) - budget, len(word) + budget + 1)
            for candidate in initial.by_length.get(length, ())
        ]
        return self._closest(word, choices, budget)

    def typo_prefixes(self, prefix: str) -> tuple[str, ...]:
        """Corrected forms of an unfinished word: prefixes of library words, closest first.

        A library word shorter than `prefix` stands for itself (`poutinee` → `poutine`).
        """
        if len(prefix) < MIN_TYPO_LENGTH or prefix.isdigit():
            return ()
        budget = typo_budget(prefix)
        key = (prefix[0], len(prefix))
        choices = self._prefixes.get(key)
        if choices is None:
            initial = self._initial(prefix[0])
            length = len(prefix)
            distinct = {
                word[:length]
                for size, words in initial.by_length.items()
                if size >= length - budget
                for word in words
            }
            choices = self._prefixes[key] = sorted(distinct)
            if len(self._prefixes) > _PREFIX_LISTS:
                self._prefixes.popitem(last=False)
        else:
            self._prefixes.move_to_end(key)
        return self._closest(prefix, choices, budget)

    @staticmethod
    def _closest(word: str, choices: list[str], budget: int) -> tuple[str, ...]:
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=budget, limit=None)
        # Closest first, then nearest in length (fewest letters guessed), then alphabetical.
        ranked = sorted(found, key=lambda hit: (hit[1], abs(len(hit[0]) - len(word)), hit[0]))
        return tuple(hit[0] for hit in ranked[:MAX_VARIANTS] if hit[0] != word)
