"""Incremental grouping: each new item joins the story of its best match or opens one.

For an item, in a fixed order (publication date, then id):

1. Weights: its keys are weighed with the library's current document frequencies and
   fixed in a `Profile` (see `scoring`).
2. Lookup keys: its `LOOKUP_KEYS` heaviest keys that some earlier item has (ties by key).
3. Candidates: items sharing a lookup key, through an inverted index of (key, day bucket)
   postings restricted to the days within `WINDOW_DAYS` of the item, plus undated items
   for lookup keys rarer than `UNDATED_DF_CAP`. An undated item looks at every date, but
   only through such rare keys. Of a key's postings only the `KEY_POSTINGS_CAP` placed
   last are read, which keeps the work per item bounded, so grouping linear. Only the
   `MAX_CANDIDATES` sharing the most lookup weight are scored (ties by item id). Each
   item is indexed under its `INDEX_KEYS` heaviest keys only, which bounds the index at
   12 postings per item.
4. Scoring: `scoring.similarity` against each candidate; a story's score is its best
   link (single link), ties broken by the smaller item id.
5. Time span: a story is an event in time. An item never joins a story whose dated
   members all lie more than the window away, even through an undated member (without
   this, undated headlines bridged events months apart on the synthetic corpus).
6. Cast gate: a story of `GATE_SIZE` items or more has a cast, the names at least a
   third of its members carry. An item that names people or places, none of them in
   the cast, scores `GATE_FACTOR` times less with that story. Single link alone chains:
   on the dense synthetic corpus one story absorbed hundreds of items through one
   template-alike headline after another; the gate cut the largest story from 752 to
   165 items there and raised B-cubed F1 from 0.51 to 0.58 at no cost elsewhere.
7. Decision: join the best story when its score reaches `THRESHOLD`, else open a story.
   Other candidate stories the item also links to at `MERGE_THRESHOLD` or more are
   merged into it (an item that bridges two stories shows they are one), as long as
   the result stays within `MAX_MERGED_SIZE` items and their spans meet. Candidates of
   the story that are duplicates give the item's duplicate set.

Measured with `benchmarks/story_eval.py` (B-cubed F1 at thresholds 0.20 / 0.25 / 0.30):
labelled set 0.919 / 0.901 / 0.868 (precision 0.983 throughout: the threshold trades
recall), synthetic corpus at 5k items 0.920 / 0.938 / 0.944. 0.25 is the compromise:
a real library is denser than the labelled set (more unrelated items in each window),
which favours a higher threshold. Merging bridged stories added 0.03 on the labelled
set; without the size bound it built stories of thousands of items on the synthetic
corpus at its 100k density. Fewer candidates (`LOOKUP_KEYS` 6, `MAX_CANDIDATES` 8,
`INDEX_KEYS` 12 rather than 12, 48, every key) changed no score and halved the time.

Cost: most of the time goes to the candidates' pair scores and, as the library grows
denser, to summing lookup-key overlaps (thousands of postings per common key within
the window at 100k items). `accumulate` sums them with set operations and adds in
Python only for items met under an earlier key; `_top_candidates` ranks only the
items at or above the cut-off. Both give the reference floats, so the decisions are
unchanged.

Nothing here knows where the state lives: `StoryState` is implemented in memory
(`MemoryState`, for rebuilds and evaluation) and over SQLite
(`reader.stories.store.CachedState`, for imports). Both answer the same questions with the
same numbers, so importing items batch by batch gives the same stories as a rebuild
replaying them in the same order (tested).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Final, Protocol

from reader.stories.features import Signature
from reader.stories.scoring import WINDOW_DAYS, Profile, similarity

THRESHOLD: Final = 0.25
MERGE_THRESHOLD: Final = 0.4
MAX_MERGED_SIZE: Final = 30
GATE_SIZE: Final = 3
GATE_FACTOR: Final = 0.5
LOOKUP_KEYS: Final = 6
INDEX_KEYS: Final = 12
MAX_CANDIDATES: Final = 8
UNDATED_DF_CAP: Final = 200
KEY_POSTINGS_CAP: Final = 100
"""Postings of one lookup key looked at per item: the latest placed, nearest in time."""
UNDATED_BUCKET: Final = -(2**31)
"""Day bucket of items without a publication date."""


def bucket_of(day: float | None) -> int:
    """The inverted index's time bucket of a day number (whole days)."""
    return UNDATED_BUCKET if day is None else math.floor(day)


