"""The app's edits to items, as writes for the writer thread.

Toggles read the item's state on the writer thread, just before writing: writes run in
order, so pressing `s` twice stars and unstars even while the first one still waits
for the library. The tagging service is imported there too, at the first write: it
brings the story engine, ~100 ms that the app's start-up need not pay.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.library import Library
from reader.library.codec import tag_key
from reader.model import LATER_TAG
from reader.text.wording import counted
from reader.ui.writer import Write


def open_item(item_id: int, *, follow: bool) -> Write:
    """Opening an item marks it (and its copies) read."""

    def change(lib: Library) -> list[int]:
        from reader.services.tagging import mark_read

        return mark_read(lib, [item_id], True, follow_duplicates=follow)

    return Write(change, (item_id,), refilters=False)


def toggle_read(ids: Sequence[int], *, follow: bool) -> Write:
    """One item flips; several become read."""

    def change(lib: Library) -> list[int]:
        from reader.services.tagging import mark_read

        make_read = not lib.get_item(ids[0]).read if len(ids) == 1 else True
        return mark_read(lib, ids, make_read, follow_duplicates=follow)

    return Write(change, tuple(ids))


def toggle_star(ids: Sequence[int], *, follow: bool) -> Write:
    """One item flips; several become starred."""

    def change(lib: Library) -> list[int]:
        from reader.services.tagging import mark_starred

        star = not lib.get_item(ids[0]).starred if len(ids) == 1 else True
        return mark_starred(lib, ids, star, follow_duplicates=follow)

    return Write(change, tuple(ids))


def toggle_later(ids: Sequence[int], *, follow: bool) -> Write:
    """One item on the Later list leaves it; otherwise the items join it."""
    removed = False

    def change(lib: Library) -> list[int]:
        from reader.services.tagging import add_tags, remove_tags

        nonlocal removed
        later = tag_key(LATER_TAG)
        removed = len(ids) == 1 and later in {tag_key(t) for t in lib.get_item(ids[0]).tags}
        if removed:
            return remove_tags(lib, ids, [LATER_TAG], follow_duplicates=follow)
        return add_tags(lib, ids, [LATER_TAG], follow_duplicates=follow)

    def note() -> str:
        return "Removed from Later." if removed else f"{counted(len(ids), 'item')} saved for later."

    return Write(change, tuple(ids), note)


def tag(ids: Sequence[int], tags: Sequence[str], *, follow: bool, what: str) -> Write:
    def change(lib: Library) -> list[int]:
        from reader.services.tagging import add_tags

        return add_tags(lib, ids, tags, follow_duplicates=follow)

    return Write(
        change,
        tuple(ids),
        lambda: f"Tagged {what}: {', '.join(tags)}",
    )


def untag(ids: Sequence[int], name: str, *, follow: bool) -> Write:
    def change(lib: Library) -> list[int]:
        from reader.services.tagging import remove_tags

        return remove_tags(lib, ids, [name], follow_duplicates=follow)

    return Write(
        change,
        tuple(ids),
        lambda: f"Removed tag {name}.",
    )
