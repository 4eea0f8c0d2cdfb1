"""The `Searcher`: runs a parsed query against the index and ranks what it finds.

See `reader/search/__init__.py` for the design and the measured figures. In short, for
each keystroke:

1. Parse (`query.py`); expand every plain word with its other forms (stems) and, when
   the library has no word starting with it, with typo candidates (`vocabulary.py`).
2. Title tier: one FTS5 query requiring every term in the title, newest first, capped
   at `CANDIDATE_CAP` rows. Ranking a few hundred rows in Python costs a few ms, while
   letting FTS5 rank a common word's 300,000 matches costs seconds at 1M items: past the
   cap the newest matches stand for the rest (news search is recency-biased anyway).
3. Body tier, only if the title tier found fewer than `limit`: the same terms anywhere
   (title or body; an unfinished word under 4 letters as a whole word), bm25 weighting
   the body; these rank below every title hit. Titles and bodies have FTS5 tables of
   their own (`search_titles`, `search_index`), see `reader/search/index.py`.
4. Nothing at all? Retry once with typo candidates for every word.
5. Re-rank in Python (match quality, word order and adjacency, title coverage and
   length, then recency), and compute highlight spans in the original text.

A query that extends the previous one (`fenerb` after `fene`) is answered from the
previous title candidates when those were complete and the new terms can only match a
subset of what the old ones matched; term expansions and folded titles are cached too.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.library import Library, db
from reader.library import clauses as item_clauses
from reader.library.codec import block_texts
from reader.library.schema import LATEST_VERSION
from reader.search.index import BODY_PREFIX_CHARS, MAX_BODY_CHARS, pending, sync
from reader.search.query import Filters, Query, Term, parse
from reader.search.vocabulary import Vocabulary
from reader.text.fold import Folded, fold, fold_aligned, fold_words

CANDIDATE_CAP = 300
"""Most rows the title tier asks FTS5 for; beyond it the newest matches are ranked."""

BODY_CAP = 200
"""Most rows the body tier asks for (it only fills what title hits leave of `limit`)."""

SHORT_QUERY_CHARS = 2
"""A single word this short only looks at title word prefixes, newest first."""

SHORT_CAP = 150
"""How many of the newest matches a short query looks at."""

SNIPPET_CHARS = 180
PROGRESS_STEPS = 1000  # SQLite VM steps between two looks at the cancel token
_ROW_CACHE_LIMIT = 50_000
_TITLE_CACHE_LIMIT = 5_000
_BODY_CACHE_LIMIT = 1_000

Span = tuple[int, int]

# Match qualities of a query word against a title word (1.0 is the same word).
_EXACT = 1.0
_FORM = 0.85  # another form: plural, feminine
_TYPO = 0.55
_PHRASE_PREFIX = 0.9


class SearchCancelled(Exception):
    """The search was cancelled through its token (a newer keystroke superseded it)."""


class CancelToken:
    """Set from any thread to stop a running search at its next check."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked result; spans are [start, end) offsets into `title` and `snippet`."""

    id: int
    title: str
    score: float
    source: str
    kind: str
    published: str | None
    sort_date: str
    read: bool
    in_title: bool
    title_spans: tuple[Span, ...]
    snippet: str
    snippet_spans: tuple[Span, ...]

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of `reader search --json`."""
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "source": self.source,
            "kind": self.kind,
            "published": self.published,
            "title_spans": [list(span) for span in self.title_spans],
            "snippet": self.snippet,
            "snippet_spans": [list(span) for span in self.snippet_spans],
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The hits of one query, best first."""

    query: str
    hits: tuple[SearchHit, ...]
    # Candidates ranked; when `complete` is False more items matched than were ranked.
    candidates: int
    complete: bool
    reused: bool
    elapsed_ms: float


# --------------------------------------------------------------------------- matching
@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # word positions, inclusive
    last: int
    quality: float
    prefix: int  # folded letters of the last word that matched; 0 means the whole word


