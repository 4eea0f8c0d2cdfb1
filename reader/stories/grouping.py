"""Grouping a whole set of items at once, manual fixes included: what a rebuild runs.

Manual fixes are pins. `fixes` maps an item the user placed by hand to an anchor: the
item it must share a story with (`move`), or None for a story of its own (`split`).
Pinned items stay out of automatic grouping entirely (they are neither counted in the
document frequencies nor candidates for others), so a fix never drags other items
along, and their place is decided only by their anchor, after everything else: an
anchor chain is followed to an automatically placed item (its story) or to a split
item (its own story). A chain that loops or ends at a missing item counts as a split.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

from reader.stories.engine import THRESHOLD, Grouper, MemoryState
from reader.stories.features import Signature, StoryInput, signature
from reader.worker_processes import interrupts_deferred, start_worker

_UNDATED = datetime.max.replace(tzinfo=UTC)

OrderKey = Callable[[StoryInput], tuple[datetime | str, int]]


def processing_order(item: StoryInput) -> tuple[datetime, int]:
    """The order grouping sees items in: publication date, then id (undated last)."""
    return (item.published or _UNDATED, item.id)


def resolve_anchor(item_id: int, fixes: Mapping[int, int | None]) -> int | None:
    """Follow a pinned item's anchors to the first unpinned item; None: its own story."""
    seen = {item_id}
    current = fixes.get(item_id)
    while current is not None and current in fixes:
        if current in seen:
            return None
        seen.add(current)
        target = fixes[current]
        if target is None:
            return current  # a split item: its own story, which the chain joins
        current = target
    return current


PARALLEL_FROM: Final = 4000
"""Below this many items, signatures are computed in the grouping process itself."""

_CHUNK: Final = 256


def _signatures(items: Sequence[StoryInput]) -> list[Signature]:
    return [signature(item) for item in items]


def signatures_in_order(items: Sequence[StoryInput]) -> Generator[Signature, None, None]:
    """Signatures of the items, in order; computed by helper processes for big sets.

    Signatures are pure functions of the items, so helpers change nothing but the
    time: on two cores the helper extracts features while this process groups.
    """
    workers = min(4, (os.cpu_count() or 1) - 1)
    if len(items) < PARALLEL_FROM or workers < 1:
        yield from (signature(item) for item in items)
        return
    chunks = [items[start : start + _CHUNK] for start in range(0, len(items), _CHUNK)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with interrupts_deferred():  # the pool forks its workers here
        pool = context.Pool(workers, initializer=start_worker, initargs=(os.getpid(),))
    with pool:
        for batch in pool.imap(_signatures, chunks):
            yield from batch


@dataclass(slots=True)
class Grouped:
    """The outcome of grouping a set of items."""

    state: MemoryState
    """Index and memberships of the automatically placed items."""
    story_of: dict[int, int] = field(default_factory=dict)
    """Story (named by an item id) of every item, pinned ones included."""
    pinned: dict[int, Signature] = field(default_factory=dict)
    """Signatures of the pinned items (not in the index)."""


def _signatures_with_known(
    ordered: Sequence[StoryInput], known: Mapping[int, Signature]
) -> Iterator[Signature]:
    """Signatures in order: the known ones as given, the others computed."""
    missing = [item for item in ordered if item.id not in known]
    computed = signatures_in_order(missing)
    for item in ordered:
        sig = known.get(item.id)
        yield sig if sig is not None else next(computed)


def _place_all(
    grouper: Grouper,
    grouped: Grouped,
    ordered: Sequence[StoryInput],
    fixes: Mapping[int, int | None],
    on_progress: Callable[[int, int], None] | None,
    known: Mapping[int, Signature],
) -> None:
    signatures = _signatures_with_known(ordered, known)
    for done, (item, sig) in enumerate(zip(ordered, signatures, strict=True), 1):
        if on_progress is not None and done % 1000 == 0:
            on_progress(done, len(ordered))
        if item.id in fixes:
            grouped.pinned[item.id] = sig
            continue
        grouper.add(item.id, sig)


def group_all(
    items: Iterable[StoryInput],
    fixes: Mapping[int, int | None] | None = None,
    *,
    order: OrderKey | None = None,
    threshold: float = THRESHOLD,
    on_progress: Callable[[int, int], None] | None = None,
    known: Mapping[int, Signature] | None = None,
) -> Grouped:
    """Group items from scratch, in processing order, then place pinned items.

    `known` gives signatures already extracted (a rebuild reuses the stored ones:
    signatures depend only on an item's content, and extracting them was a third of
    a rebuild's time); the items they belong to need only their id.
    """
    fixes = fixes or {}
    state = MemoryState()
    grouper = Grouper(state, threshold)
    grouped = Grouped(state)
    ordered = sorted(items, key=order or processing_order)
    # Hundreds of thousands of small immutable objects and no reference cycles: the
    # cyclic collector only rescans them (18% of a 30k-item rebuild). Paused meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _place_all(grouper, grouped, ordered, fixes, on_progress, known or {})
    finally:
        if collecting:
            gc.enable()
    story_of = grouped.story_of
    story_of.update(state.stories)
    for item in ordered:
        if item.id not in grouped.pinned:
            continue
        anchor = resolve_anchor(item.id, fixes)
        if anchor is None or (anchor not in story_of and anchor not in grouped.pinned):
            story_of[item.id] = item.id
        elif anchor in story_of:
            story_of[item.id] = story_of[anchor]
        else:
            story_of[item.id] = anchor  # the split item the chain ends at
            story_of.setdefault(anchor, anchor)
    return grouped


def group_inputs(items: Iterable[StoryInput], threshold: float = THRESHOLD) -> dict[int, int]:
    """Story of each item, as a rebuild computes it; a story is named by its first item."""
    return group_all(items, threshold=threshold).story_of