def window_buckets(day: float) -> tuple[int, int]:
    """First and last bucket a dated item looks in."""
    return math.floor(day - WINDOW_DAYS), math.floor(day + WINDOW_DAYS)


def index_keys(profile: Profile) -> list[str]:
    """The keys an item is indexed under: its heaviest ones (ties by key)."""
    ranked = sorted(
        zip(profile.keys, profile.weights, strict=True), key=lambda pair: (-pair[1], pair[0])
    )
    return [key for key, _ in ranked[:INDEX_KEYS]]


def bucket_lists(
    by_bucket: dict[int, list[int]], buckets: tuple[int, int] | None
) -> list[list[int]]:
    """A key's posting lists in a bucket range (every bucket when None)."""
    if buckets is None:
        return list(by_bucket.values())
    first, last = buckets
    if last - first + 1 < len(by_bucket):
        return [by_bucket[b] for b in range(first, last + 1) if b in by_bucket]
    return [items for b, items in by_bucket.items() if first <= b <= last]


def nearest_postings(lists: Sequence[list[int]], cap: int = KEY_POSTINGS_CAP) -> list[list[int]]:
    """At most `cap` postings of a key, from its latest lists and their latest entries.

    Items are placed in date order, so a list's tail and the later buckets are the items
    nearest in time. Without the cap the work per item grows with the library wherever
    a key is common within the window (a dense day, a feed of look-alike entries), and
    grouping grows with its square: 12.5k look-alike feed entries took 12.5 s, 25k 43 s.
    A key that common is no evidence of one event on its own; rarer keys find the rest.
    """
    if sum(map(len, lists)) <= cap:
        return list(lists)
    kept: list[list[int]] = []
    room = cap
    for postings in reversed(lists):
        if room <= 0:
            break
        kept.append(postings[-room:] if len(postings) > room else postings)
        room -= len(postings)
    return kept


def accumulate(totals: dict[int, float], lists: Iterable[list[int]], value: float) -> None:
    """Add `value` to the total of every item in the lists (an item is in one list).

    The same floats as adding one item at a time (`0.0 + value` is `value`), but only
    items already counted, usually a few, are added to in Python: at 100k items a
    common lookup key has thousands of postings within the window.
    """
    fresh = set(chain.from_iterable(lists))
    if totals:
        common = fresh & totals.keys()
        for item in common:
            totals[item] += value
        fresh -= common
    totals.update(dict.fromkeys(fresh, value))