@dataclass(frozen=True, slots=True)
class _Matcher:
    """One term with its expansions: builds its FTS5 expression and matches word lists."""

    term: Term
    forms: frozenset[str] = frozenset()  # other forms of the word (stems)
    typos: frozenset[str] = frozenset()  # near spellings of a finished word
    typo_prefixes: frozenset[str] = frozenset()  # near spellings of an unfinished one

    def fts(self, title_only: bool) -> str:
        """The FTS5 expression: for `search_titles` (title_only) or `search_index`.

        `search_index` has no prefix index under BODY_PREFIX_CHARS letters, and FTS5
        would merge the doclists of every word in the range instead (`co*`: tens of ms
        at 100k items), so in the body tier a shorter unfinished word is a whole word.
        """
        term = self.term
        anchor = "^ " if term.at_start else ""
        prefix = term.prefix and (title_only or len(term.words[-1]) >= BODY_PREFIX_CHARS)
        star = "*" if prefix else ""
        head = f'{anchor}"{" ".join(term.words)}"{star}'
        if term.is_plain_word:
            word = term.words[0]
            extra = sorted(
                v for v in self.forms | self.typos if not (prefix and v.startswith(word))
            )
            head = " OR ".join(
                [
                    head,
                    *(f'{anchor}"{v}"' for v in extra),
                    *(f'{anchor}"{p}"*' for p in sorted(self.typo_prefixes)),
                ]
            )
        column = "title : " if title_only or term.at_start or term.at_end else ""
        return f"{column}({head})"

    def best(self, words: Sequence[str], spaced: str | None = None) -> _Match | None:
        """The best match of the term in a title's words (anchors apply), if any.

        `spaced` is the words joined and framed by spaces: the hot path of re-ranking (a
        few hundred titles per keystroke) then runs as C-level string searches.
        """
        term = self.term
        if len(term.words) != 1 or term.at_start or term.at_end:
            return max(self.matches(words), key=lambda m: m.quality, default=None)
        wanted = term.words[0]
        if spaced is None:
            spaced = " " + " ".join(words) + " "
        index = spaced.find(f" {wanted} ")
        if index >= 0:
            position = spaced.count(" ", 0, index)
            return _Match(position, position, _EXACT, 0)
        best_quality, best_index, best_prefix = 0.0, -1, 0
        if term.prefix and (index := spaced.find(f" {wanted}")) >= 0:
            length = spaced.index(" ", index + 1) - index - 1
            best_quality, best_index, best_prefix = (
                0.7 + 0.25 * len(wanted) / length,
                index,
                len(wanted),
            )
        for form in self.forms:
            if (index := spaced.find(f" {form} ")) >= 0:
                quality = _form_quality(wanted, form)
                if quality > best_quality:
                    best_quality, best_index, best_prefix = quality, index, 0
        if best_index < 0:
            for typo in self.typos:
                if (index := spaced.find(f" {typo} ")) >= 0:
                    best_quality, best_index, best_prefix = _TYPO, index, 0
                    break
            for typo in self.typo_prefixes:
                if (index := spaced.find(f" {typo}")) >= 0:
                    best_quality, best_index, best_prefix = _TYPO, index, len(typo)
                    break
        if best_index < 0:
            return None
        position = spaced.count(" ", 0, best_index)
        return _Match(position, position, best_quality, best_prefix)

    def _typo_prefix(self, word: str) -> int:
        """Length of the corrected prefix `word` starts with, or 0."""
        return next((len(p) for p in self.typo_prefixes if word.startswith(p)), 0)

    def first_position(self, aligned: str) -> int:
        """Where the term first occurs in `fold_aligned` text, or -1 (anchors ignored)."""
        framed = f" {aligned} "
        words = self.term.words
        needles = [" " + " ".join(words) + ("" if self.term.prefix else " ")]
        needles.extend(f" {variant} " for variant in self.forms | self.typos)
        needles.extend(f" {prefix}" for prefix in self.typo_prefixes)
        found = [index for needle in needles if (index := framed.find(needle)) >= 0]
        return min(found, default=-1)

    def matches(self, words: Sequence[str], *, anchors: bool = True) -> Iterator[_Match]:
        """Every match of the term in the words (for highlighting)."""
        term = self.term
        count = len(term.words)
        last_index = len(words) - 1
        if count == 1 and not (anchors and (term.at_start or term.at_end)):
            # Fast path for the common case, one word anywhere: C-level string searches
            # over the words framed by spaces, Python work only per occurrence.
            spaced = " " + " ".join(words) + " "
            wanted = term.words[0]
            needles = [(f" {wanted}", _EXACT, len(wanted) if term.prefix else -1)]
            needles.extend((f" {v}", _FORM, -1) for v in self.forms | self.typos)
            needles.extend((f" {p}", _TYPO, len(p)) for p in self.typo_prefixes)
            for needle, quality, prefix in needles:
                index = spaced.find(needle)
                position, counted = 0, 0
                while index >= 0:
                    position += spaced.count(" ", counted, index)
                    counted = index
                    whole = spaced[index + len(needle)] == " "
                    if whole or prefix > 0:
                        # An exact occurrence highlights the word; a prefix its start.
                        yield _Match(position, position, quality, 0 if whole else prefix)
                    index = spaced.find(needle, index + 1)
            return
        for start in range(len(words) - count + 1):
            if anchors and term.at_start and start != 0:
                return
            end = start + count - 1
            if anchors and term.at_end and end != last_index:
                continue
            if count == 1:
                quality, prefix = self._word(words[start])
            else:
                quality, prefix = self._phrase(words, start)
            if quality:
                yield _Match(start, end, quality, prefix)

    def _word(self, word: str) -> tuple[float, int]:
        wanted = self.term.words[0]
        if word == wanted:
            return _EXACT, 0
        if self.term.prefix and word.startswith(wanted):
            # Half a word is a good match, most of a word nearly as good as all of it.
            return 0.7 + 0.25 * len(wanted) / len(word), len(wanted)
        if word in self.forms:
            return _form_quality(wanted, word), 0
        if word in self.typos:
            return _TYPO, 0
        if self.typo_prefixes and (typo := self._typo_prefix(word)):
            return _TYPO, typo
        return 0.0, 0

    def _phrase(self, words: Sequence[str], start: int) -> tuple[float, int]:
        wanted = self.term.words
        for offset, expected in enumerate(wanted[:-1]):
            if words[start + offset] != expected:
                return 0.0, 0
        last, expected = words[start + len(wanted) - 1], wanted[-1]
        if last == expected:
            return _EXACT, 0
        if self.term.prefix and last.startswith(expected):
            return _PHRASE_PREFIX, len(expected)
        return 0.0, 0

    def could_match_more_than(self, previous: _Matcher) -> bool:
        """Whether some word matching self might not match `previous` (reuse check)."""
        old, new = previous.term, self.term
        if not (old.is_plain_word and new.is_plain_word and old.prefix and new.prefix):
            return self != previous
        if (old.at_start, old.at_end) != (new.at_start, new.at_end):
            return True
        stem = old.words[0]
        if not new.words[0].startswith(stem):
            return True
        allowed = previous.forms | previous.typos
        old_prefixes = (stem, *previous.typo_prefixes)
        return any(
            not v.startswith(old_prefixes) and v not in allowed for v in self.forms | self.typos
        ) or any(not p.startswith(old_prefixes) for p in self.typo_prefixes)


