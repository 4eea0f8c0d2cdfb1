"""The library: one SQLite file holding sources, items and tags (and, for the engines,
the search index and the story tables, whose SQL lives with them).

A `Library` wraps one connection and must be used from one thread; open another
`Library` on the same path for another thread or process (WAL mode and a busy timeout
let a TUI and a CLI import share the file). Every write runs in a `BEGIN IMMEDIATE`
transaction, so a failure leaves nothing half-written; a service that must store and
index in one step opens `transaction()` and the calls inside join it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from reader.library import clauses, db
from reader.library.codec import decode_blocks, encode_blocks, normalize_tag, tag_key
from reader.library.errors import LibraryError, NotFoundError
from reader.library.schema import LATEST_VERSION, MIGRATIONS
from reader.model import (
    LATER_TAG,
    ImportCounts,
    Item,
    ItemFilter,
    ItemSummary,
    LibraryStats,
    ParsedDocument,
    ParsedItem,
    SourceInfo,
    SourceKind,
    StoredDocument,
    TagCount,
)

_Cached = TypeVar("_Cached")
_TAG_SEPARATOR = "\x1f"  # cannot occur in a cleaned tag name
ALL_ITEMS = ItemFilter()


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # naive dates from inputs are taken as UTC
    return moment.astimezone(UTC).isoformat()


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def headline_hash(title: str) -> str:
    """Identity of a headline within a source: its words, spacing aside, case included.

    Case counts for headlines (schema v4): "Olympics Ratings Plummet" and "Olympics ratings
    plummet" are two lines of a list and both are kept; duplicate sets show them as one.
    """
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(b"headline\0" + " ".join(title.split()).encode())
    return digest.hexdigest()


def content_hash(item: ParsedItem) -> str:
    """Identity of an item's content within a source (an article's case and spacing do not
    count, a headline's case does: see `headline_hash`)."""
    if item.kind == "headline":
        return headline_hash(item.title)
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(item.kind.encode())
    digest.update(b"\0" + _fold(item.title).encode())
    for block in item.blocks:
        digest.update(b"\0" + _fold(block.text).encode())
    return digest.hexdigest()


def _split_statements(script: str) -> Iterator[str]:
    """Statements of a migration, so they can run inside our own transaction."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


_SUMMARY_COLUMNS = """
    i.id, i.kind, i.title, i.title_derived, i.author, i.published, i.url, s.name,
    i.imported_at, i.read, i.starred, i.story_id,
    (SELECT group_concat(t.name, char(31)) FROM item_tags it JOIN tags t ON t.id = it.tag_id
     WHERE it.item_id = i.id) AS tag_names
