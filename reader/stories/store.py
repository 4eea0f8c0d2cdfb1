"""Story SQL: the grouping index in SQLite, attaching new items, rebuilds, manual fixes.

Tables (schema migration "stories", reader/library/schema.py):

* `story_profiles`: one row per grouped item: its signature and fixed key weights as
  JSON (`features`), the first item of its duplicate set (`dup_root`), and whether it
  takes part in automatic grouping (`indexed` = 0 for items placed by hand).
* `story_postings`: the inverted index, (key, day bucket, item) for the 12 heaviest
  keys of each automatically placed item; `bucket` is the whole day of publication, or
  -2^31 when the date is unknown.
* `story_df`: document frequency of every key; `story_state`: item count, index format.
* `story_groups`: automatically placed members per story; `story_names`: how many of
  them carry each name (the story's cast, see `reader.stories.engine`).
* `story_fixes`: manual fixes: an item and the item it must share a story with
  (`anchor_id`), or NULL for a story of its own.

`attach_new_items` runs in a write transaction of its caller: after an import has
stored all its files (`reader.services.stories.group_new_items`, a slice of items per
transaction), or inside the import service's `store_document` when asked. `CachedState`
answers the engine's questions from memory, loading from these tables what it has not seen yet, and
writes one batch's changes back at its end in a few `executemany` calls; it lives on
between imports for as long as the connection, and a random token in `story_state`
(`token`) tells it when anything else changed the tables (a rebuild, a manual fix,
another process, a rolled back transaction), so that it starts over. Its answers are
those of the tables, so the decisions are those of a rebuild
(`reader.stories.engine.MemoryState`). On the 20k-item synthetic import this took the
main process from 63 s to 36 s of CPU (one SQL query per engine question before, about
18 per item). Features are extracted by a helper process while this one groups
(`signatures_in_order`) for batches of `PARALLEL_FROM` items or more. story_bench at 100k, on a
2-core machine loaded 2-4x by other work: attach mean 6.0 ms, median 3.9 ms, p95 9.4 ms
per new item right after a rebuild (the cache empty, posting lists read per window).
Every function takes the caller's connection and expects to run inside its write
transaction.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from reader.library.codec import block_texts
from reader.model import StorySummary
from reader.stories.engine import (
    UNDATED_BUCKET,
    Grouper,
    MemoryState,
    StoryStats,
    accumulate,
    bucket_lists,
    bucket_of,
    index_keys,
    nearest_postings,
)
from reader.stories.features import Signature, StoryInput, signature
from reader.stories.grouping import group_all, signatures_in_order
from reader.stories.labels import choose_label
from reader.stories.scoring import Profile

INDEX_FORMAT: Final = 2
"""Bump when signatures or weights change meaning: the next import rebuilds."""

TEXT_CHARS: Final = 3000
"""How much of a body grouping reads (lead and near-duplicate sketch)."""

LABEL_MEMBERS: Final = 60
"""A story's label is chosen among its first members (by id) only."""

_CHUNK: Final = 500
ProgressFn = Callable[[int, int], None]


class StoryFixError(Exception):
    """A manual fix that cannot be made; the message is meant for the user."""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _marks(count: int) -> str:
    return ",".join("?" * count)


def _body_text(body: str) -> str:
    """The start of a stored body as text, paragraphs on blank lines."""
    parts: list[str] = []
    length = 0
    for text in block_texts(body):
        parts.append(text)
        length += len(text) + 2
        if length >= TEXT_CHARS:
            break
    return "\n\n".join(parts)[:TEXT_CHARS]


_INPUT_COLUMNS = "i.id, i.title, i.body, s.name, i.kind, i.published, i.url, i.guid, i.sort_date"


def _input(row: Sequence[Any]) -> StoryInput:
    return StoryInput(
        id=int(row[0]),
        title=str(row[1]),
        text=_body_text(str(row[2])),
        source=str(row[3]),
        kind=str(row[4]),
        published=datetime.fromisoformat(row[5]) if row[5] else None,
        url=row[6],
        guid=row[7],
    )


def _features_json(sig: Signature, weights: Sequence[float] | None) -> str:
    data = sig.to_json()
    if weights is not None:
        data["w"] = list(weights)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _profile_from_json(text: str) -> Profile:
    data = json.loads(text)
    weights = tuple(float(value) for value in data.get("w", ()))
    return Profile.restore(Signature.from_json(data), weights)


def _signature_from_json(text: str) -> Signature:
    return Signature.from_json(json.loads(text))