Alternatives = tuple[_Matcher, ...]


def _form_quality(wanted: str, word: str) -> float:
    """Another form of the word: the more letters it shares, the closer (joueuse/joueuses)."""
    shared = next(
        (i for i, (a, b) in enumerate(zip(wanted, word, strict=False)) if a != b),
        min(len(wanted), len(word)),
    )
    return _FORM - 0.1 * (1 - shared / max(len(wanted), len(word)))


@dataclass(slots=True)
class _Row:
    """A candidate: what ranking needs. The rest is fetched for the hits shown."""

    id: int
    title: str
    sort_date: str
    words: list[str]
    spaced: str  # " word word ... ": folded title words framed by spaces


@dataclass(slots=True)
class _Scored:
    row: _Row
    score: float
    in_title: bool


@dataclass(slots=True)
class _Previous:
    """The last query's title candidates, for the next keystroke to narrow down."""

    query: Query
    groups: tuple[Alternatives, ...]
    title_rows: list[_Row]
    complete: bool  # every title match is among title_rows
    short: bool  # found by the short-query path (a sample, never complete)


# --------------------------------------------------------------------------- searcher
_ROW_COLUMNS = "i.id, i.title, i.sort_date"


class Searcher:
    """Search one library. Use from one thread; cancel from any thread via a CancelToken."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._vocabulary = Vocabulary(connection)
        self._words: dict[int, tuple[list[str], str]] = {}  # folded titles by item id
        self._titles: dict[int, Folded] = {}  # titles of recent hits, for their spans
        self._bodies: dict[int, _Body] = {}  # bodies of recent hits, for their snippets
        self._expansions: dict[tuple[Term, bool], _Matcher] = {}
        self._previous: _Previous | None = None
        self._data_version = self._current_data_version()
        self._cancel: CancelToken | None = None

    @classmethod
    def open(cls, path: Path | str, on_build: Callable[[int], None] | None = None) -> Searcher:
        """Open the library at `path` for searching, migrating and indexing it if needed.

        `on_build(count)` is called before indexing `count` items that the index lacks
        (a library upgraded from v1): that takes a while once.
        """
        Library.open(path).close()  # migrations (and refusal of newer files) live there
        connection = db.connect(Path(path), LATEST_VERSION)
        try:
            ensure_index(connection, on_build)
        except BaseException:
            connection.close()
            raise
        return cls(connection)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public API
    def search(
        self,
        query: str | Query,
        limit: int = 50,
        cancel: CancelToken | None = None,
        *,
        snippets: bool = True,
    ) -> SearchResults:
        """Ranked hits for `query`; raises QueryError (bad syntax) or SearchCancelled.

        `snippets=False` leaves body snippets out (empty): the app's list shows titles
        only, and cutting 100 snippets was half of a one-letter query's time.
        """
        started = time.perf_counter()
        parsed = parse(query) if isinstance(query, str) else query
        self._check_library_changed()
        with self._cancellable(cancel):
            self._check_cancel()
            if parsed.is_empty:
                return SearchResults(parsed.text, (), 0, True, False, 0.0)
            if not parsed.groups:
                scored, complete = self._filter_only(parsed, limit)
                reused = False
                groups: tuple[Alternatives, ...] = ()
            else:
                scored, complete, reused, groups = self._ranked(parsed, limit)
            self._check_cancel()
            scored.sort(key=lambda s: (round(s.score, 1), s.row.sort_date, s.row.id), reverse=True)
            hits = self._hits(scored[:limit], groups, snippets=snippets)
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResults(parsed.text, tuple(hits), len(scored), complete, reused, elapsed)

    # ------------------------------------------------------------------ plumbing
    def _current_data_version(self) -> int:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _check_library_changed(self) -> None:
        """Forget cached work when another connection committed (an import, a tag...)."""
        version = self._current_data_version()
        if version != self._data_version:
            self._data_version = version
            self._previous = None
            self._expansions.clear()
            self._words.clear()
            self._titles.clear()
            self._bodies.clear()

    @contextmanager
    def _cancellable(self, cancel: CancelToken | None) -> Iterator[None]:
        self._cancel = cancel
        if cancel is not None:
            # SQLite calls this every PROGRESS_STEPS VM steps; non-zero aborts the query.
            self._db.set_progress_handler(lambda: int(cancel.cancelled), PROGRESS_STEPS)
        try:
            yield
        except sqlite3.OperationalError as error:
            if cancel is not None and cancel.cancelled:
                raise SearchCancelled(str(error)) from None
            raise
        finally:
            if cancel is not None:
                self._db.set_progress_handler(None, PROGRESS_STEPS)
            self._cancel = None

    def _check_cancel(self) -> None:
        if self._cancel is not None and self._cancel.cancelled:
            raise SearchCancelled("cancelled")

    # ------------------------------------------------------------------ expansion
    def _matcher(self, term: Term, relaxed: bool) -> _Matcher:
        key = (term, relaxed)
        cached = self._expansions.get(key)
        if cached is not None:
            return cached
        matcher = _Matcher(term)
        if term.is_plain_word:
            word = term.words[0]
            forms = self._vocabulary.forms(word)
            typos: frozenset[str] = frozenset()
            typo_prefixes: frozenset[str] = frozenset()
            exists = (
                self._vocabulary.has_prefix(word) if term.prefix else self._vocabulary.has(word)
            )
            if relaxed or not (forms or exists):
                if term.prefix:
                    typo_prefixes = frozenset(self._vocabulary.typo_prefixes(word))
                else:
                    typos = frozenset(self._vocabulary.typos(word)) - forms
            matcher = _Matcher(term, forms, typos, typo_prefixes)
        if len(self._expansions) > 4096:
            self._expansions.clear()
        self._expansions[key] = matcher
        return matcher

    def _groups(self, query: Query, relaxed: bool) -> tuple[Alternatives, ...]:
        return tuple(
            tuple(self._matcher(term, relaxed) for term in group.alternatives)
            for group in query.groups
        )

    # ------------------------------------------------------------------ SQL
    def _filter_sql(self, filters: Filters) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        shared: list[tuple[str, list[object]]] = [item_clauses.tagged(tag) for tag in filters.tags]
        if filters.sources:
            source_ids = self._source_ids(filters.sources)
            clauses.append(f"i.source_id IN ({','.join('?' * len(source_ids)) or 'NULL'})")
            params.extend(source_ids)
        if filters.kind is not None:
            shared.append(item_clauses.of_kind(filters.kind))
        if filters.read is not None:
            shared.append(item_clauses.read_is(filters.read))
        if filters.starred is not None:
            shared.append(item_clauses.starred_is(filters.starred))
        if filters.story is not None:
            shared.append(item_clauses.in_story(filters.story))
        for condition, values in shared:
            clauses.append(condition)
            params.extend(values)
        # Dates are publication dates: an undated item's import day is not when it was
        # reported, so after:/before: leave it out (is:undated finds it).
        if filters.after is not None:
            clauses.append("i.published >= ?")
            params.append(filters.after)
        if filters.before is not None:
            clauses.append("i.published < ?")
            params.append(filters.before)
        if filters.dated is not None:
            clauses.append("i.published IS NOT NULL" if filters.dated else "i.published IS NULL")
        return "".join(f" AND {clause}" for clause in clauses), params

    def _source_ids(self, names: Sequence[str]) -> list[int]:
        """Sources whose folded name contains any of `names` folded: accents optional."""
        wanted = [fold(name) for name in names]
        return [
            source_id
            for source_id, name in self._db.execute("SELECT id, name FROM sources")
            if any(w and w in fold(name) for w in wanted)
        ]

    def _row(self, values: Sequence[object]) -> _Row:
        item_id = int(values[0])  # type: ignore[call-overload]
        cached = self._words.get(item_id)
        if cached is None:
            if len(self._words) >= _ROW_CACHE_LIMIT:
                self._words.clear()
            words = fold_words(str(values[1]))
            cached = self._words[item_id] = (words, " " + " ".join(words) + " ")
        return _Row(item_id, str(values[1]), str(values[2]), *cached)

    def _body(self, item_id: int, body_json: str) -> _Body:
        body = self._bodies.get(item_id)
        if body is None:
            if len(self._bodies) >= _BODY_CACHE_LIMIT:
                self._bodies.clear()
            body = self._bodies[item_id] = _Body(body_json)
        return body

    def _folded_title(self, row: _Row) -> Folded:
        folded = self._titles.get(row.id)
        if folded is None:
            if len(self._titles) >= _TITLE_CACHE_LIMIT:
                self._titles.clear()
            self._bodies.clear()
            folded = self._titles[row.id] = Folded(row.title)
        return folded

    def _fts_rows(
        self, query: Query, groups: tuple[Alternatives, ...], cap: int, *, titles: bool
    ) -> list[tuple[_Row, float]]:
        """Rows matching every group, newest first: in titles (the `search_titles` table,
        with prefix indexes), or anywhere (`search_index`, with bm25 over the body)."""
        where, params = self._filter_sql(query.filters)
        match = " AND ".join(
            "(" + " OR ".join(m.fts(titles) for m in group) + ")" for group in groups
        )
        # `word$` exclusions are checked on the title in Python; the others leave out
        # items holding the word anywhere, so the title tier asks the full table.
        excluded = " OR ".join(_Matcher(t).fts(False) for t in query.excluded if not t.at_end)
        if titles:
            table, bm25 = "search_titles", ", 0.0"
            if excluded:
                where += (
                    " AND f.rowid NOT IN"
                    " (SELECT rowid FROM search_index WHERE search_index MATCH ?)"
                )
                params.append(excluded)
        else:
            table, bm25 = "search_index", ", bm25(search_index, 0.0, 1.0)"
            if excluded:
                match = f"({match}) NOT ({excluded})"
        # CROSS JOIN keeps FTS5 as the outer loop, so ORDER BY rowid is free and LIMIT
        # stops early; SQLite would otherwise drive a selective filter from items and
        # run the MATCH once per row.
        sql = (
            f"SELECT {_ROW_COLUMNS}{bm25} FROM {table} f CROSS JOIN items i ON i.id = f.rowid"
            f" WHERE {table} MATCH ?{where} ORDER BY f.rowid DESC LIMIT ?"
        )
        rows = self._db.execute(sql, [match, *params, cap]).fetchall()
        return [(self._row(row), float(row[3])) for row in rows]

    # ------------------------------------------------------------------ ranking
    def _filter_only(self, query: Query, limit: int) -> tuple[list[_Scored], bool]:
        """Newest first; complete when fewer than `limit` rows matched (all are here)."""
        where, params = self._filter_sql(query.filters)
        if query.excluded:
            excluded = " OR ".join(_Matcher(t).fts(False) for t in query.excluded)
            where += " AND i.id NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)"
            params.append(excluded)
        sql = (
            f"SELECT {_ROW_COLUMNS} FROM items i"
            f" WHERE 1{where} ORDER BY i.sort_date DESC, i.id DESC LIMIT ?"
        )
        rows = [self._row(values) for values in self._db.execute(sql, [*params, limit])]
        kept = [_Scored(row, 0.0, False) for row in rows if not self._excluded(query, row)]
        return kept, len(rows) < limit

    def _excluded(self, query: Query, row: _Row) -> bool:
        return any(
            next(_Matcher(term).matches(row.words), None) is not None
            for term in query.excluded
            if term.at_end
        )

    def _ranked(
        self, query: Query, limit: int
    ) -> tuple[list[_Scored], bool, bool, tuple[Alternatives, ...]]:
        strict = self._groups(query, relaxed=False)
        scored, complete, reused = self._tiers(query, strict, limit, relaxed=False)
        if scored:
            return scored, complete, reused, strict
        # Nothing at all: give every word its typo candidates and try once more.
        relaxed = self._groups(query, relaxed=True)
        if relaxed == strict:
            return scored, complete, reused, strict
        scored, complete, reused = self._tiers(query, relaxed, limit, relaxed=True)
        return scored, complete, reused, relaxed

    def _is_short(self, groups: tuple[Alternatives, ...]) -> bool:
        if len(groups) != 1 or len(groups[0]) != 1:
            return False
        term = groups[0][0].term
        return term.is_plain_word and len(term.words[0]) <= SHORT_QUERY_CHARS

    def _tiers(
        self, query: Query, groups: tuple[Alternatives, ...], limit: int, relaxed: bool
    ) -> tuple[list[_Scored], bool, bool]:
        short = self._is_short(groups)
        reused = False
        previous = self._previous
        if not relaxed and previous is not None and self._same(previous, query, groups):
            # Only spacing changed (a space typed before the next word): same candidates.
            candidates = previous.title_rows
            complete, reused = previous.complete, True
        elif not relaxed and previous is not None and self._extends(previous, query, groups):
            candidates = previous.title_rows
            complete, reused = True, True
        else:
            cap = max(limit, SHORT_CAP) if short else max(limit, CANDIDATE_CAP)
            found = self._fts_rows(query, groups, cap, titles=True)
            candidates = [row for row, _ in found]
            complete = len(found) < cap
        title_rows: list[_Row] = []
        scored: list[_Scored] = []
        for row in candidates:
            matched = _title_matches(groups, row)
            if matched and not self._excluded(query, row):
                title_rows.append(row)
                scored.append(_Scored(row, 50.0 + 50.0 * _title_score(matched, row.words), True))
        self._previous = None if relaxed else _Previous(query, groups, title_rows, complete, short)
        self._check_cancel()
        if len(scored) < limit and not short:
            seen = {row.id for row in title_rows}
            found = self._fts_rows(query, groups, BODY_CAP + len(seen), titles=False)
            best_bm25 = min((bm25 for _, bm25 in found), default=0.0)
            for row, bm25 in found:
                if row.id in seen or self._excluded(query, row):
                    continue
                if not _anchors_hold(groups, row):
                    continue
                body = bm25 / best_bm25 if best_bm25 < 0 else 0.0
                coverage = _title_coverage(groups, row)
                scored.append(_Scored(row, 50.0 * (0.6 * coverage + 0.4 * body), False))
            complete = complete and len(found) < BODY_CAP + len(seen)
        return scored, complete, reused

    @staticmethod
    def _same(previous: _Previous, query: Query, groups: tuple[Alternatives, ...]) -> bool:
        return (previous.groups, previous.query.filters, previous.query.excluded) == (
            groups,
            query.filters,
            query.excluded,
        )

    def _extends(self, previous: _Previous, query: Query, groups: tuple[Alternatives, ...]) -> bool:
        """Whether every title match of `query` is among the previous title candidates."""
        if not previous.complete or previous.short or not previous.groups:
            return False
        if len(groups) < len(previous.groups):
            return False
        if (previous.query.filters, previous.query.excluded) != (query.filters, query.excluded):
            return False
        for old, new in zip(previous.groups, groups, strict=False):
            if len(old) != 1 or len(new) != 1:
                if old != new:
                    return False
            elif new[0].could_match_more_than(old[0]):
                return False
        return True

    # ------------------------------------------------------------------ hits
    def _hits(
        self, scored: list[_Scored], groups: tuple[Alternatives, ...], *, snippets: bool = True
    ) -> list[SearchHit]:
        if not scored:
            return []
        marks = ",".join("?" * len(scored))
        body = "CASE WHEN i.kind = 'article' THEN i.body END" if snippets else "NULL"
        details = {
            row[0]: row[1:]
            for row in self._db.execute(
                f"SELECT i.id, i.kind, i.published, i.read, s.name, {body}"
                f" FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id IN ({marks})",
                [entry.row.id for entry in scored],
            )
        }
        hits: list[SearchHit] = []
        for entry in scored:
            row = entry.row
            kind, published, read, source, body = details[row.id]
            title_spans = _merge(_spans(groups, self._folded_title(row), anchors=True), row.title)
            snippet, snippet_spans = (
                ("", ()) if body is None else _snippet(groups, self._body(row.id, body))
            )
            hits.append(
                SearchHit(
                    id=row.id,
                    title=row.title,
                    score=round(entry.score, 1),
                    source=source,
                    kind=kind,
                    published=published,
                    sort_date=row.sort_date,
                    read=bool(read),
                    in_title=entry.in_title,
                    title_spans=title_spans,
                    snippet=snippet,
                    snippet_spans=snippet_spans,
                )
            )
        return hits


# --------------------------------------------------------------------------- scoring
def _best(group: Alternatives, words: Sequence[str], spaced: str | None = None) -> _Match | None:
    if len(group) == 1:
        return group[0].best(words, spaced)
    found = [match for matcher in group if (match := matcher.best(words, spaced)) is not None]
    return max(found, key=lambda m: m.quality, default=None)


def _title_matches(groups: tuple[Alternatives, ...], row: _Row) -> list[_Match]:
    """The best title match of every group, or [] if some group is not in the title."""
    found: list[_Match] = []
    for group in groups:
        match = (
            group[0].best(row.words, row.spaced)
            if len(group) == 1
            else _best(group, row.words, row.spaced)
        )
        if match is None:
            return []
        found.append(match)
    return found


def _anchors_hold(groups: tuple[Alternatives, ...], row: _Row) -> bool:
    """Anchored terms are about the title: the body cannot satisfy them."""
    for group in groups:
        anchored = all(m.term.at_start or m.term.at_end for m in group)
        if anchored and _best(group, row.words, row.spaced) is None:
            return False
    return True


def _title_coverage(groups: tuple[Alternatives, ...], row: _Row) -> float:
    found = sum(_best(group, row.words, row.spaced) is not None for group in groups)
    return found / len(groups)


def _title_score(found: Sequence[_Match], words: Sequence[str]) -> float:
    """0..1 for a title matching every group: quality, order and adjacency, density."""
    if not found or not words:
        return 0.0
    quality = sum(match.quality for match in found) / len(found)
    if len(found) == 1:
        proximity = 1.0 if found[0].first == 0 else 0.6
    else:
        in_order = all(a.last < b.first for a, b in itertools.pairwise(found))
        adjacent = in_order and all(a.last + 1 == b.first for a, b in itertools.pairwise(found))
        proximity = 1.0 if adjacent else 0.6 if in_order else 0.3
    covered = sum(match.last - match.first + 1 for match in found)
    density = min(1.0, covered / len(words))
    return 0.55 * quality + 0.2 * proximity + 0.25 * density


# --------------------------------------------------------------------------- spans
def _spans(groups: tuple[Alternatives, ...], text: Folded, *, anchors: bool) -> list[Span]:
    """Original spans of every match of every term (for highlighting)."""
    spans: list[Span] = []
    for group in groups:
        for matcher in group:
            if not anchors and (matcher.term.at_start or matcher.term.at_end):
                continue
            for match in matcher.matches(text.words, anchors=anchors):
                start = text.span(match.first)[0]
                spans.append((start, text.span(match.last, match.prefix)[1]))
    return spans


def _merge(spans: list[Span], text: str) -> tuple[Span, ...]:
    """Sorted spans, joined when only punctuation or spaces separate them (Jong-un)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and (
            start <= merged[-1][1] or not any(c.isalnum() for c in text[merged[-1][1] : start])
        ):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