"""


class Library:
    """A reader library file; see the module docstring for the threading rule."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._caches: dict[str, Any] = {}
        self._in_transaction = False

    @property
    def connection(self) -> db.Connection:
        """The connection, for the engines' own SQLite state (the search index, the
        story tables). Services and front ends go through the methods instead."""
        return self._db

    def cached(self, key: str, make: Callable[[], _Cached]) -> _Cached:
        """A cache an engine keeps for this library (made on first use by `make`); it
        goes with the connection, so two libraries never share one."""
        if key not in self._caches:
            self._caches[key] = make()
        return self._caches[key]  # type: ignore[no-any-return]

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path | str) -> Library:
        """Open (creating if needed) and migrate the library at `path`."""
        library_path = Path(path)
        connection = _connect(library_path)
        library = cls(library_path, connection)
        try:
            library._migrate()
        except BaseException:
            connection.close()
            raise
        return library

    def close(self) -> None:
        self._caches.clear()  # engines' caches go with the connection
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.schema_version >= LATEST_VERSION:
            return
        with self.transaction():
            # Re-read inside the lock: another process may have migrated meanwhile.
            for version in range(self.schema_version, LATEST_VERSION):
                for statement in _split_statements(MIGRATIONS[version]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")

    @contextmanager
    def transaction(self) -> Iterator[db.Connection]:
        """One write transaction, taken at once so concurrent writers queue, not deadlock;
        all of it or nothing. Writes called inside an open one join it."""
        if self._in_transaction:
            yield self._db
            return
        with db.write_transaction(self._db, f"{self.path}: cannot write") as connection:
            self._in_transaction = True
            try:
                yield connection
            finally:
                self._in_transaction = False

    # ----------------------------------------------------------------- sources
    def _source_id(self, name: str, kind: SourceKind, origin: str | None) -> int:
        key = _fold(name)
        row = self._db.execute("SELECT id FROM sources WHERE key = ?", (key,)).fetchone()
        if row:
            return int(row[0])
        cursor = self._db.execute(
            "INSERT INTO sources (name, key, kind, origin, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, key, kind, origin, _iso(now_utc())),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def sources(self) -> list[SourceInfo]:
        rows = self._db.execute(
            """SELECT s.id, s.name, s.kind, s.origin, count(i.id), coalesce(sum(i.read = 0), 0)
               FROM sources s LEFT JOIN items i ON i.source_id = s.id
               GROUP BY s.id ORDER BY s.key"""
        ).fetchall()
        return [SourceInfo(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

    def rename_source(self, old: str, new: str) -> None:
        """Give a source another name (case and accents of `old` do not matter). A name
        another source has already is refused: two sources are not merged by a rename."""
        new = " ".join(new.split())
        if not new:
            raise LibraryError("a source needs a name")
        with self.transaction() as connection:
            row = connection.execute(
                "SELECT id FROM sources WHERE key = ?", (_fold(old),)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no source named {old!r} (see 'reader stats')")
            taken = connection.execute(
                "SELECT id FROM sources WHERE key = ? AND id != ?", (_fold(new), row[0])
            ).fetchone()
            if taken is not None:
                raise LibraryError(f"a source named {new!r} exists already")
            connection.execute(
                "UPDATE sources SET name = ?, key = ? WHERE id = ?", (new, _fold(new), row[0])
            )

    def has_source(self, name: str) -> bool:
        row = self._db.execute("SELECT 1 FROM sources WHERE key = ?", (_fold(name),)).fetchone()
        return row is not None

    # ----------------------------------------------------------------- importing
    def add_document(
        self,
        document: ParsedDocument,
        *,
        source_name: str,
        source_kind: SourceKind,
        origin: str | None,
        tags: Sequence[str] = (),
    ) -> StoredDocument:
        """Store one parsed input in a single transaction: all of it or nothing.

        Storage only: `reader.services.importing.store_document` calls this inside its
        own transaction and indexes and groups the new items there.
        """
        tag_names = [normalize_tag(tag) for tag in tags]
        added = duplicates = 0
        imported_at = _iso(now_utc())
        with self.transaction():
            # A backup's items name their own sources; the file is then not one.
            own_sources = bool(document.items) and all(item.source for item in document.items)
            source_id = 0 if own_sources else self._source_id(source_name, source_kind, origin)
            for feed in document.feeds:
                self._source_id(feed.title or feed.url, "feed", feed.url)
            item_ids: list[int] = []
            new_item_ids: list[int] = []
            item_sources: dict[str, int] = {}
            for parsed in document.items:
                own_source = source_id
                if parsed.source:  # a backup's item: its own source, looked up once
                    if parsed.source not in item_sources:
                        item_sources[parsed.source] = self._source_id(parsed.source, "file", None)
                    own_source = item_sources[parsed.source]
                item_id, is_new = self._insert_item(
                    own_source, parsed, _iso(parsed.imported_at) or imported_at
                )
                item_ids.append(item_id)
                if is_new:
                    new_item_ids.append(item_id)
                added += is_new
                duplicates += not is_new
                if parsed.read or parsed.starred or parsed.tags:
                    self._restore_state(item_id, parsed)
            if tag_names:
                self._tag(item_ids, tag_names)
        return StoredDocument(ImportCounts(added=added, duplicates=duplicates), new_item_ids)

    def _restore_state(self, item_id: int, parsed: ParsedItem) -> None:
        """Tags, read and star state a backup gives; state already set is never undone."""
        for column, value in (("read", parsed.read), ("starred", parsed.starred)):
            if value:
                self._db.execute(f"UPDATE items SET {column} = 1 WHERE id = ?", (item_id,))
        names: list[str] = []
        for raw in parsed.tags:
            try:
                names.append(normalize_tag(raw))
            except LibraryError:
                continue  # an empty or overlong tag in a hand-edited backup
        if names:
            self._tag([item_id], names)

    def _insert_item(
        self, source_id: int, parsed: ParsedItem, imported_at: str | None
    ) -> tuple[int, bool]:
        digest = content_hash(parsed)
        existing = self._db.execute(
            "SELECT id FROM items WHERE source_id = ? AND content_hash = ?", (source_id, digest)
        ).fetchone()
        if existing is None and parsed.guid:
            existing = self._db.execute(
                "SELECT id FROM items WHERE source_id = ? AND guid = ?", (source_id, parsed.guid)
            ).fetchone()
        if existing is not None:
            return int(existing[0]), False
        published = _iso(parsed.published)
        cursor = self._db.execute(
            """INSERT INTO items (source_id, kind, title, title_derived, body, author, published,
                                  url, guid, content_hash, imported_at, sort_date)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                source_id,
                parsed.kind,
                parsed.title,
                int(parsed.title_derived),
                encode_blocks(parsed.blocks),
                parsed.author,
                published,
                parsed.url,
                parsed.guid,
                digest,
                imported_at,
                published or imported_at,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid, True

    # ----------------------------------------------------------------- reading items
    def _clauses(
        self, item_filter: ItemFilter, item: str = "i", source: str = "s"
    ) -> tuple[list[str], list[Any]]:
        """The filter's constraints on `item` (items) and `source` (sources) aliases."""
        found: list[tuple[str, list[object]]] = []
        if item_filter.tag is not None:
            found.append(clauses.tagged(item_filter.tag, item))
        if item_filter.source is not None:
            found.append((f"{source}.key = ?", [_fold(item_filter.source)]))
        if item_filter.kind is not None:
            found.append(clauses.of_kind(item_filter.kind, item))
        if item_filter.unread:
            found.append(clauses.read_is(False, item))
        if item_filter.starred:
            found.append(clauses.starred_is(True, item))
        if item_filter.story_id is not None:
            found.append(clauses.in_story(item_filter.story_id, item))
        conditions = [condition for condition, _ in found]
        params: list[Any] = [value for _, values in found for value in values]
        return conditions, params

    def _copies(self, item_filter: ItemFilter) -> tuple[str, list[Any]]:
        """Joins and conditions reaching, as `i2`, the other matching items of `i`'s set.

        A set is the items sharing a `dup_root` within one story (as `with_duplicates`);
        items not grouped yet have no profile and stand alone. Probing the set through
        story_profiles_by_root per row keeps a page of a collapsed list as cheap as its
        size, instead of ranking every matching item on each call.
        """
        clauses, params = self._clauses(item_filter, "i2", "s2")
        # CROSS JOIN fixes the order (row, its set, the copies): left free, the planner
        # took `i2` from items_unread for an unread filter, scanning every older unread
        # item per row (34 s for 200 rows at 100k items instead of milliseconds).
        sql = (
            "story_profiles p1"
            " CROSS JOIN story_profiles p2"
            " ON p2.dup_root = p1.dup_root AND p2.item_id != p1.item_id"
            " CROSS JOIN items i2 ON i2.id = p2.item_id"
            " CROSS JOIN sources s2 ON s2.id = i2.source_id"
            " WHERE p1.item_id = i.id AND i2.story_id = i.story_id"
        )
        return sql + "".join(f" AND {clause}" for clause in clauses), params

    def _where(self, item_filter: ItemFilter) -> tuple[str, list[Any]]:
        clauses, params = self._clauses(item_filter)
        if item_filter.collapse_duplicates:
            # The set's oldest matching item is its row: hide items with an older one.
            copies, copies_params = self._copies(item_filter)
            clauses.append(
                f"NOT EXISTS (SELECT 1 FROM {copies}"
                " AND (i2.sort_date, i2.id) < (i.sort_date, i.id))"
            )
            params.extend(copies_params)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list_items(
        self, item_filter: ItemFilter = ALL_ITEMS, *, limit: int | None = None, offset: int = 0
    ) -> list[ItemSummary]:
        """Items matching the filter, newest first.

        With `collapse_duplicates`, one row per duplicate set, each carrying in
        `duplicates` how many matching copies it stands for (`hidden_duplicates` names
        them); `limit` and `offset` then count rows, so pages stay stable.
        """
        where, params = self._where(item_filter)
        columns, column_params = _SUMMARY_COLUMNS, list[Any]()
        if item_filter.collapse_duplicates:
            # Counted for the rows returned only: the row is the oldest, so every other
            # matching member of its set is a hidden copy.
            copies, column_params = self._copies(item_filter)
            columns = f"{_SUMMARY_COLUMNS}, (SELECT count(*) FROM {copies}) AS duplicates"
        sql = (
            f"SELECT {columns} FROM items i JOIN sources s ON s.id = i.source_id"
            f"{where} ORDER BY i.sort_date DESC, i.id DESC LIMIT ? OFFSET ?"
        )
        rows = self._db.execute(
            sql, [*column_params, *params, -1 if limit is None else limit, offset]
        )
        if item_filter.collapse_duplicates:
            return [ItemSummary(**_summary_fields(row), duplicates=row[13]) for row in rows]
        return [_summary(row) for row in rows]

    def count_items(self, item_filter: ItemFilter = ALL_ITEMS) -> int:
        """How many rows `list_items` gives for the filter (sets count once when collapsed)."""
        if item_filter.collapse_duplicates:
            # All matches less the copies hidden behind an older one. Counting the rows
            # directly reads every item row (bodies included); this reads the count's
            # covering index, then only the items of sets with two members or more.
            plain = replace(item_filter, collapse_duplicates=False)
            return self.count_items(plain) - self._hidden_count(item_filter)
        where, params = self._where(item_filter)
        sql = f"SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id{where}"
        return int(self._db.execute(sql, params).fetchone()[0])

    def _hidden_count(self, item_filter: ItemFilter) -> int:
        """Matching items that an older matching copy stands for in a collapsed list."""
        clauses, params = self._clauses(item_filter)
        copies, copies_params = self._copies(item_filter)
        conditions = "".join(f" AND {clause}" for clause in clauses)
        # Without a selective filter (tag, source, story), start from the sets: left free,
        # the planner walked every unread item for an unread filter (0.3 s at 100k).
        selective = (item_filter.tag, item_filter.source, item_filter.story_id) != (None,) * 3
        join = " JOIN " if selective else " CROSS JOIN "
        sql = (
            f"SELECT count(*) FROM story_profiles c{join}items i ON i.id = c.item_id"
            f"{join}sources s ON s.id = i.source_id"
            # sets with a member other than their root: the only ones that hide anything
            " WHERE c.dup_root IN (SELECT dup_root FROM story_profiles WHERE item_id != dup_root)"
            f"{conditions} AND EXISTS (SELECT 1 FROM {copies}"
            " AND (i2.sort_date, i2.id) < (i.sort_date, i.id))"
        )
        return int(self._db.execute(sql, [*params, *copies_params]).fetchone()[0])

    def duplicate_roots(self, item_ids: Sequence[int]) -> dict[int, int]:
        """The first item of each given item's duplicate set (its own id when it has no
        copies, or before grouping has seen it)."""
        roots = {item_id: item_id for item_id in item_ids}
        for start in range(0, len(item_ids), 500):  # stay under SQLite's variable limit
            chunk = item_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT item_id, dup_root FROM story_profiles WHERE item_id IN ({marks})",
                list(chunk),
            )
            roots.update((int(item_id), int(root)) for item_id, root in rows)
        return roots

    def hidden_duplicates(
        self, item_ids: Sequence[int], item_filter: ItemFilter = ALL_ITEMS
    ) -> dict[int, list[int]]:
        """For rows of a collapsed list: the matching copies each row stands for.

        Maps every given id to the other items of its duplicate set that match the
        filter (oldest first; empty when it has none), e.g. to expand a "+N sources" row.
        """
        copies, params = self._copies(item_filter)
        found: dict[int, list[int]] = {item_id: [] for item_id in item_ids}
        for start in range(0, len(item_ids), 500):  # stay under SQLite's variable limit
            chunk = item_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT i.id, i2.id FROM items i, {copies} AND i.id IN ({marks})"
                " ORDER BY i2.sort_date, i2.id",
                [*params, *chunk],
            )
            for item_id, copy_id in rows:
                found[item_id].append(copy_id)
        return found

    def iter_items(self, item_filter: ItemFilter = ALL_ITEMS) -> Iterator[Item]:
        """Full items matching the filter, newest first, fetched lazily."""
        where, params = self._where(item_filter)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS}, i.body, i.guid FROM items i"
            f" JOIN sources s ON s.id = i.source_id{where} ORDER BY i.sort_date DESC, i.id DESC"
        )
        for row in self._db.execute(sql, params):
            yield _item(row)

    def summaries(self, item_ids: Sequence[int]) -> list[ItemSummary]:
        """Items by id, in the order given (search results); missing ids are skipped."""
        found: dict[int, ItemSummary] = {}
        for start in range(0, len(item_ids), 500):  # stay under SQLite's variable limit
            chunk = item_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id"
                f" WHERE i.id IN ({marks})",
                list(chunk),
            )
            found.update((row[0], _summary(row)) for row in rows)
        return [found[item_id] for item_id in item_ids if item_id in found]

    def data_version(self) -> int:
        """Changes whenever another connection commits: the app polls it to refresh."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def get_item(self, item_id: int) -> Item:
        row = self._db.execute(
            f"SELECT {_SUMMARY_COLUMNS}, i.body, i.guid FROM items i"
            " JOIN sources s ON s.id = i.source_id WHERE i.id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no item with id {item_id}")
        return _item(row)

    def require_items(self, item_ids: Iterable[int]) -> list[int]:
        """The ids, once each in the order given; NotFoundError names the first missing."""
        wanted = list(dict.fromkeys(item_ids))
        for item_id in wanted:
            if self._db.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone() is None:
                raise NotFoundError(f"no item with id {item_id}")
        return wanted

    # ----------------------------------------------------------------- tags
    def _tag_id(self, name: str, *, create: bool) -> int | None:
        key = tag_key(name)
        row = self._db.execute("SELECT id FROM tags WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return int(row[0])
        if not create:
            return None
        cursor = self._db.execute("INSERT INTO tags (name, key) VALUES (?, ?)", (name, key))
        return cursor.lastrowid

    def _tag(self, item_ids: Sequence[int], names: Sequence[str]) -> None:
        tagged_at = _iso(now_utc())
        for name in names:
            tag_id = self._tag_id(name, create=True)
            self._db.executemany(
                "INSERT OR IGNORE INTO item_tags (item_id, tag_id, tagged_at) VALUES (?, ?, ?)",
                [(item_id, tag_id, tagged_at) for item_id in item_ids],
            )

    def tag(self, item_ids: Iterable[int], tags: Iterable[str]) -> list[int]:
        """Add tags to items (creating the tags); adding a tag twice is harmless.

        Returns the ids tagged (`reader.services.tagging` adds their duplicates).
        """
        names = [normalize_tag(tag) for tag in tags]
        with self.transaction():
            ids = self.require_items(item_ids)
            self._tag(ids, names)
        return ids

    def untag(self, item_ids: Iterable[int], tags: Iterable[str]) -> int:
        """Remove tags from items. Unknown tags are an error.

        Returns how many (item, tag) links were removed.
        """
        names = [normalize_tag(tag) for tag in tags]
        removed = 0
        with self.transaction():
            ids = self.require_items(item_ids)
            for name in names:
                tag_id = self._tag_id(name, create=False)
                if tag_id is None:
                    raise NotFoundError(f"no tag named {name!r}")
                cursor = self._db.executemany(
                    "DELETE FROM item_tags WHERE item_id = ? AND tag_id = ?",
                    [(item_id, tag_id) for item_id in ids],
                )
                removed += cursor.rowcount
            # A tag nobody uses any more disappears, except the built-in read-later list.
            self._db.execute(
                "DELETE FROM tags WHERE key != ? AND id NOT IN (SELECT tag_id FROM item_tags)",
                (tag_key(LATER_TAG),),
            )
        return removed

    def tags(self) -> list[TagCount]:
        """Every tag with how many items carry it, most used first."""
        rows = self._db.execute(
            """SELECT t.name, count(it.item_id) AS n FROM tags t
               LEFT JOIN item_tags it ON it.tag_id = t.id
               GROUP BY t.id ORDER BY n DESC, t.key"""
        ).fetchall()
        return [TagCount(name, count) for name, count in rows]

    def has_tag(self, name: str) -> bool:
        """Whether a tag exists; the read-later list always does, empty or not."""
        return tag_key(name) == tag_key(LATER_TAG) or self._tag_id(name, create=False) is not None

    # ----------------------------------------------------------------- flags
    def _set_flag(self, column: str, item_ids: Iterable[int], value: bool) -> list[int]:
        with self.transaction():
            ids = self.require_items(item_ids)
            self._db.executemany(
                f"UPDATE items SET {column} = ? WHERE id = ?", [(int(value), i) for i in ids]
            )
        return ids

    def set_read(self, item_ids: Iterable[int], read: bool = True) -> list[int]:
        """Mark items read or unread; returns the ids changed, in the order given."""
        return self._set_flag("read", item_ids, read)

    def set_starred(self, item_ids: Iterable[int], starred: bool = True) -> list[int]:
        """Star or unstar items; returns the ids changed, in the order given."""
        return self._set_flag("starred", item_ids, starred)

    # ----------------------------------------------------------------- overview
    def stats(self) -> LibraryStats:
        row = self._db.execute(
            """SELECT count(*), coalesce(sum(kind = 'headline'), 0),
                      coalesce(sum(kind = 'article'), 0), coalesce(sum(read = 0), 0),
                      coalesce(sum(starred), 0), min(published), max(published)
               FROM items"""
        ).fetchone()
        later = self.count_items(ItemFilter(tag=LATER_TAG))
        sources, tags, stories = self._db.execute(
            """SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM tags),
                      (SELECT count(*) FROM stories)"""
        ).fetchone()
        return LibraryStats(
            items=row[0],
            headlines=row[1],
            articles=row[2],
            unread=row[3],
            starred=row[4],
            later=later,
            sources=sources,
            tags=tags,
            stories=stories,
            oldest=_parse_iso(row[5]),
            newest=_parse_iso(row[6]),
        )

    def is_empty(self) -> bool:
        return self._db.execute("SELECT 1 FROM items LIMIT 1").fetchone() is None

    def newest_item_id(self) -> int:
        """The highest item id so far (0 for an empty library): items stored later have
        higher ones."""
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0])


def _connect(path: Path) -> sqlite3.Connection:
    connection = db.connect(path, LATEST_VERSION)
    # Used by the schema v4 migration to re-key headlines.
    connection.create_function("reader_headline_hash", 1, headline_hash, deterministic=True)
    return connection


def _tags(value: str | None) -> tuple[str, ...]:
    return tuple(sorted(value.split(_TAG_SEPARATOR), key=str.casefold)) if value else ()


def _summary_fields(row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    return {
        "id": row[0],
        "kind": row[1],
        "title": row[2],
        "title_derived": bool(row[3]),
        "author": row[4],
        "published": _parse_iso(row[5]),
        "url": row[6],
        "source": row[7],
        "imported_at": datetime.fromisoformat(row[8]),
        "read": bool(row[9]),
        "starred": bool(row[10]),
        "story_id": row[11],
        "tags": _tags(row[12]),
    }


def _summary(row: sqlite3.Row | tuple[Any, ...]) -> ItemSummary:
    return ItemSummary(**_summary_fields(row))


def _item(row: sqlite3.Row | tuple[Any, ...]) -> Item:
    return Item(**_summary_fields(row), blocks=decode_blocks(row[13]), guid=row[14])
