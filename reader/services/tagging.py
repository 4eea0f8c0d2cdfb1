"""Tagging items, and untagging them, the same way from the CLI and from the app."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.library import Library, NotFoundError
from reader.library.codec import normalize_tag, tag_key

__all__ = ["ItemLacksTagError", "UnknownTagError", "add_tags", "remove_tags"]


class UnknownTagError(NotFoundError):
    """No item carries a tag of this name."""


class ItemLacksTagError(NotFoundError):
    """None of the given items carries the tag."""


def add_tags(
    library: Library, item_ids: Iterable[int], tags: Iterable[str], *, follow_duplicates: bool
) -> list[int]:
    """Tag items (and, with `follow_duplicates`, their copies from other sources); the
    ids tagged, the given ones first. Tagging twice is harmless."""
    return library.tag(item_ids, tags, follow_duplicates=follow_duplicates)


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
    candidates = library.with_duplicates(item_ids) if follow_duplicates else list(item_ids)
    carriers = [
        item.id
        for item in library.summaries(candidates)
        if wanted & {tag_key(tag) for tag in item.tags}
    ]
    library.untag(carriers, names)
    return carriers