class _Body:
    """An article body split into paragraphs, folded lazily; cached between keystrokes."""

    __slots__ = ("_aligned", "_folded", "paragraphs")

    def __init__(self, body_json: str) -> None:
        texts = block_texts(body_json)
        self.paragraphs: list[str] = []
        budget = MAX_BODY_CHARS  # what the index saw
        for text in texts:
            if budget <= 0:
                break
            if text.strip():
                self.paragraphs.append(text)
                budget -= len(text)
        self._aligned: dict[int, str] = {}
        self._folded: dict[int, Folded] = {}

    def aligned(self, index: int) -> str:
        if index not in self._aligned:
            self._aligned[index] = fold_aligned(self.paragraphs[index])
        return self._aligned[index]

    def folded(self, index: int) -> Folded:
        if index not in self._folded:
            self._folded[index] = Folded(self.paragraphs[index])
        return self._folded[index]


def _snippet(groups: tuple[Alternatives, ...], body: _Body) -> tuple[str, tuple[Span, ...]]:
    """A short window of the body around its first match (else its opening words)."""
    if not body.paragraphs:
        return "", ()
    matchers = [m for group in groups for m in group if not (m.term.at_start or m.term.at_end)]
    for index, paragraph in enumerate(body.paragraphs):
        aligned = body.aligned(index)
        if any(m.first_position(aligned) >= 0 for m in matchers):
            spans = _merge(_spans(groups, body.folded(index), anchors=False), paragraph)
            return _window(paragraph, spans)
    return _window(body.paragraphs[0], ())


def _window(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[Span, ...]]:
    start = 0
    if spans and spans[0][0] > SNIPPET_CHARS // 3:
        start = text.rfind(" ", 0, spans[0][0] - SNIPPET_CHARS // 4) + 1
    end = len(text)
    if end - start > SNIPPET_CHARS:
        cut = text.rfind(" ", start, start + SNIPPET_CHARS)
        end = cut if cut > start else start + SNIPPET_CHARS
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shift = len(lead) - start
    kept = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start
    )
    return lead + text[start:end] + tail, kept


# --------------------------------------------------------------------------- index upkeep
def ensure_index(
    connection: sqlite3.Connection, on_build: Callable[[int], None] | None = None
) -> int:
    """Bring the index up to date (a library upgraded from v1); returns items indexed."""
    count = pending(connection)
    if not count:
        return 0
    if on_build is not None:
        on_build(count)
    with db.write_transaction(connection, "cannot build the search index"):
        return sync(connection)
