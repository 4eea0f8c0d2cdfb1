"""The search index: kept in step with the items table, inside the caller's transaction.

Tables (schema migration v2, reader/library/schema.py):

* `search_titles`: contentless FTS5 over the folded title of each item (rowid = item
  id), `ascii` tokenizer since the text is folded already (so FTS5 splits words exactly
  where `normalize.fold_words` does), prefix indexes for 1-4 characters so the first
  keystrokes read one doclist instead of merging thousands.
* `search_index`: the same over the folded title and body, with a prefix index of
  BODY_PREFIX_CHARS letters only: prefix indexes over bodies tripled FTS5's upkeep, and
  only the body tier and exclusions read this table (see `reader/search/__init__.py`).
* `search_terms`: every folded word seen (numbers aside): the vocabulary typo tolerance
  searches. Words are never removed; a stale word only costs a lookup that finds nothing.
* `search_stems`: (stem key, word) pairs, see `reader/text/stem.py`.
* `search_state`: the format the index was built in (absent: not built yet).

`sync` indexes the items an import just inserted, in the import's transaction. When the
index was never built (a library upgraded from v1) or its format changed, it indexes the
whole library instead, once: on the first import or search after the upgrade. Item ids
are the FTS rowids; SQLite may reuse the id of a deleted newest item, which is why new
items are named explicitly rather than found by a high-water mark. Contentless FTS5
needs the indexed text again to delete a row; `remove` recomputes it from the items
table, so call it before deleting items.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

from reader.library.codec import block_texts
from reader.text.fold import fold_aligned, fold_words
from reader.text.stem import stem_keys

INDEX_FORMAT = 2
"""Bump when folding or stemming changes: the index is then rebuilt on next sync."""

BODY_PREFIX_CHARS = 4
"""`search_index` has a prefix index of this length only (see `_Matcher.fts` in engine)."""

MAX_BODY_CHARS = 100_000
"""Only the first 100k characters of a body are indexed (pages pasted whole can be huge)."""

_BATCH = 1000

ProgressFn = Callable[[int, int], None]


def body_text(body_json: str) -> str:
    """The text of a stored body (JSON list of paragraphs and headings)."""
    return "\n".join(block_texts(body_json))[:MAX_BODY_CHARS]


def _state(db: sqlite3.Connection, key: str) -> int:
    row = db.execute("SELECT value FROM search_state WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _set_state(db: sqlite3.Connection, key: str, value: int) -> None:
    db.execute(
        "INSERT INTO search_state (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def is_built(db: sqlite3.Connection) -> bool:
    """Whether the index covers the library in the current format."""
    return _state(db, "format") == INDEX_FORMAT


def pending(db: sqlite3.Connection) -> int:
    """How many items a `sync` would have to index before searching is possible."""
    if is_built(db):
        return 0
    return int(db.execute("SELECT count(*) FROM items").fetchone()[0])


def sync(
    db: sqlite3.Connection,
    new_item_ids: Sequence[int] = (),
    on_progress: ProgressFn | None = None,
) -> int:
    """Index the items just inserted, or the whole library the first time (or after a
    format change); returns how many items were indexed. Call inside a transaction."""
    if not is_built(db):
        return _build(db, on_progress)
    for start in range(0, len(new_item_ids), _BATCH):
        chunk = list(new_item_ids[start : start + _BATCH])
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"SELECT id, title, body FROM items WHERE id IN ({marks})", chunk)
        add_items(db, [(row[0], row[1], body_text(row[2])) for row in rows])
    return len(new_item_ids)


def _ensure_tables(db: sqlite3.Connection) -> None:
    """Recreate the FTS5 tables of a library made before titles had a table of their own
    (index format 1: a single table with prefix indexes over bodies too)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_titles'").fetchone():
        return
    db.execute("DROP TABLE IF EXISTS search_index")
    for statement in _FTS_TABLES:
        db.execute(statement)