# --------------------------------------------------------------------------- state
def _get_state(db: sqlite3.Connection, key: str) -> int:
    row = db.execute("SELECT value FROM story_state WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else 0


def _set_state(db: sqlite3.Connection, key: str, value: int) -> None:
    db.execute(
        "INSERT INTO story_state (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


@dataclass(slots=True)
class _Postings:
    """A key's postings as far as loaded: every bucket, or a range of dated buckets
    and maybe the undated one."""

    by_bucket: dict[int, list[int]] = field(default_factory=dict)
    full: bool = False
    undated: bool = False
    first: int | None = None
    last: int | None = None

    def covers(self, bucket: int) -> bool:
        if self.full:
            return True
        if bucket == UNDATED_BUCKET:
            return self.undated
        return (
            self.first is not None and self.last is not None and self.first <= bucket <= self.last
        )


class CachedState:
    """`StoryState` over the library's tables, cached in memory between imports.

    What the grouping tables held at the end of this process's last attach stays in
    memory, loaded lazily (document frequencies and posting lists per key, profiles,
    stories and their stats per id), and every change of one attach is written back at
    its end with a few `executemany` calls (`flush`). A random token in `story_state`
    says which version of the tables the cache holds: any other writer (a rebuild, a
    manual fix, another process, a rolled back transaction) leaves another token, and
    the cache starts over. The answers are those the tables give, so the decisions are
    those of a rebuild.
    """

    def __init__(self, db: sqlite3.Connection, token: int) -> None:
        self.db = db
        self.token = token
        self._total = _get_state(db, "total")
        self._df: dict[str, int] = {}
        """Keys looked up or counted; 0 for a key no item has."""
        self._postings: dict[str, _Postings] = {}
        """Postings of keys looked up, in the buckets loaded so far."""
        self._profiles: dict[int, Profile] = {}
        self._roots: dict[int, int] = {}
        self._story: dict[int, int] = {}
        self._members: dict[int, set[int]] = {}
        """Items of `_story` by story, so a merge can move them."""
        self._stats: dict[int, StoryStats | None] = {}
        """None: the story has no automatically placed member."""
        self._names: dict[int, dict[str, int]] = {}
        # Changes not written yet.
        self._new_profiles: list[tuple[int, str, int]] = []
        self._new_postings: list[tuple[str, int, int]] = []
        self._unloaded_postings: dict[str, list[tuple[int, int]]] = {}
        """New postings in buckets not loaded: added to the key's lists if they get
        loaded (the tables do not have them until the flush)."""
        self._dirty_df: set[str] = set()
        self._dirty_stats: set[int] = set()
        self._dirty_names: set[tuple[int, str]] = set()
        self._dirty_items: set[int] = set()
        self._deleted: set[int] = set()
        self.touched: set[int] = set()
        """Stories whose membership changed (their labels need a look)."""

    def trim(self, max_profiles: int) -> None:
        """Forget cached profiles beyond a bound (between attaches: all are written)."""
        if len(self._profiles) > max_profiles:
            self._profiles.clear()
            self._roots.clear()

    def cached_profiles(self) -> Mapping[int, Profile]:
        """Profiles in memory (indexed items only)."""
        return self._profiles

    # ------------------------------------------------------------------ reading
    def total(self) -> int:
        return self._total

    def df(self, keys: Sequence[str]) -> dict[str, int]:
        cache = self._df
        missing = [key for key in keys if key not in cache]
        for chunk in _chunks(missing):
            rows = self.db.execute(
                f"SELECT key, n FROM story_df WHERE key IN ({_marks(len(chunk))})", chunk
            )
            found = {str(key): int(n) for key, n in rows}
            for key in chunk:
                cache[key] = found.get(key, 0)
        return {key: cache[key] for key in keys if cache[key] > 0}

    def _postings_of(
        self, key: str, buckets: tuple[int, int] | None, undated: bool = False
    ) -> dict[int, list[int]]:
        """A key's postings, loaded at least for the bucket range (all when None) or,
        with `undated`, for undated items only.

        Only the buckets asked for are read: right after opening a library, loading a
        common key's every posting cost an attach at 100k items 12 ms where reading
        the window's took 4.
        """
        entry = self._postings.get(key)
        if entry is None:
            entry = self._postings[key] = _Postings()
        if entry.full:
            return entry.by_bucket
        query = "SELECT bucket, item_id FROM story_postings WHERE key = ? AND "
        ranges: list[tuple[int, int]] = []
        if undated:
            if not entry.undated:
                ranges.append((UNDATED_BUCKET, UNDATED_BUCKET))
                entry.undated = True
        elif buckets is None:
            if not entry.undated:
                ranges.append((UNDATED_BUCKET, UNDATED_BUCKET))
            if entry.first is None or entry.last is None:
                ranges.append((UNDATED_BUCKET + 1, 2**31))
            else:
                ranges.extend([(UNDATED_BUCKET + 1, entry.first - 1), (entry.last + 1, 2**31)])
            entry.full = entry.undated = True
        else:
            first, last = buckets
            if entry.first is None or entry.last is None:
                ranges.append((first, last))
                entry.first, entry.last = first, last
            else:
                if first < entry.first:
                    ranges.append((first, entry.first - 1))
                    entry.first = first
                if last > entry.last:
                    ranges.append((entry.last + 1, last))
                    entry.last = last
        by_bucket = entry.by_bucket
        for low, high in ranges:
            rows = self.db.execute(query + "bucket BETWEEN ? AND ?", (key, low, high))
            for bucket, item in rows:
                items = by_bucket.get(bucket)
                if items is None:
                    by_bucket[bucket] = [item]
                else:
                    items.append(item)
        pending = self._unloaded_postings.get(key)
        if ranges and pending:
            kept: list[tuple[int, int]] = []
            for bucket, item in pending:
                if entry.covers(bucket):
                    by_bucket.setdefault(bucket, []).append(item)
                else:
                    kept.append((bucket, item))
            self._unloaded_postings[key] = kept
        return by_bucket

    def overlap(
        self,
        keys: Sequence[tuple[str, float]],
        buckets: tuple[int, int] | None,
        undated_keys: Sequence[tuple[str, float]],
    ) -> dict[int, float]:
        # The same sums as `MemoryState.overlap`: per item, weights in the keys' order.
        totals: dict[int, float] = {}
        for key, value in keys:
            lists = bucket_lists(self._postings_of(key, buckets), buckets)
            accumulate(totals, nearest_postings(lists), value)
        for key, value in undated_keys:
            by_bucket = self._postings_of(key, None, undated=True)
            accumulate(totals, nearest_postings([by_bucket.get(UNDATED_BUCKET, [])]), value)
        return totals

    def profiles(self, item_ids: Sequence[int]) -> dict[int, Profile]:
        cache = self._profiles
        missing = [item for item in item_ids if item not in cache]
        for chunk in _chunks(missing):
            rows = self.db.execute(
                "SELECT item_id, features, dup_root FROM story_profiles"
                f" WHERE indexed = 1 AND item_id IN ({_marks(len(chunk))})",
                chunk,
            )
            for item_id, features, root in rows:
                cache[int(item_id)] = _profile_from_json(features)
                self._roots[int(item_id)] = int(root)
        return {item: cache[item] for item in item_ids if item in cache}

    def story_of(self, item_ids: Sequence[int]) -> dict[int, int]:
        cache = self._story
        missing = [item for item in item_ids if item not in cache]
        for chunk in _chunks(missing):
            rows = self.db.execute(
                f"SELECT id, story_id FROM items WHERE id IN ({_marks(len(chunk))})"
                " AND story_id IS NOT NULL",
                chunk,
            )
            for item, story in rows:
                self._set_story(int(item), int(story))
        return {item: cache[item] for item in item_ids if item in cache}

    def story_stats(self, story_ids: Sequence[int]) -> dict[int, StoryStats]:
        cache = self._stats
        missing = [story for story in story_ids if story not in cache]
        for chunk in _chunks(missing):
            rows = self.db.execute(
                "SELECT story_id, members, first_day, last_day FROM story_groups"
                f" WHERE story_id IN ({_marks(len(chunk))}) AND members > 0",
                chunk,
            )
            found = {
                int(story): StoryStats(int(members), first, last)
                for story, members, first, last in rows
            }
            for story in chunk:
                cache[story] = found.get(story)
        out: dict[int, StoryStats] = {}
        for story in story_ids:
            stats = cache[story]
            if stats is not None:
                out[story] = stats
        return out

    def name_counts(self, story_id: int) -> dict[str, int]:
        counts = self._names.get(story_id)
        if counts is None:
            rows = self.db.execute(
                "SELECT name, n FROM story_names WHERE story_id = ?", (story_id,)
            )
            counts = self._names[story_id] = {str(name): int(n) for name, n in rows}
        return counts

    def duplicate_root(self, item_id: int) -> int:
        root = self._roots.get(item_id)
        if root is not None:
            return root
        row = self.db.execute(
            "SELECT dup_root FROM story_profiles WHERE item_id = ?", (item_id,)
        ).fetchone()
        return int(row[0]) if row else item_id

    # ------------------------------------------------------------------ writing
    def count(self, sig: Signature) -> None:
        self._total += 1
        self.df(sig.keys)  # loaded already by the decision; a no-op then
        cache = self._df
        for key in sig.keys:
            cache[key] += 1
        self._dirty_df.update(sig.keys)

    def index(self, item_id: int, profile: Profile, duplicate_root: int) -> None:
        self._profiles[item_id] = profile
        self._roots[item_id] = duplicate_root
        self._new_profiles.append(
            (item_id, _features_json(profile.sig, profile.weights), duplicate_root)
        )
        bucket = bucket_of(profile.sig.day)
        for key in index_keys(profile):
            self._new_postings.append((key, bucket, item_id))
            entry = self._postings.get(key)
            if entry is None and self._df.get(key, 0) <= 1:
                # Counted just now and by no item before: no stored postings to load.
                entry = self._postings[key] = _Postings(full=True, undated=True)
            if entry is not None and entry.covers(bucket):
                entry.by_bucket.setdefault(bucket, []).append(item_id)
            else:
                self._unloaded_postings.setdefault(key, []).append((bucket, item_id))

    def _set_story(self, item_id: int, story_id: int) -> None:
        previous = self._story.get(item_id)
        if previous is not None:
            self._members[previous].discard(item_id)
        self._story[item_id] = story_id
        self._members.setdefault(story_id, set()).add(item_id)

    def _add_member(self, story_id: int, item_id: int) -> None:
        profile = self._profiles[item_id]
        day = profile.sig.day
        stats = self.story_stats([story_id]).get(story_id)
        self._stats[story_id] = (
            StoryStats(1, day, day) if stats is None else stats.joined(StoryStats(1, day, day))
        )
        self._dirty_stats.add(story_id)
        if profile.sig.names:
            counts = self.name_counts(story_id)
            for name in profile.sig.names:
                counts[name] = counts.get(name, 0) + 1
                self._dirty_names.add((story_id, name))
        self._set_story(item_id, story_id)
        self._dirty_items.add(item_id)
        self.touched.add(story_id)

    def open_story(self, item_id: int) -> int:
        story_id = new_story(self.db)
        # A story id freed by a merge may come back (no AUTOINCREMENT): start it clean.
        self._stats[story_id] = None
        self._names[story_id] = {}
        self._add_member(story_id, item_id)
        return story_id

    def join(self, item_id: int, story_id: int) -> None:
        self._add_member(story_id, item_id)

    def merge(self, story_id: int, others: Sequence[int]) -> None:
        stats = self.story_stats([story_id, *others])
        combined = stats.get(story_id)
        counts = self.name_counts(story_id)
        for other in others:
            # Every member moves, pinned ones included. A stored row is stale when the
            # cache moved its item already (its story merged away earlier, unwritten).
            rows = self.db.execute("SELECT id FROM items WHERE story_id = ?", (other,))
            stored = {int(item) for (item,) in rows}
            moving = {item for item in stored if self._story.get(item, other) == other}
            moving |= self._members.pop(other, set())
            for item in moving:
                self._story.pop(item, None)
                self._set_story(item, story_id)
            self._dirty_items |= moving
            found = stats.get(other)
            if found is not None:
                combined = found if combined is None else combined.joined(found)
            for name, count in self.name_counts(other).items():
                counts[name] = counts.get(name, 0) + count
                self._dirty_names.add((story_id, name))
            del self._names[other]
            self._stats.pop(other, None)
            self._dirty_stats.discard(other)
            self._dirty_names = {entry for entry in self._dirty_names if entry[0] != other}
            # Deleted at the flush, so the id is not given to a new story meanwhile.
            self._deleted.add(other)
            self.touched.discard(other)
        self._stats[story_id] = combined
        self._dirty_stats.add(story_id)
        self.touched.add(story_id)

    def flush(self) -> None:
        """Write every change since the last flush."""
        db = self.db
        _set_state(db, "total", self._total)
        if self._new_profiles:
            db.executemany(
                "INSERT OR REPLACE INTO story_profiles (item_id, features, dup_root, indexed)"
                " VALUES (?, ?, ?, 1)",
                self._new_profiles,
            )
            self._new_profiles = []
        if self._new_postings:
            db.executemany(
                "INSERT OR IGNORE INTO story_postings (key, bucket, item_id) VALUES (?, ?, ?)",
                sorted(self._new_postings),
            )
            self._new_postings = []
        self._unloaded_postings.clear()
        df = self._df
        db.executemany(
            "INSERT INTO story_df (key, n) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET n = excluded.n",
            [(key, df[key]) for key in sorted(self._dirty_df)],
        )
        self._dirty_df.clear()
        rows: list[tuple[int, int, float | None, float | None]] = []
        for story in sorted(self._dirty_stats):
            stats = self._stats.get(story)
            if stats is not None:
                rows.append((story, stats.members, stats.first_day, stats.last_day))
        db.executemany(
            "INSERT INTO story_groups (story_id, members, first_day, last_day)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET"
            " members = excluded.members, first_day = excluded.first_day,"
            " last_day = excluded.last_day",
            rows,
        )
        self._dirty_stats.clear()
        names = self._names
        db.executemany(
            "INSERT INTO story_names (story_id, name, n) VALUES (?, ?, ?)"
            " ON CONFLICT (story_id, name) DO UPDATE SET n = excluded.n",
            [(story, name, names[story][name]) for story, name in sorted(self._dirty_names)],
        )
        self._dirty_names.clear()
        placed = self._story
        db.executemany(
            "UPDATE items SET story_id = ? WHERE id = ?",
            [(placed[item], item) for item in sorted(self._dirty_items)],
        )
        self._dirty_items.clear()
        deleted = [(story,) for story in sorted(self._deleted)]  # merged, emptied above
        db.executemany("DELETE FROM story_names WHERE story_id = ?", deleted)
        db.executemany("DELETE FROM story_groups WHERE story_id = ?", deleted)
        db.executemany("DELETE FROM stories WHERE id = ?", deleted)
        self._deleted.clear()


MAX_CACHED_PROFILES: Final = 250_000


def _new_token() -> int:
    return random.getrandbits(62) + 1


def _invalidate(db: sqlite3.Connection) -> None:
    """Tell every cached state (this process's or another's) that the tables changed."""
    _set_state(db, "token", _new_token())


class StateCache:
    """The grouping state kept between attaches for one connection. Its `Library` owns
    it, so it lives and dies with that library's connection, not with the process."""

    def __init__(self) -> None:
        self._state: CachedState | None = None

    def state_for(self, db: sqlite3.Connection) -> CachedState:
        """The cached state if it still matches the tables; else a fresh one."""
        token = _get_state(db, "token")
        state = self._state
        if state is not None and state.db is db and state.token == token:
            state.trim(MAX_CACHED_PROFILES)
            state.touched = set()
        else:
            state = self._state = CachedState(db, token)
        state.token = -1  # until this attach is written: an exception leaves it stale
        return state


def _commit_state(state: CachedState) -> None:
    """Write the state's changes and stamp the tables and the cache with a new token."""
    state.flush()
    token = _new_token()
    _set_state(state.db, "token", token)
    state.token = token


def new_story(db: sqlite3.Connection, label: str = "") -> int:
    """A new, empty story row."""
    now = _now()
    cursor = db.execute(
        "INSERT INTO stories (label, created_at, updated_at) VALUES (?, ?, ?)",
        (label, now, now),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


# --------------------------------------------------------------------------- attaching
def _pending(db: sqlite3.Connection, new_ids: Iterable[int] = ()) -> list[int]:
    """Items to group, in processing order: the given new ones and any above the mark.

    The mark (`story_state.through`, below which every item is grouped) keeps this an
    indexed range query: a full scan for items without a profile cost 100 ms at 100k.
    Above the mark, items grouped by an earlier slice of the same import have a profile
    and are left out.
    """
    mark = _get_state(db, "through")
    rows = db.execute(
        "SELECT i.id, i.sort_date FROM items i LEFT JOIN story_profiles p ON p.item_id = i.id"
        " WHERE i.id > ? AND p.item_id IS NULL",
        (mark,),
    )
    pending = {int(item_id): str(sort_date) for item_id, sort_date in rows}
    wanted = [item for item in new_ids if item not in pending]
    for chunk in _chunks(wanted):
        rows = db.execute(
            "SELECT i.id, i.sort_date FROM items i"
            " LEFT JOIN story_profiles p ON p.item_id = i.id"
            f" WHERE p.item_id IS NULL AND i.id IN ({_marks(len(chunk))})",
            chunk,
        )
        pending.update((int(item_id), str(sort_date)) for item_id, sort_date in rows)
    return sorted(pending, key=lambda item_id: (pending[item_id], item_id))


def _mark_through(db: sqlite3.Connection, remaining: Sequence[int] = ()) -> None:
    """Every item below the mark is grouped: the newest item, or just below what remains."""
    if remaining:
        _set_state(db, "through", min(remaining) - 1)
        return
    newest = db.execute("SELECT max(id) FROM items").fetchone()[0]
    _set_state(db, "through", int(newest or 0))


def _input_rows(db: sqlite3.Connection, item_ids: Sequence[int]) -> list[Sequence[Any]]:
    """`_INPUT_COLUMNS` of items, in processing order (publication date, then id)."""
    out: list[Sequence[Any]] = []
    for chunk in _chunks(list(item_ids)):
        out.extend(
            db.execute(
                f"SELECT {_INPUT_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id"
                f" WHERE i.id IN ({_marks(len(chunk))})",
                chunk,
            )
        )
    out.sort(key=lambda row: (str(row[8]), int(row[0])))
    return out


def pending_count(db: sqlite3.Connection) -> int:
    """Items not grouped yet."""
    return len(_pending(db))


def needs_rebuild(db: sqlite3.Connection) -> bool:
    """Whether the index is missing or from another format while items exist."""
    if _get_state(db, "format") == INDEX_FORMAT:
        return False
    return db.execute("SELECT 1 FROM items LIMIT 1").fetchone() is not None


@dataclass(frozen=True, slots=True)
class Attached:
    """What one `attach_new_items` call grouped, and how many items still wait."""

    grouped: int
    remaining: int


class SignatureFeed:
    """Signatures of the items waiting for a library's first grouping, computed ahead by
    helper processes while the slices are grouped and committed one by one: slices are
    too small for helpers of their own, and features are half of grouping's work."""

    def __init__(self, db: sqlite3.Connection) -> None:
        inputs = [_input(row) for row in _input_rows(db, _pending(db))]
        self._signatures = signatures_in_order(inputs)
        self._computed = zip([item.id for item in inputs], self._signatures, strict=True)
        self._ready: dict[int, Signature] = {}

    def take(self, item: StoryInput) -> Signature:
        """The item's signature: computed ahead, or now if it came later."""
        while item.id not in self._ready:
            found = next(self._computed, None)
            if found is None:
                return signature(item)
            self._ready[found[0]] = found[1]
        return self._ready.pop(item.id)

    def close(self) -> None:
        """Stop the helpers (when a slice failed, their work is left unused)."""
        self._signatures.close()  # leaves the helper pool's `with`: it is terminated
        self._ready.clear()


def first_grouping(db: sqlite3.Connection) -> bool:
    """Whether nothing has been grouped yet in this library (its first import): no
    grouping state, no story and no fix by hand (a library upgraded from before the
    grouping index has stories and fixes, and is rebuilt to keep them)."""
    if _get_state(db, "total") or _get_state(db, "through"):
        return False
    return (
        db.execute("SELECT 1 FROM items WHERE story_id IS NOT NULL LIMIT 1").fetchone() is None
        and db.execute("SELECT 1 FROM story_fixes LIMIT 1").fetchone() is None
    )


def attach_new_items(
    db: sqlite3.Connection,
    item_ids: Iterable[int] = (),
    *,
    limit: int | None = None,
    on_progress: ProgressFn | None = None,
    cache: StateCache | None = None,
    feed: SignatureFeed | None = None,
) -> Attached:
    """Group items that have no story yet, oldest first; at most `limit` of them.

    `cache` keeps the grouping state between calls (the library's own); without one,
    the state is read from the tables afresh.

    Slices taken one after the other (each in its own transaction) give the stories of
    one batch: the same processing order, the same state in between, and a kill costs
    one slice at most. A library without a current index (grouped by an older format)
    is rebuilt instead, whole (`on_progress` follows that rebuild), and so is a first
    grouping asked for in one go (no `limit`): in memory, the same stories. `feed`
    gives signatures computed ahead (see SignatureFeed).
    """
    first = first_grouping(db)
    if (needs_rebuild(db) and not first) or (first and limit is None):
        return Attached(rebuild(db, on_progress), 0)
    _set_state(db, "format", INDEX_FORMAT)
    pending = _pending(db, item_ids)
    if not pending:
        return Attached(0, 0)
    chosen, remaining = (pending, []) if limit is None else (pending[:limit], pending[limit:])
    state = (cache if cache is not None else StateCache()).state_for(db)
    grouper = Grouper(state)
    inputs = [_input(row) for row in _input_rows(db, chosen)]
    # For batches of PARALLEL_FROM items or more (one big document), a helper process
    # extracts features while this one groups; an import's slices take theirs from the
    # feed, whose helpers work ahead, or extract them here.
    signatures = (
        (feed.take(item) for item in inputs) if feed is not None else signatures_in_order(inputs)
    )
    for item, sig in zip(inputs, signatures, strict=True):
        grouper.add(item.id, sig)
    _commit_state(state)
    refresh_labels(db, state.touched, state.cached_profiles())
    _mark_through(db, remaining)
    return Attached(len(chosen), len(remaining))


# --------------------------------------------------------------------------- rebuild
def _assign_story_ids(
    db: sqlite3.Connection, clusters: Mapping[int, list[int]], previous: Mapping[int, int]
) -> dict[int, int]:
    """Library story id for each new cluster, reusing the old id most of it had."""
    used: set[int] = set()
    out: dict[int, int] = {}
    for key in sorted(clusters, key=lambda cluster: min(clusters[cluster])):
        votes = Counter(previous[item] for item in clusters[key] if item in previous)
        chosen = next(
            (
                story
                for story, _ in sorted(votes.items(), key=lambda vote: (-vote[1], vote[0]))
                if story not in used
            ),
            None,
        )
        if chosen is None:
            chosen = new_story(db)
        used.add(chosen)
        out[key] = chosen
    return out


def rebuild(db: sqlite3.Connection, on_progress: ProgressFn | None = None) -> int:
    """Regroup every item from scratch (manual fixes kept); returns the item count.

    Signatures already stored in the current format are reused (they depend only on
    the item's content); only items without one are read in full and analysed.
    """
    reuse = _get_state(db, "format") == INDEX_FORMAT
    rows = db.execute(
        "SELECT i.id, i.title, i.kind, i.title_derived, i.sort_date, p.features FROM items i"
        " LEFT JOIN story_profiles p ON p.item_id = i.id"
    )
    order: dict[int, tuple[str, int]] = {}
    meta: dict[int, tuple[str, bool, bool]] = {}
    known: dict[int, Signature] = {}
    inputs: list[StoryInput] = []
    missing: list[int] = []
    for item_id, title, kind, derived, sort_date, features in rows:
        order[item_id] = (str(sort_date), item_id)
        meta[item_id] = (str(title), kind == "article", bool(derived))
        if reuse and features:
            known[item_id] = _signature_from_json(features)
            inputs.append(StoryInput(id=item_id, title=str(title), kind=str(kind)))
        else:
            missing.append(item_id)
    inputs.extend(_input(row) for row in _input_rows(db, missing))
    fixes = {
        int(item): (int(anchor) if anchor is not None else None)
        for item, anchor in db.execute("SELECT item_id, anchor_id FROM story_fixes")
    }
    previous = {
        int(item): int(story)
        for item, story in db.execute("SELECT id, story_id FROM items WHERE story_id IS NOT NULL")
    }
    grouped = group_all(
        inputs,
        fixes,
        order=lambda item: order[item.id],
        on_progress=on_progress,
        known=known,
    )
    del inputs  # the bodies are no longer needed; the index is
    _save(db, grouped.state, grouped.story_of, grouped.pinned, previous, meta)
    return len(order)


def _save(
    db: sqlite3.Connection,
    state: MemoryState,
    story_of: Mapping[int, int],
    pinned: Mapping[int, Signature],
    previous: Mapping[int, int],
    meta: Mapping[int, tuple[str, bool, bool]],
) -> None:
    for table in ("story_postings", "story_df", "story_profiles", "story_groups", "story_names"):
        db.execute(f"DELETE FROM {table}")
    clusters: dict[int, list[int]] = {}
    for item, story in story_of.items():
        clusters.setdefault(story, []).append(item)
    ids = _assign_story_ids(db, clusters, previous)
    db.executemany(
        "UPDATE items SET story_id = ? WHERE id = ?",
        [(ids[story], item) for item, story in story_of.items()],
    )
    db.execute(
        "DELETE FROM stories WHERE id NOT IN"
        " (SELECT story_id FROM items WHERE story_id IS NOT NULL)"
    )
    profile_rows: list[tuple[int, str, int, int]] = []
    posting_rows: list[tuple[str, int, int]] = []
    for item_id, profile, root in state.indexed():
        profile_rows.append((item_id, _features_json(profile.sig, profile.weights), root, 1))
        bucket = bucket_of(profile.sig.day)
        posting_rows.extend((key, bucket, item_id) for key in index_keys(profile))
    for item_id, sig in pinned.items():
        profile_rows.append((item_id, _features_json(sig, None), item_id, 0))
    db.executemany(
        "INSERT INTO story_profiles (item_id, features, dup_root, indexed) VALUES (?, ?, ?, ?)",
        profile_rows,
    )
    posting_rows.sort()
    db.executemany(
        "INSERT OR IGNORE INTO story_postings (key, bucket, item_id) VALUES (?, ?, ?)",
        posting_rows,
    )
    db.executemany(
        "INSERT INTO story_df (key, n) VALUES (?, ?)", sorted(state.document_frequencies().items())
    )
    group_rows = [
        (ids[story], len(members), *state.span(story)) for story, members in state.members.items()
    ]
    db.executemany(
        "INSERT INTO story_groups (story_id, members, first_day, last_day) VALUES (?, ?, ?, ?)",
        group_rows,
    )
    name_rows = [
        (ids[story], name, count)
        for story in state.members
        for name, count in sorted(state.name_counts(story).items())
    ]
    db.executemany("INSERT INTO story_names (story_id, name, n) VALUES (?, ?, ?)", name_rows)
    _set_state(db, "total", state.total())
    _set_state(db, "format", INDEX_FORMAT)
    _invalidate(db)
    _mark_through(db)
    # Labels straight from memory: one query per story cost ~10 s at 100k items.
    profiles = dict(state.profiles(list(story_of)))
    labels: list[tuple[str, str, int]] = []
    now = _now()
    for story, members in clusters.items():
        chosen = sorted(members)[:LABEL_MEMBERS]
        entries = []
        for item in chosen:
            title, is_article, derived = meta[item]
            found = profiles.get(item)
            placed = found.sig if found is not None else pinned.get(item)
            entries.append((title, placed.title_keys if placed else (), is_article, derived))
        labels.append((choose_label(entries), now, ids[story]))
    db.executemany("UPDATE stories SET label = ?, updated_at = ? WHERE id = ?", labels)


# --------------------------------------------------------------------------- labels
def refresh_labels(
    db: sqlite3.Connection,
    story_ids: Iterable[int],
    profiles: Mapping[int, Profile] | None = None,
) -> None:
    """Recompute the label of each story (its most representative title).

    `profiles` are profiles already in memory: their title keys spare decoding the
    stored signature (a third of the labels' time in an import).
    """
    known = profiles or {}
    now = _now()
    updates: list[tuple[str, str, int]] = []
    for story_id in sorted(set(story_ids)):
        rows = db.execute(
            "SELECT i.id, i.title, i.kind, i.title_derived, p.features FROM items i"
            " LEFT JOIN story_profiles p ON p.item_id = i.id"
            " WHERE i.story_id = ? ORDER BY i.id LIMIT ?",
            (story_id, LABEL_MEMBERS),
        ).fetchall()
        if not rows:
            continue
        members: list[tuple[str, tuple[str, ...], bool, bool]] = []
        for item_id, title, kind, derived, features in rows:
            profile = known.get(item_id)
            if profile is not None:
                title_keys = profile.sig.title_keys
            else:
                title_keys = _signature_from_json(features).title_keys if features else ()
            members.append((str(title), title_keys, kind == "article", bool(derived)))
        updates.append((choose_label(members), now, story_id))
    db.executemany("UPDATE stories SET label = ?, updated_at = ? WHERE id = ?", updates)


# --------------------------------------------------------------------------- manual fixes
def _story_of_item(db: sqlite3.Connection, item_id: int) -> int | None:
    row = db.execute("SELECT story_id FROM items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise LookupError(f"no item with id {item_id}")
    return int(row[0]) if row[0] is not None else None


def _unindex(db: sqlite3.Connection, item_id: int) -> None:
    """Take an item out of automatic grouping (it is about to be placed by hand)."""
    row = db.execute(
        "SELECT features, indexed FROM story_profiles WHERE item_id = ?", (item_id,)
    ).fetchone()
    if row is None or not row[1]:
        return
    profile = _profile_from_json(row[0])
    bucket = bucket_of(profile.sig.day)
    db.executemany(
        "DELETE FROM story_postings WHERE key = ? AND bucket = ? AND item_id = ?",
        [(key, bucket, item_id) for key in index_keys(profile)],
    )
    db.executemany(
        "UPDATE story_df SET n = n - 1 WHERE key = ?", [(key,) for key in profile.sig.keys]
    )
    db.execute("DELETE FROM story_df WHERE n <= 0")
    _set_state(db, "total", max(0, _get_state(db, "total") - 1))
    db.execute("UPDATE story_profiles SET indexed = 0 WHERE item_id = ?", (item_id,))
    story = _story_of_item(db, item_id)
    if story is not None:
        db.execute("UPDATE story_groups SET members = members - 1 WHERE story_id = ?", (story,))
        db.executemany(
            "UPDATE story_names SET n = n - 1 WHERE story_id = ? AND name = ?",
            [(story, name) for name in sorted(profile.sig.names)],
        )
        db.execute("DELETE FROM story_names WHERE n <= 0")
        db.execute("DELETE FROM story_groups WHERE members <= 0")
        db.execute(
            "UPDATE story_groups SET (first_day, last_day) = (SELECT"
            " min(json_extract(p.features, '$.d')), max(json_extract(p.features, '$.d'))"
            " FROM items i JOIN story_profiles p ON p.item_id = i.id"
            " WHERE i.story_id = story_groups.story_id AND p.indexed = 1)"
            " WHERE story_id = ?",
            (story,),
        )


def _reanchor_followers(db: sqlite3.Connection, item_id: int, old_story: int | None) -> None:
    """Items pinned to `item_id` stay in its old story: anchor them to another member."""
    followers = [
        int(row[0])
        for row in db.execute("SELECT item_id FROM story_fixes WHERE anchor_id = ?", (item_id,))
    ]
    if not followers:
        return
    anchor = _anchor_in(db, old_story, exclude={item_id, *followers}) if old_story else None
    now = _now()
    db.executemany(
        "UPDATE story_fixes SET anchor_id = ?, fixed_at = ? WHERE item_id = ?",
        [(anchor, now, follower) for follower in followers],
    )


def _anchor_in(db: sqlite3.Connection, story_id: int, exclude: set[int]) -> int | None:
    """The member a pin should follow: an automatically placed one first, smallest id."""
    rows = db.execute(
        "SELECT i.id, f.item_id IS NOT NULL FROM items i"
        " LEFT JOIN story_fixes f ON f.item_id = i.id"
        " WHERE i.story_id = ? ORDER BY f.item_id IS NOT NULL, i.id",
        (story_id,),
    )
    for item, _ in rows:
        if int(item) not in exclude:
            return int(item)
    return None


def _drop_if_empty(db: sqlite3.Connection, story_id: int | None) -> None:
    if story_id is None:
        return
    if db.execute("SELECT 1 FROM items WHERE story_id = ? LIMIT 1", (story_id,)).fetchone():
        refresh_labels(db, [story_id])
    else:
        db.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def _reset_duplicate_root(db: sqlite3.Connection, item_id: int, old_story: int | None) -> None:
    """A moved item leaves its duplicate set; the set keeps its smallest remaining id."""
    db.execute("UPDATE story_profiles SET dup_root = ? WHERE item_id = ?", (item_id, item_id))
    rest = [
        int(row[0])
        for row in db.execute(
            "SELECT item_id FROM story_profiles WHERE dup_root = ? AND item_id != ?",
            (item_id, item_id),
        )
    ]
    if rest:
        db.executemany(
            "UPDATE story_profiles SET dup_root = ? WHERE item_id = ?",
            [(min(rest), other) for other in rest],
        )


def _pin(db: sqlite3.Connection, item_id: int, anchor: int | None, story_id: int) -> None:
    _invalidate(db)
    old_story = _story_of_item(db, item_id)
    _unindex(db, item_id)
    _reanchor_followers(db, item_id, old_story)
    _reset_duplicate_root(db, item_id, old_story)
    db.execute(
        "INSERT INTO story_fixes (item_id, anchor_id, fixed_at) VALUES (?, ?, ?)"
        " ON CONFLICT (item_id) DO UPDATE SET anchor_id = excluded.anchor_id,"
        " fixed_at = excluded.fixed_at",
        (item_id, anchor, _now()),
    )
    db.execute("UPDATE items SET story_id = ? WHERE id = ?", (story_id, item_id))
    _drop_if_empty(db, old_story)
    refresh_labels(db, [story_id])


def _ensure_grouped(db: sqlite3.Connection) -> None:
    if needs_rebuild(db) or _pending(db):
        attach_new_items(db)


def move_item(db: sqlite3.Connection, item_id: int, story_id: int) -> bool:
    """Put an item in another story for good; False when it is already there."""
    _ensure_grouped(db)
    current = _story_of_item(db, item_id)
    if db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
        raise StoryFixError(f"no story with id {story_id}")
    if current == story_id:
        return False
    anchor = _anchor_in(db, story_id, exclude={item_id})
    _pin(db, item_id, anchor, story_id)
    return True


def split_item(db: sqlite3.Connection, item_id: int) -> int:
    """Give an item a story of its own, for good; returns the new story's id."""
    _ensure_grouped(db)
    current = _story_of_item(db, item_id)
    alone = (
        current is not None
        and db.execute("SELECT count(*) FROM items WHERE story_id = ?", (current,)).fetchone()[0]
        == 1
    )
    if alone and current is not None:
        _pin(db, item_id, None, current)
        return current
    story_id = new_story(db)
    _pin(db, item_id, None, story_id)
    return story_id


# --------------------------------------------------------------------------- queries
def copies_from_other_sources(db: sqlite3.Connection, after_item: int) -> int:
    """Items with ids above `after_item` that are copies of another source's item (their
    duplicate set's first item came from another source): what an import brought that
    the library already had, under another name."""
    row = db.execute(
        "SELECT count(*) FROM story_profiles p JOIN items i ON i.id = p.item_id"
        " JOIN items r ON r.id = p.dup_root"
        " WHERE p.item_id > ? AND p.dup_root != p.item_id AND r.source_id != i.source_id",
        (after_item,),
    ).fetchone()
    return int(row[0])


def fixes(db: sqlite3.Connection) -> dict[int, int | None]:
    """Every manual fix: item → anchor item (None for a story of its own)."""
    return {
        int(item): (int(anchor) if anchor is not None else None)
        for item, anchor in db.execute("SELECT item_id, anchor_id FROM story_fixes")
    }


def duplicate_groups(db: sqlite3.Connection, story_id: int) -> list[tuple[int, ...]]:
    """Duplicate sets (two items or more) of a story, each in id order."""
    groups: dict[int, list[int]] = {}
    rows = db.execute(
        "SELECT i.id, p.dup_root FROM items i JOIN story_profiles p ON p.item_id = i.id"
        " WHERE i.story_id = ? ORDER BY i.id",
        (story_id,),
    )
    for item, root in rows:
        groups.setdefault(int(root), []).append(int(item))
    return sorted(
        (tuple(members) for members in groups.values() if len(members) > 1),
        key=lambda members: members[0],
    )


def duplicates_of(db: sqlite3.Connection, item_ids: Iterable[int]) -> list[int]:
    """The items and every duplicate of them (same story, same duplicate set)."""
    wanted = list(dict.fromkeys(item_ids))
    out = list(wanted)
    seen = set(wanted)
    for item_id in wanted:
        rows = db.execute(
            "SELECT p2.item_id FROM story_profiles p1"
            " JOIN items i1 ON i1.id = p1.item_id"
            " JOIN story_profiles p2 ON p2.dup_root = p1.dup_root"
            " JOIN items i2 ON i2.id = p2.item_id AND i2.story_id = i1.story_id"
            " WHERE p1.item_id = ? ORDER BY p2.item_id",
            (item_id,),
        )
        for (other,) in rows:
            if int(other) not in seen:
                seen.add(int(other))
                out.append(int(other))
    return out


def story_rows(
    db: sqlite3.Connection, *, min_size: int = 1, limit: int | None = None
) -> list[tuple[int, str, int, str | None, str | None, str]]:
    """(id, label, size, first date, last date, sources) of stories, newest first.

    The dates are publication dates: a story of undated items has none (the day they
    were imported is not when they were reported), but still sorts by it."""
    rows = db.execute(
        """SELECT st.id, st.label, count(i.id) AS size, min(i.published), max(i.published),
                  (SELECT group_concat(name, char(31)) FROM (
                       SELECT DISTINCT s.name AS name FROM items i2
                       JOIN sources s ON s.id = i2.source_id
                       WHERE i2.story_id = st.id ORDER BY s.name))
           FROM stories st JOIN items i ON i.story_id = st.id
           GROUP BY st.id HAVING size >= ?
           ORDER BY max(i.sort_date) DESC, st.id DESC LIMIT ?""",
        (min_size, -1 if limit is None else limit),
    )
    return [(int(r[0]), str(r[1]), int(r[2]), r[3], r[4], str(r[5] or "")) for r in rows.fetchall()]


def story_row(
    db: sqlite3.Connection, story_id: int
) -> tuple[int, str, int, str | None, str | None, str] | None:
    """One story as `story_rows` gives it, or None."""
    row = db.execute(
        """SELECT st.id, st.label, count(i.id), min(i.published), max(i.published),
                  (SELECT group_concat(name, char(31)) FROM (
                       SELECT DISTINCT s.name AS name FROM items i2
                       JOIN sources s ON s.id = i2.source_id
                       WHERE i2.story_id = st.id ORDER BY s.name))
           FROM stories st LEFT JOIN items i ON i.story_id = st.id
           WHERE st.id = ? GROUP BY st.id""",
        (story_id,),
    ).fetchone()
    if row is None:
        return None
    return (int(row[0]), str(row[1]), int(row[2]), row[3], row[4], str(row[5] or ""))


_SEPARATOR = "\x1f"  # what group_concat(..., char(31)) puts between source names


def story_summary(row: tuple[int, str, int, str | None, str | None, str]) -> StorySummary:
    """The record for a `story_rows` / `story_row` row."""
    story_id, label, size, first, last, sources = row
    return StorySummary(
        id=story_id,
        label=label,
        size=size,
        sources=tuple(sources.split(_SEPARATOR)) if sources else (),
        first=datetime.fromisoformat(first) if first else None,
        last=datetime.fromisoformat(last) if last else None,
    )


def story_sizes(db: sqlite3.Connection, min_size: int) -> dict[int, int]:
    """Story id → item count for stories of at least `min_size` items (one indexed
    GROUP BY: 60 ms at 100k items)."""
    rows = db.execute(
        "SELECT story_id, count(*) FROM items WHERE story_id IS NOT NULL"
        " GROUP BY story_id HAVING count(*) >= ?",
        (min_size,),
    )
    return {int(story_id): int(size) for story_id, size in rows}


def biggest_recent_stories(db: sqlite3.Connection, *, limit: int, days: float) -> list[int]:
    """Ids of the biggest stories of 2+ items with news within `days` of the newest item."""
    newest = db.execute("SELECT max(sort_date) FROM items").fetchone()[0]
    if newest is None:
        return []
    since = (datetime.fromisoformat(newest) - timedelta(days=days)).isoformat()
    rows = db.execute(
        "SELECT story_id FROM items WHERE story_id IS NOT NULL GROUP BY story_id"
        " HAVING count(*) >= 2 AND max(sort_date) >= ?"
        " ORDER BY count(*) DESC, story_id DESC LIMIT ?",
        (since, limit),
    ).fetchall()
    return [int(story_id) for (story_id,) in rows]