def cast_of(name_counts: dict[str, int], size: int) -> set[str]:
    """A story's cast: names carried by at least a third of its members (and two)."""
    need = max(2, -(-size // 3))
    return {name for name, count in name_counts.items() if count >= need}


class StoryState(Protocol):
    """Where grouping keeps its index and memberships; `MemoryState` is the reference."""

    def total(self) -> int:
        """Items counted in the document frequencies."""
        ...

    def df(self, keys: Sequence[str]) -> dict[str, int]:
        """Document frequency of each key that has one."""
        ...

    def overlap(
        self,
        keys: Sequence[tuple[str, float]],
        buckets: tuple[int, int] | None,
        undated_keys: Sequence[tuple[str, float]],
    ) -> dict[int, float]:
        """Indexed items sharing some of the weighted keys, with the summed weight.

        `keys` count for items in the bucket range (every bucket when None),
        `undated_keys` for undated items. Weights are added in the order given, so
        every implementation gives the same floats.
        """
        ...

    def profiles(self, item_ids: Sequence[int]) -> dict[int, Profile]:
        """Profiles of indexed items."""
        ...

    def story_of(self, item_ids: Sequence[int]) -> dict[int, int]:
        """Story of each item."""
        ...

    def story_stats(self, story_ids: Sequence[int]) -> dict[int, StoryStats]:
        """Size and dated span of each story's automatically placed members."""
        ...

    def name_counts(self, story_id: int) -> dict[str, int]:
        """How many automatically placed members of a story carry each name."""
        ...

    def duplicate_root(self, item_id: int) -> int:
        """First item of an indexed item's duplicate set."""
        ...

    def count(self, sig: Signature) -> None:
        """Add an item's keys to the document frequencies."""
        ...

    def index(self, item_id: int, profile: Profile, duplicate_root: int) -> None:
        """Make an item a candidate for later items."""
        ...

    def open_story(self, item_id: int) -> int:
        """Put an item in a new story of its own; returns the story."""
        ...

    def join(self, item_id: int, story_id: int) -> None:
        """Put an item in an existing story."""
        ...

    def merge(self, story_id: int, others: Sequence[int]) -> None:
        """Move every member of `others` into `story_id`; the others disappear."""
        ...


@dataclass(frozen=True, slots=True)
class StoryStats:
    """A story's automatically placed members: how many, and their publication span."""

    members: int
    first_day: float | None = None
    last_day: float | None = None

    def admits(self, day: float | None) -> bool:
        """Whether an item of that day fits the story's time span (undated fits all)."""
        if day is None or self.first_day is None or self.last_day is None:
            return True
        return self.first_day - WINDOW_DAYS <= day <= self.last_day + WINDOW_DAYS

    def joined(self, other: StoryStats) -> StoryStats:
        """The stats of both stories as one."""
        firsts = [d for d in (self.first_day, other.first_day) if d is not None]
        lasts = [d for d in (self.last_day, other.last_day) if d is not None]
        return StoryStats(
            self.members + other.members,
            min(firsts) if firsts else None,
            max(lasts) if lasts else None,
        )

    def overlaps(self, other: StoryStats) -> bool:
        """Whether two stories' spans come within the window of each other."""
        if None in (self.first_day, self.last_day, other.first_day, other.last_day):
            return True
        assert self.first_day is not None and self.last_day is not None
        assert other.first_day is not None and other.last_day is not None
        return (
            other.first_day - WINDOW_DAYS <= self.last_day
            and self.first_day - WINDOW_DAYS <= other.last_day
        )


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the engine put an item."""

    item_id: int
    story: int | None
    """Story it joined; None when it opens a story of its own."""
    linked_to: int | None
    score: float
    duplicate_root: int
    """First item of its duplicate set (its own id when it has no duplicate)."""
    profile: Profile
    merged: tuple[int, ...] = ()
    """Other stories the item also links to strongly: they fold into `story`."""


def _top_candidates(overlap: dict[int, float]) -> list[int]:
    """The `MAX_CANDIDATES` items sharing the most weight, ties by smaller id.

    Hundreds of items share a lookup key: finding the cut-off among the bare values
    (sorted in C) and ranking only the items at or above it gives the same items as
    ranking them all, three times faster.
    """
    if len(overlap) <= MAX_CANDIDATES:
        return sorted(overlap, key=lambda other: (-overlap[other], other))
    cut = sorted(overlap.values(), reverse=True)[MAX_CANDIDATES - 1]
    above = [other for other, value in overlap.items() if value >= cut]
    above.sort(key=lambda other: (-overlap[other], other))
    return above[:MAX_CANDIDATES]


class Grouper:
    """The grouping decision for one item at a time, over any `StoryState`."""

    def __init__(
        self,
        state: StoryState,
        threshold: float = THRESHOLD,
        merge_threshold: float = MERGE_THRESHOLD,
    ) -> None:
        self.state = state
        self.threshold = threshold
        self.merge_threshold = max(threshold, merge_threshold)

    def add(self, item_id: int, sig: Signature) -> int:
        """Place a new item, record it in the state; returns its story."""
        placement = self.place(item_id, sig)
        state = self.state
        if placement.story is None:
            return state.open_story(item_id)
        state.join(item_id, placement.story)
        if placement.merged:
            state.merge(placement.story, placement.merged)
        return placement.story

    def place(self, item_id: int, sig: Signature) -> Placement:
        """Decide the story of a new item, then count and index it (not yet assigned)."""
        state = self.state
        total = state.total()
        frequencies = state.df(sig.keys)
        profile = Profile.weigh(sig, frequencies, total)
        placement = self._decide(item_id, profile, frequencies)
        state.count(sig)
        state.index(item_id, profile, placement.duplicate_root)
        return placement

    def _decide(self, item_id: int, profile: Profile, frequencies: dict[str, int]) -> Placement:
        alone = Placement(item_id, None, None, 0.0, item_id, profile)
        state = self.state
        sig = profile.sig
        weights = profile.weight_map()
        known = [key for key in profile.keys if key in frequencies]
        if not known:
            return alone
        lookup = sorted(known, key=lambda key: (-weights[key], key))[:LOOKUP_KEYS]
        weighted = [(key, weights[key]) for key in lookup]
        rare = [(key, value) for key, value in weighted if frequencies[key] <= UNDATED_DF_CAP]
        if sig.day is None:
            overlap = state.overlap(rare, None, [])
        else:
            overlap = state.overlap(weighted, window_buckets(sig.day), rare)
        overlap.pop(item_id, None)
        if not overlap:
            return alone
        chosen = _top_candidates(overlap)
        profiles = state.profiles(chosen)
        stories = state.story_of(chosen)
        best: dict[int, tuple[float, int]] = {}
        duplicates: list[int] = []
        for other in sorted(chosen):
            other_profile = profiles.get(other)
            story = stories.get(other)
            if other_profile is None or story is None:
                continue
            pair = similarity(profile, weights, other_profile, floor=self.threshold)
            if pair.duplicate:
                duplicates.append(other)
            current = best.get(story)
            if current is None or pair.value > current[0]:
                best[story] = (pair.value, other)
        if not best:
            return alone
        stats = state.story_stats(list(best))
        for story in list(best):
            # A story is an event in time: an item never joins one whose dated members
            # are all more than the window away, even through an undated member.
            if not stats.get(story, StoryStats(1)).admits(sig.day):
                del best[story]
        if not best:
            return alone
        if sig.names:
            for story, (value, linked) in list(best.items()):
                size = stats.get(story, StoryStats(1)).members
                if self.threshold <= value < 1.0 and size >= GATE_SIZE:
                    cast = cast_of(state.name_counts(story), size)
                    if cast and sig.names.isdisjoint(cast):
                        best[story] = (value * GATE_FACTOR, linked)
        ranked = sorted(best.items(), key=lambda entry: (-entry[1][0], entry[1][1]))
        story, (score, linked) = ranked[0]
        if score < self.threshold:
            return Placement(item_id, None, None, score, item_id, profile)
        merged: list[int] = []
        combined = stats.get(story, StoryStats(1)).joined(StoryStats(1, sig.day, sig.day))
        for other, (value, _) in ranked[1:]:
            if value < self.merge_threshold:
                break
            other_stats = stats.get(other, StoryStats(1))
            if combined.members + other_stats.members <= MAX_MERGED_SIZE and combined.overlaps(
                other_stats
            ):
                merged.append(other)
                combined = combined.joined(other_stats)
        together = {story, *merged}
        roots = [state.duplicate_root(other) for other in duplicates if stories[other] in together]
        root = min([item_id, *roots])
        return Placement(item_id, story, linked, score, root, profile, tuple(merged))


class MemoryState:
    """A `StoryState` in dictionaries: rebuilds, evaluation and tests.

    Stories are named by their first item's id.
    """

    def __init__(self) -> None:
        self._total = 0
        self._df: dict[str, int] = {}
        self._postings: dict[str, dict[int, list[int]]] = {}
        self._profiles: dict[int, Profile] = {}
        self._roots: dict[int, int] = {}
        self._names: dict[int, dict[str, int]] = {}
        self._spans: dict[int, tuple[float | None, float | None]] = {}
        self.stories: dict[int, int] = {}
        """Story of each item."""
        self.members: dict[int, list[int]] = {}
        """Items of each story, in placement order."""

    # ------------------------------------------------------------------ index
    def total(self) -> int:
        return self._total

    def df(self, keys: Sequence[str]) -> dict[str, int]:
        table = self._df
        return {key: table[key] for key in keys if key in table}

    def overlap(
        self,
        keys: Sequence[tuple[str, float]],
        buckets: tuple[int, int] | None,
        undated_keys: Sequence[tuple[str, float]],
    ) -> dict[int, float]:
        totals: dict[int, float] = {}
        for key, value in keys:
            by_bucket = self._postings.get(key)
            if by_bucket:
                accumulate(totals, nearest_postings(bucket_lists(by_bucket, buckets)), value)
        for key, value in undated_keys:
            by_bucket = self._postings.get(key)
            if by_bucket:
                accumulate(totals, nearest_postings([by_bucket.get(UNDATED_BUCKET, [])]), value)
        return totals

    def profiles(self, item_ids: Sequence[int]) -> dict[int, Profile]:
        table = self._profiles
        return {item: table[item] for item in item_ids if item in table}

    def duplicate_root(self, item_id: int) -> int:
        return self._roots.get(item_id, item_id)

    def count(self, sig: Signature) -> None:
        self._total += 1
        table = self._df
        for key in sig.keys:
            table[key] = table.get(key, 0) + 1

    def index(self, item_id: int, profile: Profile, duplicate_root: int) -> None:
        self._profiles[item_id] = profile
        self._roots[item_id] = duplicate_root
        bucket = bucket_of(profile.sig.day)
        postings = self._postings
        for key in index_keys(profile):
            by_bucket = postings.get(key)
            if by_bucket is None:
                by_bucket = postings[key] = {}
            items = by_bucket.get(bucket)
            if items is None:
                by_bucket[bucket] = [item_id]
            else:
                items.append(item_id)

    # ------------------------------------------------------------------ stories
    def story_of(self, item_ids: Sequence[int]) -> dict[int, int]:
        stories = self.stories
        return {item: stories[item] for item in item_ids if item in stories}

    def story_stats(self, story_ids: Sequence[int]) -> dict[int, StoryStats]:
        out: dict[int, StoryStats] = {}
        for story in story_ids:
            members = self.members.get(story)
            if members:
                first, last = self._spans.get(story, (None, None))
                out[story] = StoryStats(len(members), first, last)
        return out

    def name_counts(self, story_id: int) -> dict[str, int]:
        return self._names.get(story_id, {})

    def _add_names(self, story_id: int, item_id: int) -> None:
        profile = self._profiles.get(item_id)
        if profile is None:
            return
        day = profile.sig.day
        if day is not None:
            first, last = self._spans.get(story_id, (None, None))
            self._spans[story_id] = (
                day if first is None else min(first, day),
                day if last is None else max(last, day),
            )
        counts = self._names.setdefault(story_id, {})
        for name in profile.sig.names:
            counts[name] = counts.get(name, 0) + 1

    def open_story(self, item_id: int) -> int:
        self.stories[item_id] = item_id
        self.members[item_id] = [item_id]
        self._add_names(item_id, item_id)
        return item_id

    def join(self, item_id: int, story_id: int) -> None:
        self.stories[item_id] = story_id
        self.members[story_id].append(item_id)
        self._add_names(story_id, item_id)

    def merge(self, story_id: int, others: Sequence[int]) -> None:
        target = self.members[story_id]
        counts = self._names.setdefault(story_id, {})
        for other in others:
            for item in self.members.pop(other, []):
                self.stories[item] = story_id
                target.append(item)
            for name, count in self._names.pop(other, {}).items():
                counts[name] = counts.get(name, 0) + count
            other_first, other_last = self._spans.pop(other, (None, None))
            first, last = self._spans.get(story_id, (None, None))
            firsts = [d for d in (first, other_first) if d is not None]
            lasts = [d for d in (last, other_last) if d is not None]
            if firsts and lasts:
                self._spans[story_id] = (min(firsts), max(lasts))

    def indexed(self) -> Iterable[tuple[int, Profile, int]]:
        """Every indexed item with its profile and duplicate root, in placement order."""
        for item_id, profile in self._profiles.items():
            yield item_id, profile, self._roots[item_id]

    def span(self, story_id: int) -> tuple[float | None, float | None]:
        """First and last publication day of a story's dated members."""
        return self._spans.get(story_id, (None, None))

    def document_frequencies(self) -> dict[str, int]:
        """Every key's document frequency (for saving a rebuilt index)."""
        return dict(self._df)