# The FTS5 tables of schema migration v2 (reader/library/schema.py), for _ensure_tables.
_FTS_TABLES = (
    "CREATE VIRTUAL TABLE search_titles USING fts5"
    " (title, content = '', tokenize = 'ascii', prefix = '1 2 3 4')",
    "CREATE VIRTUAL TABLE search_index USING fts5"
    " (title, body, content = '', tokenize = 'ascii', prefix = '4')",
)


def _build(db: sqlite3.Connection, on_progress: ProgressFn | None) -> int:
    # Contentless FTS5 forgets every row with 'delete-all'; the vocabulary goes too,
    # since its stem keys may have changed with the format.
    _ensure_tables(db)
    db.execute("INSERT INTO search_titles (search_titles) VALUES ('delete-all')")
    db.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
    db.execute("DELETE FROM search_stems")
    db.execute("DELETE FROM search_terms")
    expected = pending(db) if on_progress is not None else 0
    total = last_id = 0
    while True:
        rows = db.execute(
            "SELECT id, title, body FROM items WHERE id > ? ORDER BY id LIMIT ?",
            (last_id, _BATCH),
        ).fetchall()
        if not rows:
            break
        add_items(db, [(row[0], row[1], body_text(row[2])) for row in rows])
        last_id = rows[-1][0]
        total += len(rows)
        if on_progress is not None:
            on_progress(total, expected)
    _set_state(db, "format", INDEX_FORMAT)
    return total


def _folded(title: str, body: str) -> tuple[str, str]:
    """The folded title and body as the FTS5 tables get them.

    The body is not split into words and joined again: FTS5's `ascii` tokenizer splits
    folded text exactly where `str.split` does (folding leaves only lowercase letters,
    digits, letters of other scripts and spaces), so a run of spaces is just a separator.
    """
    return " ".join(fold_words(title)), fold_aligned(body) if body else ""


def add_items(db: sqlite3.Connection, items: Sequence[tuple[int, str, str]]) -> None:
    """Index (id, title, body text) rows and add their new words to the vocabulary."""
    titles: list[tuple[int, str]] = []
    documents: list[tuple[int, str, str]] = []
    for item_id, title, body in items:
        folded_title, folded_body = _folded(title, body)
        titles.append((item_id, folded_title))
        documents.append((item_id, folded_title, folded_body))
    db.executemany("INSERT INTO search_titles (rowid, title) VALUES (?, ?)", titles)
    db.executemany("INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", documents)
    # One split over the whole batch: the distinct words, for the vocabulary.
    _add_words(db, set(" ".join(text for document in documents for text in document[1:]).split()))


def _add_words(db: sqlite3.Connection, words: Iterable[str]) -> None:
    before = db.execute("SELECT coalesce(max(id), 0) FROM search_terms").fetchone()[0]
    db.executemany(
        "INSERT OR IGNORE INTO search_terms (term) VALUES (?)",
        [(word,) for word in words if not word.isdigit()],
    )
    new_words = [
        row[0] for row in db.execute("SELECT term FROM search_terms WHERE id > ?", (before,))
    ]
    db.executemany(
        "INSERT OR IGNORE INTO search_stems (stem, term) VALUES (?, ?)",
        [(key, word) for word in new_words for key in stem_keys(word)],
    )


def remove(db: sqlite3.Connection, item_ids: Iterable[int]) -> None:
    """Take items out of the index; call before deleting (or editing) their rows."""
    if not is_built(db):
        return  # the next build reads the items table as it then is
    for item_id in item_ids:
        row = db.execute("SELECT title, body FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            continue
        title, body = _folded(row[0], body_text(row[1]))
        db.execute(
            "INSERT INTO search_titles (search_titles, rowid, title) VALUES ('delete', ?, ?)",
            (item_id, title),
        )
        db.execute(
            "INSERT INTO search_index (search_index, rowid, title, body)"
            " VALUES ('delete', ?, ?, ?)",
            (item_id, title, body),
        )
