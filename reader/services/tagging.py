"""Tagging items and marking them read or starred, the same way from the CLI and the app.

With `follow_duplicates` (config `duplicates_follow`) each change reaches every copy of
the item from other sources, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from reader.library import Library, NotFoundError
from reader.library.codec import normalize_tag, tag_key
from reader.services.stories import ensure_grouped, with_duplicates

__all__ = [
    "ItemLacksTagError",
    "UnknownTagError",
    "add_tags",
    "mark_read",
    "mark_starred",
    "remove_tags",
]


class UnknownTagError(NotFoundError):
    """No item carries a tag of this name."""


class ItemLacksTagError(NotFoundError):
    """None of the given items carries the tag."""


def add_tags(
    library: Library, item_ids: Iterable[int], tags: Iterable[str], *, follow_duplicates: bool
) -> list[int]:
    """Tag items (and, with `follow_duplicates`, their copies from other sources); the
    ids tagged, the given ones first. Tagging twice is harmless."""
    names = [normalize_tag(tag) for tag in tags]
    return _apply(library, item_ids, follow_duplicates, lambda ids: library.tag(ids, names))


def mark_read(
    library: Library, item_ids: Iterable[int], read: bool, *, follow_duplicates: bool
) -> list[int]:
    """Mark items read or unread (and their copies); the ids changed, given ones first."""
    return _apply(library, item_ids, follow_duplicates, lambda ids: library.set_read(ids, read))


def mark_starred(
    library: Library, item_ids: Iterable[int], starred: bool, *, follow_duplicates: bool
) -> list[int]:
    """Star or unstar items (and their copies); the ids changed, given ones first."""
    return _apply(
        library, item_ids, follow_duplicates, lambda ids: library.set_starred(ids, starred)
    )


def _apply(
    library: Library,
    item_ids: Iterable[int],
    follow_duplicates: bool,
    change: Callable[[list[int]], list[int]],
) -> list[int]:
    """Run `change` on the items, or on them and their copies, in one transaction; what
    it returns (the ids it changed)."""
    wanted = list(item_ids)
    if follow_duplicates:
        ensure_grouped(library, pending=False)  # may take its own slices: before ours
    with library.transaction():
        ids = (
            with_duplicates(library, wanted) if follow_duplicates else library.require_items(wanted)
        )
        return change(ids)


def remove_tags(
    library: Library, item_ids: Sequence[int], tags: Iterable[str], *, follow_duplicates: bool
) -> list[int]:
    """Remove tags from those of the items (and, with `follow_duplicates`, of their
    copies) that carry them; the ids changed, the given ones first.

    A tag that does not exist, or that none of the given items carries, is an error and
    nothing is changed: the user named something that is not there.
    """
    names = [normalize_tag(tag) for tag in tags]
    wanted = {tag_key(name) for name in names}
    given = list(library.summaries(list(item_ids)))
    if not given:
        raise NotFoundError(f"no item with id {item_ids[0]}" if item_ids else "no items given")
    for name in names:
        if not library.has_tag(name):
            raise UnknownTagError(f"no tag named {name!r}")
        if not any(tag_key(name) in {tag_key(tag) for tag in item.tags} for item in given):
            where = f"item {given[0].id}" if len(given) == 1 else "none of these items"
            raise ItemLacksTagError(f"{where} has no tag {name!r}")

    def untag_carriers(candidates: list[int]) -> list[int]:
        carriers = [
            item.id
            for item in library.summaries(candidates)
            if wanted & {tag_key(tag) for tag in item.tags}
        ]
        library.untag(carriers, names)
        return carriers

    return _apply(library, item_ids, follow_duplicates, untag_carriers)
